import {
  accessTokenValidatorPayload,
  applicationPayload,
  resourcePayload,
  rulePayload,
  ruleSetPayload,
  sidebandClientPayload,
  thirdPartyServicePayload,
  virtualHostPayload,
  type AccessTokenValidatorSpec,
  type ApplicationSpec,
  type ResourceSpec,
  type RuleSpec,
  type VirtualHostSpec,
} from "../builders";
import type { PingAccessClient } from "../client";
import { sameSet, type PingAccessHandler } from "./provider-core";
import type { PingAccessKind } from "./type-tokens";

type Json = Record<string, any>;

interface CollectionDefinition {
  readonly kind: PingAccessKind;
  readonly label: string;
  /** The collection path, from the inputs (resources live below their application). */
  collection(inputs: Json): string;
  readonly fields: readonly string[];
  readonly replaceOn?: readonly string[];
  readonly equal?: PingAccessHandler["equal"];
  payload(inputs: Json): Json;
  /** The input-shaped fields from PingAccess's answer (and the props, for what cannot be read back). */
  fromApi(body: Json, props: Json): Json;
  secretsOf?(inputs: Json): string[];
  /** Runs before a create (e.g. checks the server supports a rule class). */
  beforeCreate?(client: PingAccessClient, inputs: Json): Promise<void>;
}

/** Handler for an object in one collection: POST to create, GET/PUT/DELETE by id; names found through paging. */
function collectionHandler(def: CollectionDefinition): PingAccessHandler {
  const item = (inputs: Json, id: string) => `${def.collection(inputs)}/${encodeURIComponent(id)}`;
  const readBack = async (c: PingAccessClient, id: string, props: Json) => {
    const body = await c.get<Json>(item(props, id));
    return body ? def.fromApi(body, props) : undefined;
  };
  return {
    kind: def.kind,
    label: def.label,
    fields: def.fields,
    replaceOn: def.replaceOn ?? [],
    equal: def.equal,
    secretsOf: def.secretsOf,
    async create(c, inputs) {
      await def.beforeCreate?.(c, inputs);
      const created = await c.post<Json | undefined>(def.collection(inputs), def.payload(inputs));
      const id = created?.["id"] === undefined || created["id"] === null ? "" : String(created["id"]);
      if (!id) throw new Error("PingAccess answered the create without an id");
      return { id, outs: { ...def.fromApi(created!, inputs), paId: id } };
    },
    read: (c, id, props) => readBack(c, id, props),
    async update(c, id, _olds, news) {
      const body = await c.put<Json | undefined>(item(news, id), def.payload(news));
      const outs = body && typeof body === "object" ? def.fromApi(body, news) : await readBack(c, id, news);
      if (!outs) throw new Error("PingAccess does not find the object after the update; it was deleted outside this stack: run pulumi refresh");
      return { ...outs, paId: id };
    },
    async delete(c, id, props) {
      await c.delete(item(props, id));
    },
    async findByName(c, name, inputs) {
      const all = await c.list<Json>(def.collection(inputs), { name });
      const found = all.find((o) => o["name"] === name);
      return found ? String(found["id"]) : undefined;
    },
  };
}

// ---------------------------------------------------------------- sideband client

/**
 * The secrets cannot be read back (PingAccess returns `encryptedValue` only), so a read keeps the state's
 * values when the number of credentials and the header name still match, and reports a drift otherwise
 * (an empty list), which the next update repairs by sending every live secret again.
 */
export const sidebandClientHandler = collectionHandler({
  kind: "SidebandClient",
  label: "sideband client",
  collection: () => "/sidebandClients",
  fields: ["name", "description", "secretHeaderName", "secrets"],
  payload: (i) => sidebandClientPayload({ name: i["name"], description: i["description"], secretHeaderName: i["secretHeaderName"] }, i["secrets"] ?? []),
  fromApi: (body, props) => {
    const creds = (body["clientCredentials"] ?? []) as Json[];
    const headers = [...new Set(creds.map((c) => c["sharedSecretConfig"]?.["sharedSecretHeaderName"]))];
    const known = (props["secrets"] ?? []) as string[];
    return {
      name: body["name"],
      description: body["description"] ?? "",
      secretHeaderName: headers.length === 1 ? headers[0] : "",
      credentialCount: creds.length,
      secrets: creds.length === known.length ? known : [],
    };
  },
  secretsOf: (i) => ((i["secrets"] ?? []) as string[]).filter(Boolean),
});

