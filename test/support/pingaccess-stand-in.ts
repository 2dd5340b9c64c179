import { startStandInServer, type RecordedRequest, type Reply, type StandInServer } from "./stand-in-server";

/**
 * A loopback stand-in of the PingAccess Admin API (7.3 shapes) under /pa-admin-api/v3: HTTP Basic auth (401
 * otherwise), the X-XSRF-Header every request must carry (refused with 403 without it: PingAccess documents
 * the requirement, not the status), JSON bodies, paging with `?page=&numberPerPage=` answering `{items}`,
 * 422 `ApiError {flash, form}` for invalid or duplicate objects, write-only secrets (only `encryptedValue` is
 * returned), and `/rules/descriptors`. What it does not do is listed in docs/pingaccess.md.
 */
export interface PingAccessStandIn {
  readonly server: StandInServer;
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** Objects by collection (`sidebandClients`, `rules`, ..., `resources`) and id, as stored (secrets in clear). */
  readonly store: Record<string, Map<string, Record<string, any>>>;
  /** What `GET /rules/descriptors` lists; `useRuleShape` switches between plausible shapes (the real ones are unknown). */
  readonly ruleDescriptors: any[];
  useRuleShape(shape: RuleDescriptorShape): void;
  /** Access token validator classes and their configuration fields (`GET /accessTokenValidators/descriptors`). */
  readonly validatorClasses: Map<string, string[]>;
  /** Behaviour switches a test flips: `createsApplicationsDisabled` is what PA 9.0.1 is reported to do. */
  readonly behaviour: { createsApplicationsDisabled: boolean };
  /**
   * The resource PingAccess would apply to a request: resources in the application's order (its manual
   * `resourceOrder` when `manualOrderingEnabled`, else creation order), the first whose WILDCARD pattern matches
   * the path and whose methods include the request's (or `*`).
   */
  resourceFor(applicationId: string, method: string, path: string): Record<string, any> | undefined;
  close(): Promise<void>;
}

export const API = "/pa-admin-api/v3";

/**
 * Plausible shapes of PingAccess's OAuth rule descriptors (ConfigurationField: name, type, label, required,
 * default, nested `fields`): no public source shows the real ones, so the provider is tested against each.
 * flat: scalar fields under guessed class names; nested: fields grouped in COMPOSITE parents under other class
 * names; table: the attribute rule as a TABLE of name/value rows (as the PA 8–9 console shows it); none: no OAuth
 * rule type at all.
 */
export type RuleDescriptorShape = "flat" | "nested" | "table" | "none";

const field = (name: string, extra: Record<string, unknown> = {}) => ({ name, label: name, type: "TEXT", required: false, ...extra });
const ERROR_FIELDS = [field("errorResponseCode", { default: "403" }), field("errorResponseStatusMsg", { default: "Forbidden" }), field("errorResponseContentType")];
const CIDR = { className: "com.pingidentity.pa.policy.CIDRPolicyInterceptor", type: "CIDR", label: "Network Range", configurationFields: [field("cidrNotation", { required: true }), field("negate", { type: "CHECKBOX" })] };

export function ruleDescriptorsOf(shape: RuleDescriptorShape): any[] {
  if (shape === "flat") {
    return [
      { className: "com.pingidentity.pa.policy.OAuthScopePolicyInterceptor", type: "OAuthScope", label: "OAuth Scope", configurationFields: [field("scope", { required: true }), field("negate", { type: "CHECKBOX" }), ...ERROR_FIELDS] },
      {
        className: "com.pingidentity.pa.policy.OAuthAttributeValuePolicyInterceptor",
        type: "OAuthAttributeValue",
        label: "OAuth Attribute Value",
        configurationFields: [field("attributeName", { required: true }), field("attributeValue", { required: true }), field("negate", { type: "CHECKBOX" }), ...ERROR_FIELDS],
      },
      CIDR,
    ];
  }
  if (shape === "nested") {
    return [
      CIDR,
      {
        className: "com.pingidentity.pa.rules.oauth.ScopeRule",
        type: "OAuthScopeRule",
        label: "OAuth Scope",
        configurationFields: [
          field("scopeSettings", { type: "COMPOSITE", fields: [field("scope", { required: true }), field("negate", { type: "CHECKBOX" })] }),
          field("errorResponse", { type: "COMPOSITE", fields: ERROR_FIELDS }),
        ],
      },
      {
        className: "com.pingidentity.pa.rules.oauth.AttributeValueRule",
        type: "OAuthAttributeValueRule",
        label: "OAuth Attribute Value",
        configurationFields: [
          field("attribute", { type: "COMPOSITE", fields: [field("attributeName", { required: true, label: "Attribute Name" }), field("attributeValue", { required: true, label: "Attribute Value" })] }),
          field("negate", { type: "CHECKBOX" }),
          field("errorResponse", { type: "COMPOSITE", fields: ERROR_FIELDS }),
        ],
      },
    ];
  }
  if (shape === "table") {
    return [
      // A decoy: an attribute rule that is not OAuth (web session attributes).
      { className: "com.pingidentity.pa.policy.WebSessionAttributePolicyInterceptor", type: "WebSessionAttribute", label: "Web Session Attribute", configurationFields: [field("attributeName"), field("attributeValue")] },
      { className: "com.pingidentity.pa.policy.OAuthScopeRuleInterceptor", type: "OAuthScope", label: "OAuth Scope", configurationFields: [field("scope", { required: true }), ...ERROR_FIELDS] },
      {
        className: "com.pingidentity.pa.policy.OAuthAttributeValueRuleInterceptor",
        type: "OAuthAttributeValue",
        label: "OAuth Attribute Value",
        configurationFields: [
          field("attributes", { type: "TABLE", label: "Attributes", required: true, fields: [field("key", { label: "Attribute Name", required: true }), field("value", { label: "Attribute Value", required: true })] }),
          field("negate", { type: "CHECKBOX" }),
          ...ERROR_FIELDS,
        ],
      },
    ];
  }
  return [CIDR, { className: "com.pingidentity.pa.policy.RateLimitPolicyInterceptor", type: "RateLimiting", label: "Rate Limiting", configurationFields: [field("maxBurstRequests")] }];
}

