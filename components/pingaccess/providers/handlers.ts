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
  describeDescriptors,
  ruleConfiguration,
  ruleDescriptorFor,
  ruleIntentOf,
  type RuleDescriptor,
  type VirtualHostSpec,
} from "../builders";
import type { PingAccessClient } from "../client";
import { jsonEqual, sameMembers } from "../../shared/dynamic-provider";
import type { PingAccessHandler } from "./provider-core";
import { PINGACCESS_COLLECTIONS, pingAccessCollection, type PingAccessKind } from "./type-tokens";

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
  /** The request body, where it depends on what the server says (rules: its descriptors); default payload(). */
  preparePayload?(client: PingAccessClient, inputs: Json): Promise<Json>;
  /** Runs before a create (e.g. checks the server supports a rule class). */
  beforeCreate?(client: PingAccessClient, inputs: Json): Promise<void>;
  /** Runs after a create with PingAccess's answer; returns the answer to record (e.g. after a correcting PUT). */
  afterCreate?(client: PingAccessClient, id: string, created: Json, inputs: Json): Promise<Json>;
  /** The body of an update from the inputs and the object as it is (fields the stack does not own are kept). */
  updateBody?(client: PingAccessClient, id: string, inputs: Json): Promise<Json>;
  /** Finds an existing object's id by what makes it unique (default: its name, `?name=`). */
  findExisting?(client: PingAccessClient, inputs: Json): Promise<string | undefined>;
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
      let created = await c.post<Json | undefined>(def.collection(inputs), def.preparePayload ? await def.preparePayload(c, inputs) : def.payload(inputs));
      const id = created?.["id"] === undefined || created["id"] === null ? "" : String(created["id"]);
      if (!id) throw new Error("PingAccess answered the create without an id");
      if (def.afterCreate) created = await def.afterCreate(c, id, created!, inputs);
      return { id, outs: { ...def.fromApi(created!, inputs), paId: id } };
    },
    read: (c, id, props) => readBack(c, id, props),
    async update(c, id, _olds, news) {
      const body = await c.put<Json | undefined>(item(news, id), def.updateBody ? await def.updateBody(c, id, news) : def.preparePayload ? await def.preparePayload(c, news) : def.payload(news));
      const outs = body && typeof body === "object" ? def.fromApi(body, news) : await readBack(c, id, news);
      if (!outs) throw new Error("PingAccess does not find the object after the update; it was deleted outside this stack: run pulumi refresh");
      return { ...outs, paId: id };
    },
    async delete(c, id, props) {
      await c.delete(item(props, id));
    },
    async findByName(c, name, inputs) {
      if (def.findExisting) return def.findExisting(c, inputs);
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
  collection: () => PINGACCESS_COLLECTIONS.SidebandClient,
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
  collection: () => PINGACCESS_COLLECTIONS.ThirdPartyService,
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
    pending = c.get<{ items?: Json[] }>(`${PINGACCESS_COLLECTIONS.AccessTokenValidator}/descriptors`).then((b) => b?.items ?? []);
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
  collection: () => PINGACCESS_COLLECTIONS.AccessTokenValidator,
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
  collection: () => PINGACCESS_COLLECTIONS.VirtualHost,
  fields: ["host", "port"],
  payload: (i) => virtualHostPayload(i as VirtualHostSpec),
  fromApi: (body) => ({ host: body["host"], port: Number(body["port"]), name: `${body["host"]}:${body["port"]}` }),
  // Virtual hosts have no name: the list filters by `virtualHost=host:port` (Admin API, GET /virtualhosts).
  findExisting: async (c, inputs) => {
    const wanted = `${inputs["host"]}:${inputs["port"]}`;
    const found = (await c.list<Json>(PINGACCESS_COLLECTIONS.VirtualHost, { virtualHost: wanted })).find((o) => `${o["host"]}:${o["port"]}` === wanted);
    return found ? String(found["id"]) : undefined;
  },
});

// ---------------------------------------------------------------- rules