// ---------------------------------------------------------------- third-party service (the IdP's JWKS host)
export const thirdPartyServiceHandler = collectionHandler({
  kind: "ThirdPartyService",
  label: "third-party service",
  collection: () => "/thirdPartyServices",
  fields: ["name", "host", "port"],
  payload: (i) => thirdPartyServicePayload({ name: i["name"], host: i["host"], port: Number(i["port"]) }),
  fromApi: (body) => {
    const [target = ""] = ((body["targets"] ?? []) as string[]).map(String);
    const i = target.lastIndexOf(":");
    return { name: body["name"], host: i > 0 ? target.slice(0, i) : target, port: i > 0 ? Number(target.slice(i + 1)) : 443 };
  },
});

// ---------------------------------------------------------------- access token validator

/** Validator classes and fields this server supports, read once per client (`GET /accessTokenValidators/descriptors`). */
const validatorDescriptorCache = new WeakMap<PingAccessClient, Promise<Json[]>>();

/**
 * Refuses a validator whose configuration names a field the server's descriptor of its class does not list
 * (`thirdPartyService` before 8.3.2, `skipAudienceValidation` before 8.0, or other names on this server),
 * with the fields it does list: a clear error before the first write instead of a 422 or a silently ignored field.
 */
async function assertValidatorSupported(c: PingAccessClient, inputs: Json): Promise<void> {
  let pending = validatorDescriptorCache.get(c);
  if (!pending) {
    pending = c.get<{ items?: Json[] }>("/accessTokenValidators/descriptors").then((b) => b?.items ?? []);
    validatorDescriptorCache.set(c, pending);
  }
  const descriptor = (await pending).find((d) => d["className"] === inputs["className"]);
  if (!descriptor) throw new Error(`this PingAccess server has no access token validator class ${inputs["className"]} (GET /accessTokenValidators/descriptors); see docs/pingaccess.md`);
  const known = new Set(descriptorFieldNames(descriptor["configurationFields"]));
  const sent = Object.keys((accessTokenValidatorPayload(inputs as AccessTokenValidatorSpec, "0")["configuration"] ?? {}) as Json);
  const unknown = sent.filter((f) => known.size > 0 && !known.has(f));
  if (unknown.length > 0) {
    throw new Error(
      `validator class ${inputs["className"]} on this server has no configuration field ${unknown.join(", ")} (it lists ${[...known].join(", ")}); check pingaccess.version, see docs/pingaccess.md`,
    );
  }
}

/** Every field name of a descriptor, nested ones included. */
export function descriptorFieldNames(fields: unknown): string[] {
  return ((fields ?? []) as Json[]).flatMap((f) => [String(f["name"]), ...descriptorFieldNames(f["fields"])]);
}

export const accessTokenValidatorHandler = collectionHandler({
  kind: "AccessTokenValidator",
  label: "access token validator",
  collection: () => "/accessTokenValidators",
  fields: ["name", "className", "path", "thirdPartyServiceId", "issuer", "audience", "skipAudienceValidation", "subjectAttributeName"],
  replaceOn: ["className"],
  equal: { thirdPartyServiceId: (a, b) => String(a ?? "") === String(b ?? ""), skipAudienceValidation: (a, b) => !!a === !!b },
  payload: (i) => accessTokenValidatorPayload(i as AccessTokenValidatorSpec, i["thirdPartyServiceId"] === undefined ? undefined : String(i["thirdPartyServiceId"])),
  beforeCreate: assertValidatorSupported,
  fromApi: (body) => {
    const conf = (body["configuration"] ?? {}) as Json;
    return {
      name: body["name"],
      className: body["className"],
      path: conf["path"],
      ...(conf["thirdPartyService"] ? { thirdPartyServiceId: String(conf["thirdPartyService"]) } : {}),
      issuer: conf["issuer"],
      ...(conf["audience"] ? { audience: conf["audience"] } : {}),
      skipAudienceValidation: conf["skipAudienceValidation"] === true,
      subjectAttributeName: conf["subjectAttributeName"],
    };
  },
});