/** Problems of a rule configuration against its descriptor's fields: unknown keys, missing required ones, wrong shapes. */
function configurationProblems(fields: any[], conf: any, at = "configuration"): string[] {
  if (!conf || typeof conf !== "object" || Array.isArray(conf)) return [`${at}: expected an object`];
  const known = new Map(fields.map((f) => [f.name, f]));
  const problems = Object.keys(conf).filter((k) => !known.has(k)).map((k) => `${at}.${k}: unknown field`);
  for (const f of fields) {
    const v = conf[f.name];
    if (v === undefined) {
      if (f.required) problems.push(`${at}.${f.name}: is required`);
      continue;
    }
    if (f.type === "TABLE") {
      if (!Array.isArray(v) || v.length === 0) problems.push(`${at}.${f.name}: expected rows`);
      else v.forEach((row: any, i: number) => problems.push(...configurationProblems(f.fields, row, `${at}.${f.name}[${i}]`)));
    } else if (f.type === "COMPOSITE") problems.push(...configurationProblems(f.fields, v, `${at}.${f.name}`));
    else if (typeof v === "object") problems.push(`${at}.${f.name}: expected a value`);
  }
  return problems;
}
const COLLECTIONS = ["sidebandClients", "thirdPartyServices", "accessTokenValidators", "virtualhosts", "rules", "rulesets", "applications"] as const;