/** The rule descriptors this server lists, read once per client (`GET /rules/descriptors`). */
const descriptorCache = new WeakMap<PingAccessClient, Promise<RuleDescriptor[]>>();

async function ruleDescriptors(c: PingAccessClient): Promise<RuleDescriptor[]> {
  let pending = descriptorCache.get(c);
  if (!pending) {
    pending = c.get<{ items?: RuleDescriptor[] } | RuleDescriptor[]>(`${PINGACCESS_COLLECTIONS.Rule}/descriptors`).then((b) => (Array.isArray(b) ? b : (b?.items ?? [])));
    descriptorCache.set(c, pending);
  }
  return pending;
}

/**
 * The rule's body from the server's own descriptors: the OAuth scope or OAuth attribute-value rule type picked
 * by descriptor, its configuration built from that descriptor's fields (flat, nested or a table of rows). A
 * server without a matching rule type gets a message listing the descriptors it has, before anything is written.
 */
async function ruleBody(c: PingAccessClient, inputs: Json): Promise<Json> {
  const kind = inputs["kind"] as RuleSpec["kind"];
  const descriptors = await ruleDescriptors(c);
  const descriptor = ruleDescriptorFor(kind, descriptors);
  if (!descriptor) {
    throw new Error(
      `this PingAccess server lists no ${kind === "scope" ? "OAuth scope" : "OAuth attribute-value"} rule type with ${kind === "scope" ? "a scope field" : "attribute name and value fields"} (GET /rules/descriptors: ${describeDescriptors(descriptors)}); check the PingAccess version and its rule plugins, see docs/pingaccess.md`,
    );
  }
  return {
    className: descriptor.className,
    name: inputs["name"],
    configuration: ruleConfiguration({ kind, value: String(inputs["value"]), claim: String(inputs["claim"]) }, descriptor),
  };
}

export const ruleHandler = collectionHandler({
  kind: "Rule",
  label: "rule",
  collection: () => PINGACCESS_COLLECTIONS.Rule,
  fields: ["name", "kind", "value", "claim"],
  replaceOn: ["kind"],
  // Only for a caller without a server (the plan's artifact): the shape a flat descriptor gives.
  payload: (i) => rulePayload(i as RuleSpec),
  preparePayload: ruleBody,
  fromApi: (body, props) => {
    const kind = props["kind"] as RuleSpec["kind"];
    const read = ruleIntentOf(kind, body["configuration"]);
    return {
      name: body["name"],
      className: body["className"],
      kind,
      value: read.value ?? "",
      claim: kind === "scope" ? props["claim"] : (read.claim ?? ""),
    };
  },
});