// ---------------------------------------------------------------- virtual host
export const virtualHostHandler = collectionHandler({
  kind: "VirtualHost",
  label: "virtual host",
  collection: () => "/virtualhosts",
  fields: ["host", "port"],
  payload: (i) => virtualHostPayload(i as VirtualHostSpec),
  fromApi: (body) => ({ host: body["host"], port: Number(body["port"]), name: `${body["host"]}:${body["port"]}` }),
});

// ---------------------------------------------------------------- rules

/** Rule classes and fields this server supports, read once per client (`GET /rules/descriptors`). */
const descriptorCache = new WeakMap<PingAccessClient, Promise<Json[]>>();

/**
 * Refuses a rule the server cannot run: an unknown class, or a configuration field its descriptor does not
 * list. Checked before the first write, so a server without the class gets a message, not a half-made policy.
 */
async function assertRuleSupported(c: PingAccessClient, inputs: Json): Promise<void> {
  let pending = descriptorCache.get(c);
  if (!pending) {
    pending = c.get<{ items?: Json[] }>("/rules/descriptors").then((b) => b?.items ?? []);
    descriptorCache.set(c, pending);
  }
  const descriptors = await pending;
  const descriptor = descriptors.find((d) => d["className"] === inputs["className"]);
  if (!descriptor) {
    const oauth = descriptors.map((d) => `${d["className"]} (${d["label"] ?? d["type"] ?? "?"})`).filter((d) => /oauth/i.test(d));
    throw new Error(
      `this PingAccess server has no rule class ${inputs["className"]} (GET /rules/descriptors lists ${oauth.length > 0 ? oauth.join(", ") : "no OAuth rule classes"}); check the PingAccess version, see docs/pingaccess.md`,
    );
  }
  const known = new Set(((descriptor["configurationFields"] ?? []) as Json[]).map((f) => String(f["name"])));
  const unknown = Object.keys((rulePayload(inputs as RuleSpec)["configuration"] ?? {}) as Json).filter((f) => known.size > 0 && !known.has(f));
  if (unknown.length > 0) {
    throw new Error(`rule class ${inputs["className"]} on this server has no configuration field ${unknown.join(", ")}; check the PingAccess version, see docs/pingaccess.md`);
  }
}

export const ruleHandler = collectionHandler({
  kind: "Rule",
  label: "rule",
  collection: () => "/rules",
  fields: ["name", "kind", "className", "value", "claim"],
  replaceOn: ["className"],
  payload: (i) => rulePayload(i as RuleSpec),
  beforeCreate: assertRuleSupported,
  fromApi: (body, props) => {
    const conf = (body["configuration"] ?? {}) as Json;
    const kind = props["kind"];
    return {
      name: body["name"],
      className: body["className"],
      kind,
      value: kind === "scope" ? conf["scope"] : conf["attributeValue"],
      claim: kind === "scope" ? props["claim"] : conf["attributeName"],
    };
  },
});

export const ruleSetHandler = collectionHandler({
  kind: "RuleSet",
  label: "rule set",
  collection: () => "/rulesets",
  fields: ["name", "successCriteria", "ruleIds"],
  equal: { ruleIds: sameSet },
  payload: (i) => ruleSetPayload({ name: i["name"], successCriteria: i["successCriteria"], rules: (i["rules"] ?? []) as string[] }, idsByName(i["rules"], i["ruleIds"])),
  fromApi: (body, props) => ({
    name: body["name"],
    successCriteria: body["successCriteria"],
    ruleIds: ((body["policy"] ?? []) as unknown[]).map(Number),
    rules: props["rules"],
  }),
});