export async function startPingAccessStandIn(options: { username?: string; password?: string } = {}): Promise<PingAccessStandIn> {
  const server = await startStandInServer();
  const username = options.username ?? "Administrator";
  const password = options.password ?? "stand-in-admin-password-7f3c";
  const store: Record<string, Map<string, Record<string, any>>> = Object.fromEntries([...COLLECTIONS, "resources"].map((c) => [c, new Map()]));
  const ruleDescriptors: any[] = ruleDescriptorsOf("flat");
  const useRuleShape = (shape: RuleDescriptorShape) => ruleDescriptors.splice(0, ruleDescriptors.length, ...ruleDescriptorsOf(shape));
  // The JWKS validator's fields as a 9.x console shows them (a 7.x server lists neither thirdPartyService nor skipAudienceValidation).
  const validatorClasses = new Map<string, string[]>([
    ["com.pingidentity.pa.accesstokenvalidators.JwksEndpoint", ["path", "thirdPartyService", "subjectAttributeName", "issuer", "audience", "skipAudienceValidation"]],
  ]);
  const behaviour = { createsApplicationsDisabled: false };
  let nextId = 10;
  const expectedAuth = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

  /** Auth and XSRF first, as PingAccess checks them before anything else. */
  const guard = (req: RecordedRequest): Reply | undefined => {
    if (req.headers["authorization"] !== expectedAuth) return { status: 401, body: { flash: ["Authentication failed"], form: {} } };
    if (req.headers["x-xsrf-header"] !== "PingAccess") return { status: 403, body: { flash: ["Missing X-XSRF-Header"], form: {} } };
    return undefined;
  };
  const invalid = (form: Record<string, string[]>): Reply => ({ status: 422, body: { flash: ["Validation failed"], form } });
  const present = (collection: string, obj: Record<string, any>) => {
    if (collection !== "sidebandClients") return obj;
    return {
      ...obj,
      clientCredentials: (obj["clientCredentials"] ?? []).map((c: any) => ({
        ...c,
        created: "2026-01-01 00:00:00+00:00",
        sharedSecretConfig: { ...c.sharedSecretConfig, secret: { encryptedValue: `enc(${Buffer.from(String(c.sharedSecretConfig?.secret?.value ?? "")).toString("base64").length})` } },
      })),
    };
  };
  const validate = (collection: string, body: any, id?: string): Record<string, string[]> => {
    const form: Record<string, string[]> = {};
    const need = (field: string) => {
      if (body?.[field] === undefined || body?.[field] === "") form[field] = ["is required"];
    };
    if (collection === "virtualhosts") {
      need("host");
      if (!(Number.isInteger(body?.port) && body.port >= 1 && body.port <= 65535)) form["port"] = ["must be between 1 and 65535"];
    } else need("name");
    if (collection === "sidebandClients" && !(body?.clientCredentials?.length > 0)) form["clientCredentials"] = ["at least one credential is required"];
    if (collection === "rules") {
      const descriptor = ruleDescriptors.find((d) => d.className === body?.className);
      if (!descriptor) form["className"] = ["unknown rule type"];
      else {
        const problems = configurationProblems(descriptor.configurationFields, body?.configuration);
        if (problems.length > 0) form["configuration"] = problems;
      }
    }
    if (collection === "accessTokenValidators") {
      const conf = body?.configuration ?? {};
      // PingAccess's console rule: a path starting with / and not ending with /, never a URL.
      if (typeof conf.path !== "string" || !conf.path.startsWith("/") || (conf.path.length > 1 && conf.path.endsWith("/"))) form["configuration.path"] = ["must start with / and must not end with /"];
      if (conf.thirdPartyService !== undefined && !store["thirdPartyServices"]!.has(String(conf.thirdPartyService))) form["configuration.thirdPartyService"] = ["no such third-party service"];
    }
    if (collection === "thirdPartyServices" && !(Array.isArray(body?.targets) && body.targets.length > 0 && body.targets.every((t: unknown) => /^[^:\s]+:\d+$/.test(String(t))))) {
      form["targets"] = ["at least one host:port target is required"];
    }
    if (collection === "applications") {
      for (const f of ["sidebandClientId", "contextRoot", "virtualHostIds"]) need(f);
      if (body?.sidebandClientId && !store["sidebandClients"]!.has(String(body.sidebandClientId))) form["sidebandClientId"] = ["no such sideband client"];
      if (body?.manualOrderingEnabled) {
        // "Each existing resource ID must be represented" (Application.resourceOrder, Admin API).
        const own = [...store["resources"]!.values()].filter((r) => String(r["applicationId"]) === String(id)).map((r) => Number(r["id"])).sort();
        const given = [...(body.resourceOrder ?? [])].map(Number).sort();
        if (JSON.stringify(own) !== JSON.stringify(given)) form["resourceOrder"] = ["must list every resource of the application exactly once"];
      }
    }
    const key = collection === "virtualhosts" ? `${body?.host}:${body?.port}` : body?.name;
    const clash = [...store[collection]!.entries()].find(([k, o]) => k !== id && (collection === "virtualhosts" ? `${o["host"]}:${o["port"]}` : o["name"]) === key);
    if (clash) form[collection === "virtualhosts" ? "host" : "name"] = ["already in use"];
    return form;
  };

  for (const collection of COLLECTIONS) {
    const base = `${API}/${collection}`;
    server.route("GET", base, (req) => {
      const denied = guard(req);
      if (denied) return denied;
      const page = Number(req.query.get("page") ?? 1);
      const size = Number(req.query.get("numberPerPage") ?? 1000);
      // Virtual hosts have no name: they filter by virtualHost=host[:port] (any other filter is ignored, as PingAccess does).
      const name = collection === "virtualhosts" ? null : req.query.get("name");
      const vh = collection === "virtualhosts" ? req.query.get("virtualHost") : null;
      const all = [...store[collection]!.values()]
        .filter((o) => !name || o["name"] === name)
        .filter((o) => !vh || `${o["host"]}:${o["port"]}` === vh || (!vh.includes(":") && o["host"] === vh))
        .map((o) => present(collection, o));
      return { status: 200, body: { items: all.slice((page - 1) * size, page * size) } };
    });
    server.route("POST", base, (req) => {
      const denied = guard(req);
      if (denied) return denied;
      const form = validate(collection, req.body);
      if (Object.keys(form).length > 0) return invalid(form);
      const id = collection === "sidebandClients" ? `sbc-${nextId++}` : String(nextId++);
      const obj = { ...req.body, id: collection === "sidebandClients" ? id : Number(id), ...(collection === "applications" && behaviour.createsApplicationsDisabled ? { enabled: false } : {}) };
      store[collection]!.set(id, obj);
      return { status: 200, body: present(collection, obj) };
    });
    server.route("GET", `${base}/:id`, (req, p) => {
      const denied = guard(req);
      if (denied) return denied;
      const obj = store[collection]!.get(p["id"]!);
      return obj ? { status: 200, body: present(collection, obj) } : { status: 404, body: { flash: ["Not found"], form: {} } };
    });
    server.route("PUT", `${base}/:id`, (req, p) => {
      const denied = guard(req);
      if (denied) return denied;
      if (!store[collection]!.has(p["id"]!)) return { status: 404, body: { flash: ["Not found"], form: {} } };
      const form = validate(collection, req.body, p["id"]);
      if (Object.keys(form).length > 0) return invalid(form);
      const obj = { ...req.body, id: store[collection]!.get(p["id"]!)!["id"] };
      store[collection]!.set(p["id"]!, obj);
      return { status: 200, body: present(collection, obj) };
    });
    server.route("DELETE", `${base}/:id`, (req, p) => {
      const denied = guard(req);
      if (denied) return denied;
      return store[collection]!.delete(p["id"]!) ? { status: 200 } : { status: 404, body: { flash: ["Not found"], form: {} } };
    });
  }
  // Resources live below their application.
  const resources = `${API}/applications/:app/resources`;
  server.route("POST", resources, (req, p) => {
    const denied = guard(req);
    if (denied) return denied;
    if (!store["applications"]!.has(p["app"]!)) return { status: 404, body: { flash: ["No such application"], form: {} } };
    const form: Record<string, string[]> = {};
    if (!req.body?.name) form["name"] = ["is required"];
    if (!(req.body?.methods?.length > 0)) form["methods"] = ["at least one method is required"];
    if ([...store["resources"]!.values()].some((r) => r["applicationId"] === Number(p["app"]) && r["name"] === req.body?.name)) form["name"] = ["already in use"];
    if (Object.keys(form).length > 0) return invalid(form);
    const id = String(nextId++);
    const obj = { ...req.body, id: Number(id), applicationId: Number(p["app"]) };
    store["resources"]!.set(id, obj);
    return { status: 200, body: obj };
  });
  for (const method of ["GET", "PUT", "DELETE"]) {
    server.route(method, `${resources}/:id`, (req, p) => {
      const denied = guard(req);
      if (denied) return denied;
      const obj = store["resources"]!.get(p["id"]!);
      if (!obj || obj["applicationId"] !== Number(p["app"])) return { status: 404, body: { flash: ["Not found"], form: {} } };
      if (method === "GET") return { status: 200, body: obj };
      if (method === "DELETE") return store["resources"]!.delete(p["id"]!), { status: 200 };
      const next = { ...req.body, id: obj["id"], applicationId: obj["applicationId"] };
      store["resources"]!.set(p["id"]!, next);
      return { status: 200, body: next };
    });
  }
  server.route("GET", `${API}/rules/descriptors`, (req) => {
    const denied = guard(req);
    if (denied) return denied;
    return { status: 200, body: { items: structuredClone(ruleDescriptors) } };
  });

  server.route("GET", `${API}/accessTokenValidators/descriptors`, (req) => {
    const denied = guard(req);
    if (denied) return denied;
    return {
      status: 200,
      body: { items: [...validatorClasses].map(([className, fields]) => ({ className, label: "JWKS Endpoint", type: className.split(".").pop(), configurationFields: fields.map((name) => ({ name, type: "TEXT" })) })) },
    };
  });

  const wildcard = (pattern: string, path: string) => new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(path);
  const resourceFor = (applicationId: string, method: string, path: string) => {
    const app = store["applications"]!.get(applicationId);
    if (!app) return undefined;
    const own = [...store["resources"]!.values()].filter((r) => String(r["applicationId"]) === applicationId).sort((a, b) => a["id"] - b["id"]);
    const ordered = app["manualOrderingEnabled"] ? (app["resourceOrder"] as number[]).map((id) => own.find((r) => r["id"] === id)!).filter(Boolean) : own;
    return ordered.find((r) => (r["pathPatterns"] ?? []).some((p: any) => wildcard(p.pattern, path)) && ((r["methods"] ?? []).includes("*") || (r["methods"] ?? []).includes(method)));
  };

  return { server, url: server.url, username, password, store, ruleDescriptors, useRuleShape, validatorClasses, behaviour, resourceFor, close: () => server.close() };
}