export const ruleSetHandler = collectionHandler({
  kind: "RuleSet",
  label: "rule set",
  collection: () => PINGACCESS_COLLECTIONS.RuleSet,
  fields: ["name", "successCriteria", "ruleIds"],
  equal: { ruleIds: sameMembers },
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
const applicationBody = (i: Json) =>
  applicationPayload(i as ApplicationSpec, {
    sidebandClientId: String(i["sidebandClientId"]),
    accessValidatorId: Number(i["accessValidatorId"]),
    virtualHostIds: ((i["virtualHostIds"] ?? []) as unknown[]).map(Number),
  });

export const applicationHandler = collectionHandler({
  kind: "Application",
  label: "application",
  collection: () => PINGACCESS_COLLECTIONS.Application,
  fields: ["name", "description", "contextRoot", "caseSensitivePath", "enabled", "sidebandClientId", "accessValidatorId", "virtualHostIds"],
  equal: { virtualHostIds: sameMembers, accessValidatorId: (a, b) => Number(a) === Number(b), enabled: (a, b) => (a ?? true) === (b ?? true) },
  payload: applicationBody,
  /**
   * PingAccess 9.0.1 is reported to create an application disabled whatever `enabled` says: read the answer,
   * and where it is disabled, enable it with one PUT and check that it took.
   */
  afterCreate: async (c, id, created, inputs) => {
    if (created["enabled"] !== false) return created;
    const path = pingAccessCollection("ResourceOrder", encodeURIComponent(id));
    const put = await c.put<Json | undefined>(path, applicationBody(inputs));
    const now = put && typeof put === "object" && "enabled" in put ? put : await c.get<Json>(path);
    if (now?.["enabled"] === false) throw new Error(`PingAccess created application ${id} disabled and left it disabled after a PUT with enabled: true; enable it in the console and run pulumi up again`);
    return { ...created, ...now };
  },
  // The resource order (manualOrderingEnabled, resourceOrder) belongs to the ResourceOrder resource: keep it.
  updateBody: async (c, id, inputs) => {
    const current = await c.get<Json>(`/applications/${encodeURIComponent(id)}`);
    const keep = current?.["manualOrderingEnabled"] ? { manualOrderingEnabled: true, resourceOrder: current["resourceOrder"] ?? [] } : {};
    return { ...applicationBody(inputs), ...keep };
  },
  fromApi: (body) => ({
    enabled: body["enabled"],
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
  collection: (i) => pingAccessCollection("Resource", encodeURIComponent(String(i["applicationId"]))),
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

// ---------------------------------------------------------------- resource order

/**
 * PingAccess takes the first resource of an application whose path pattern matches the request. Kong prefers a
 * route with methods over one without, then the longer path: the stack orders the resources the same way
 * (manual ordering, `resourceOrder` on the application), once every resource exists. The object is the
 * application's ordering, so its id is the application's; deleting it turns manual ordering off.
 */
export const resourceOrderHandler: PingAccessHandler = {
  kind: "ResourceOrder",
  label: "resource order",
  fields: ["applicationId", "resourceIds"],
  replaceOn: ["applicationId"],
  equal: { applicationId: (a, b) => String(a) === String(b), resourceIds: (a, b) => jsonEqual(((a ?? []) as unknown[]).map(Number), ((b ?? []) as unknown[]).map(Number)) },
  async create(c, inputs) {
    const id = String(inputs["applicationId"]);
    return { id, outs: { ...(await writeOrder(c, id, inputs)), paId: id } };
  },
  async read(c, id, props) {
    const app = await c.get<Json>(pingAccessCollection("ResourceOrder", encodeURIComponent(id)));
    if (!app) return undefined;
    return { applicationId: id, resourceIds: app["manualOrderingEnabled"] ? ((app["resourceOrder"] ?? []) as unknown[]).map(Number) : [], resources: props["resources"] };
  },
  async update(c, id, _olds, news) {
    return { ...(await writeOrder(c, id, news)), paId: id };
  },
  async delete(c, id) {
    const path = pingAccessCollection("ResourceOrder", encodeURIComponent(id));
    const app = await c.get<Json>(path);
    if (app) await c.put(path, { ...app, manualOrderingEnabled: false, resourceOrder: [] });
  },
};

async function writeOrder(c: PingAccessClient, id: string, inputs: Json): Promise<Json> {
  const path = pingAccessCollection("ResourceOrder", encodeURIComponent(id));
  const app = await c.get<Json>(path);
  if (!app) throw new Error(`application ${id} does not exist; run pulumi refresh`);
  const resourceIds = ((inputs["resourceIds"] ?? []) as unknown[]).map(Number);
  await c.put(path, { ...app, manualOrderingEnabled: true, resourceOrder: resourceIds });
  return { applicationId: id, resourceIds, resources: inputs["resources"] };
}

export const PINGACCESS_HANDLERS: Readonly<Record<PingAccessKind, PingAccessHandler>> = {
  SidebandClient: sidebandClientHandler,
  ThirdPartyService: thirdPartyServiceHandler,
  AccessTokenValidator: accessTokenValidatorHandler,
  VirtualHost: virtualHostHandler,
  Rule: ruleHandler,
  RuleSet: ruleSetHandler,
  Application: applicationHandler,
  Resource: resourceHandler,
  ResourceOrder: resourceOrderHandler,
};