/** `names[i]` has id `ids[i]` (both lists come from the component in the same order). */
function idsByName(names: unknown, ids: unknown): Record<string, number> {
  const n = (names ?? []) as string[];
  const i = (ids ?? []) as unknown[];
  return Object.fromEntries(n.map((name, k) => [name, Number(i[k])]));
}

// ---------------------------------------------------------------- application and resources
export const applicationHandler = collectionHandler({
  kind: "Application",
  label: "application",
  collection: () => "/applications",
  fields: ["name", "description", "contextRoot", "caseSensitivePath", "sidebandClientId", "accessValidatorId", "virtualHostIds"],
  equal: { virtualHostIds: sameSet, accessValidatorId: (a, b) => Number(a) === Number(b) },
  payload: (i) =>
    applicationPayload(i as ApplicationSpec, {
      sidebandClientId: String(i["sidebandClientId"]),
      accessValidatorId: Number(i["accessValidatorId"]),
      virtualHostIds: ((i["virtualHostIds"] ?? []) as unknown[]).map(Number),
    }),
  fromApi: (body) => ({
    name: body["name"],
    description: body["description"] ?? "",
    contextRoot: body["contextRoot"],
    caseSensitivePath: body["caseSensitivePath"],
    sidebandClientId: body["sidebandClientId"] === undefined ? undefined : String(body["sidebandClientId"]),
    accessValidatorId: body["accessValidatorId"],
    virtualHostIds: ((body["virtualHostIds"] ?? []) as unknown[]).map(Number),
  }),
});

/**
 * A resource's policy refers to rules by id; `policy` in the inputs holds `{type, name, id}` so a diff shows
 * which rule changed. `scopes` and `groups` record what the policy requires, for the policy pack.
 */
export const resourceHandler = collectionHandler({
  kind: "Resource",
  label: "resource",
  collection: (i) => `/applications/${encodeURIComponent(String(i["applicationId"]))}/resources`,
  fields: ["name", "methods", "pathPatterns", "policy", "applicationId"],
  replaceOn: ["applicationId"],
  equal: { applicationId: (a, b) => String(a) === String(b) },
  payload: (i) => {
    const policy = (i["policy"] ?? []) as { type: "Rule" | "RuleSet"; name: string; id: unknown }[];
    const ids = Object.fromEntries(policy.map((p) => [p.name, Number(p.id)]));
    return resourcePayload({ ...(i as ResourceSpec), policy }, ids);
  },
  fromApi: (body, props) => {
    const items = ((body["policy"] ?? {})["API"] ?? []) as Json[];
    const named = (props["policy"] ?? []) as Json[];
    return {
      name: body["name"],
      methods: body["methods"],
      pathPatterns: ((body["pathPatterns"] ?? []) as Json[]).map((p) => ({ type: p["type"], pattern: p["pattern"] })),
      // Names are the stack's; a policy item PingAccess holds that the stack does not know shows as a change.
      policy: items.map((p) => {
        const known = named.find((n) => Number(n["id"]) === Number(p["id"]) && n["type"] === p["type"]);
        return { type: p["type"], name: known?.["name"] ?? `unknown ${p["type"]} ${p["id"]}`, id: p["id"] };
      }),
      applicationId: props["applicationId"],
    };
  },
});

export const PINGACCESS_HANDLERS: Readonly<Record<PingAccessKind, PingAccessHandler>> = {
  SidebandClient: sidebandClientHandler,
  ThirdPartyService: thirdPartyServiceHandler,
  AccessTokenValidator: accessTokenValidatorHandler,
  VirtualHost: virtualHostHandler,
  Rule: ruleHandler,
  RuleSet: ruleSetHandler,
  Application: applicationHandler,
  Resource: resourceHandler,
};
