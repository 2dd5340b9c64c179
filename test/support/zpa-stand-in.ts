import { randomBytes } from "node:crypto";
import { startStandInServer, type RecordedRequest, type Reply, type StandInServer } from "./stand-in-server";

/**
 * A local stand-in for the ZPA management API, built on the generic stand-in server. It speaks the paths
 * and JSON shapes documented in ../shared/design/VENDOR-FACTS.md and used by zscaler-sdk-go: legacy
 * `/signin` and OneAPI `/oauth2/v1/token`, the v1/v2 `mgmtconfig` collections, paged lists
 * (`?page=&pagesize=` -> `{"totalPages": "N", "list": [...]}`), `{"id", "reason"}` errors, 409 on a duplicate
 * name. It is a stand-in: it checks what the client sends, it does not reproduce every ZPA rule.
 */
export interface ZpaStandInOptions {
  readonly customerId?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** The legacy sign-in's `expires_in` (a string on the wire). */
  readonly tokenLifetime?: string;
  /** Extra enrolment certificates listed before "Connector" (to push it onto a later page). */
  readonly extraCertificates?: number;
  /** Milliseconds each rule write takes (to observe serialisation). */
  readonly ruleWriteDelayMs?: number;
}

export interface ZpaObject extends Record<string, any> {
  readonly id: string;
}

export interface ZpaStandIn {
  readonly server: StandInServer;
  readonly url: string;
  readonly customerId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Objects by collection: appConnectorGroup, provisioningKey, segmentGroup, serverGroup, application, rule. */
  readonly store: Readonly<Record<Collection, Map<string, ZpaObject>>>;
  readonly scimGroups: { id: string; name: string; idpId: string }[];
  readonly samlAttributes: { id: string; name: string; idpId: string }[];
  readonly policySetId: string;
  /** Access tokens handed out so far (legacy and OneAPI). */
  readonly issuedTokens: string[];
  /** Most rule writes ever in progress at the same moment. */
  readonly ruleWrites: { inFlight: number; max: number; count: number };
  /** Makes every issued token invalid (the next API call gets 401). */
  revokeTokens(): void;
  /** Puts an object in place as if someone had created it in the ZPA portal. */
  seed(collection: Collection, object: Record<string, any>): ZpaObject;
  /** Every provisioning key string handed out. */
  provisioningKeys(): string[];
  requestsTo(method: string, pathPart: string): RecordedRequest[];
  close(): Promise<void>;
}

export type Collection = "appConnectorGroup" | "provisioningKey" | "segmentGroup" | "serverGroup" | "application" | "rule";

export const STAND_IN_IDP_ID = "216196257331281933";

export async function startZpaStandIn(options: ZpaStandInOptions = {}): Promise<ZpaStandIn> {
  const server = await startStandInServer();
  const customerId = options.customerId ?? "216196257331281920";
  const clientId = options.clientId ?? "zpa-stand-in-client";
  const clientSecret = options.clientSecret ?? `zpa-stand-in-secret-${randomBytes(6).toString("hex")}`;
  const store: Record<Collection, Map<string, ZpaObject>> = {
    appConnectorGroup: new Map(),
    provisioningKey: new Map(),
    segmentGroup: new Map(),
    serverGroup: new Map(),
    application: new Map(),
    rule: new Map(),
  };
  const valid = new Set<string>();
  const issuedTokens: string[] = [];
  const ruleWrites = { inFlight: 0, max: 0, count: 0 };
  const policySetId = "216196257331282000";
  let nextId = 216196257331290000n;
  const newId = () => String(nextId++);
  const now = () => String(Math.floor(Date.now() / 1000));

  const certificates = [
    ...Array.from({ length: options.extraCertificates ?? 0 }, (_, i) => ({ id: newId(), name: `Custom-${i + 1}` })),
    { id: newId(), name: "Root" },
    { id: newId(), name: "Client" },
    { id: newId(), name: "Connector" },
  ];
  const scimGroups = ["orders-readers", "orders-admins", "finance", "ops"].map((name) => ({ id: newId(), name, idpId: STAND_IN_IDP_ID }));
  const samlAttributes = [
    { id: newId(), name: "Email", idpId: STAND_IN_IDP_ID },
    { id: newId(), name: "AppRoles", idpId: STAND_IN_IDP_ID },
  ];

  const error = (status: number, id: string, reason: string): Reply => ({ status, body: { id, reason } });
  const notFound = () => error(404, "resource.not.found", "Resource not found");

  const issueToken = () => {
    const token = `zpa-token-${randomBytes(12).toString("hex")}`;
    valid.add(token);
    issuedTokens.push(token);
    return token;
  };

  /** Paged list with ZPA's `search` (case-insensitive substring of the name). */
  const page = (req: RecordedRequest, items: readonly Record<string, any>[]): Reply => {
    const search = (req.query.get("search") ?? "").toLowerCase();
    const filtered = search ? items.filter((i) => String(i["name"] ?? "").toLowerCase().includes(search)) : [...items];
    const size = Math.max(1, Number(req.query.get("pagesize") ?? 20));
    const number = Math.max(1, Number(req.query.get("page") ?? 1));
    const totalPages = Math.max(1, Math.ceil(filtered.length / size));
    return { status: 200, body: { totalPages: String(totalPages), list: filtered.slice((number - 1) * size, number * size) } };
  };

  const authorized = (req: RecordedRequest): boolean => {
    const header = String(req.headers["authorization"] ?? "");
    return header.startsWith("Bearer ") && valid.has(header.slice("Bearer ".length));
  };

  // ---------------------------------------------------------------- auth
  server.route("POST", "/signin", (req) => {
    const form = req.body ?? {};
    if (!String(req.headers["content-type"]).includes("application/x-www-form-urlencoded")) return error(415, "unsupported.media.type", "form expected");
    if (form.client_id !== clientId || form.client_secret !== clientSecret) {
      return error(401, "authentication.failed", "Invalid client credentials");
    }
    return { status: 200, body: { token_type: "Bearer", access_token: issueToken(), expires_in: options.tokenLifetime ?? "3600" } };
  });
  server.route("POST", "/oauth2/v1/token", (req) => {
    const form = req.body ?? {};
    if (form.grant_type !== "client_credentials" || form.audience !== "https://api.zscaler.com") {
      return { status: 400, body: { error: "invalid_request", error_description: "grant_type client_credentials and audience https://api.zscaler.com expected" } };
    }
    if (form.client_id !== clientId || form.client_secret !== clientSecret) {
      return { status: 401, body: { error: "invalid_client", error_description: "Client authentication failed" } };
    }
    return { status: 200, body: { token_type: "Bearer", access_token: issueToken(), expires_in: 3600 } };
  });

  // ---------------------------------------------------------------- API (legacy paths and OneAPI's /zpa prefix)
  const api = (method: string, path: string, handler: (req: RecordedRequest, p: Record<string, string>) => Reply | Promise<Reply>) => {
    for (const prefix of ["", "/zpa"]) {
      server.route(method, `${prefix}${path}`, async (req, params) => {
        if (!authorized(req)) return error(401, "authentication.failed", "Session is not valid");
        if (params["cid"] !== customerId) return error(403, "customer.mismatch", "Customer id does not match the token");
        return handler(req, params);
      });
    }
  };

  const collections: { path: string; name: Collection; decorate?: (o: Record<string, any>) => Record<string, any> }[] = [
    { path: "appConnectorGroup", name: "appConnectorGroup" },
    { path: "segmentGroup", name: "segmentGroup" },
    { path: "serverGroup", name: "serverGroup" },
    {
      path: "application",
      name: "application",
      // The API returns the flat form too.
      decorate: (o) => ({ ...o, tcpPortRanges: (o["tcpPortRange"] ?? []).flatMap((r: { from: string; to: string }) => [r.from, r.to]) }),
    },
    {
      path: "associationType/CONNECTOR_GRP/provisioningKey",
      name: "provisioningKey",
      decorate: (o) => ({
        ...o,
        provisioningKey: o["provisioningKey"] ?? `3|api.private.zscaler.com|${randomBytes(24).toString("base64url")}`,
        usageCount: o["usageCount"] ?? "0",
        enrollmentCertName: certificates.find((c) => c.id === o["enrollmentCertId"])?.name ?? "",
        zcomponentName: store.appConnectorGroup.get(String(o["zcomponentId"]))?.["name"] ?? "",
      }),
    },
  ];

  const seed = (collection: Collection, object: Record<string, any>): ZpaObject => {
    const def = collections.find((c) => c.name === collection);
    const stored = { ...(def?.decorate ? def.decorate(object) : object), id: object["id"] ?? newId(), creationTime: now(), modifiedTime: now() } as ZpaObject;
    store[collection].set(stored.id, stored);
    return stored;
  };

  const duplicate = (collection: Collection, name: unknown, except?: string) =>
    [...store[collection].values()].some((o) => o["name"] === name && o.id !== except);

  for (const c of collections) {
    const base = `/mgmtconfig/v1/admin/customers/:cid/${c.path}`;
    api("GET", base, (req) => page(req, [...store[c.name].values()]));
    api("POST", base, (req) => {
      if (!req.body?.name) return error(400, "invalid.input", "name is required");
      if (duplicate(c.name, req.body.name)) return error(409, "resource.already.exists", `${c.path} with name ${req.body.name} already exists`);
      return { status: 201, body: seed(c.name, { ...req.body, id: undefined }) };
    });
    api("GET", `${base}/:id`, (_req, p) => {
      const o = store[c.name].get(p["id"]!);
      return o ? { status: 200, body: o } : notFound();
    });
    api("PUT", `${base}/:id`, (req, p) => {
      const o = store[c.name].get(p["id"]!);
      if (!o) return notFound();
      if (duplicate(c.name, req.body?.name, o.id)) return error(409, "resource.already.exists", "name already exists");
      const merged = { ...(c.decorate ? c.decorate({ ...o, ...req.body }) : { ...o, ...req.body }), id: o.id, modifiedTime: now() };
      store[c.name].set(o.id, merged);
      return { status: 204 };
    });
    api("DELETE", `${base}/:id`, (_req, p) => (store[c.name].delete(p["id"]!) ? { status: 204 } : notFound()));
  }

  api("GET", "/mgmtconfig/v2/admin/customers/:cid/enrollmentCert", (req) => page(req, certificates));
  api("GET", "/mgmtconfig/v1/admin/customers/:cid/policySet/policyType/:type", (_req, p) =>
    p["type"] === "ACCESS_POLICY" ? { status: 200, body: { id: policySetId, name: "Global_Policy", policyType: "1", enabled: true } } : notFound(),
  );
  api("GET", "/mgmtconfig/v1/admin/customers/:cid/policySet/rules/policyType/:type", (req) => page(req, [...store.rule.values()]));
  api("GET", "/userconfig/v1/customers/:cid/scimgroup/idpId/:idp", (req, p) => page(req, scimGroups.filter((g) => g.idpId === p["idp"])));
  api("GET", "/userconfig/v1/customers/:cid/scimgroup/:id", (_req, p) => {
    const g = scimGroups.find((x) => x.id === p["id"]);
    return g ? { status: 200, body: g } : notFound();
  });
  api("GET", "/mgmtconfig/v2/admin/customers/:cid/samlAttribute/idp/:idp", (req, p) => page(req, samlAttributes.filter((a) => a.idpId === p["idp"])));
  api("GET", "/mgmtconfig/v1/admin/customers/:cid/samlAttribute/:id", (_req, p) => {
    const a = samlAttributes.find((x) => x.id === p["id"]);
    return a ? { status: 200, body: a } : notFound();
  });

  /** v2 request operands (values / entryValues) stored the way v1 GET returns them (lhs / rhs per operand). */
  const toV1Conditions = (conditions: any[]): any[] =>
    (conditions ?? []).map((c) => ({
      operator: c.operator,
      negated: false,
      operands: (c.operands ?? []).flatMap((o: any) => [
        ...(o.values ?? []).map((v: string) => ({ objectType: o.objectType, lhs: "id", rhs: v })),
        ...(o.entryValues ?? []).map((e: any) => ({
          objectType: o.objectType,
          lhs: e.lhs,
          rhs: e.rhs,
          ...(o.objectType === "SCIM_GROUP" ? { name: scimGroups.find((g) => g.id === e.rhs)?.name, idpId: e.lhs } : {}),
        })),
      ]),
    }));

  const ruleWrite = async <T>(fn: () => T): Promise<T> => {
    ruleWrites.inFlight++;
    ruleWrites.count++;
    ruleWrites.max = Math.max(ruleWrites.max, ruleWrites.inFlight);
    try {
      if (options.ruleWriteDelayMs) await new Promise((r) => setTimeout(r, options.ruleWriteDelayMs));
      return fn();
    } finally {
      ruleWrites.inFlight--;
    }
  };

  const invalidRule = (body: any): string | undefined => {
    if (!body?.name) return "name is required";
    if (body.action !== "ALLOW" && body.action !== "DENY") return "action must be ALLOW or DENY";
    for (const c of body.conditions ?? []) {
      for (const o of c.operands ?? []) {
        if (o.objectType === "APP" && !(o.values ?? []).every((v: string) => store.application.has(v))) return `unknown application in ${JSON.stringify(o.values)}`;
        if (o.objectType === "SCIM_GROUP" && !(o.entryValues ?? []).every((e: any) => scimGroups.some((g) => g.id === e.rhs && g.idpId === e.lhs))) return "unknown SCIM group";
        if (o.objectType === "SAML" && !(o.entryValues ?? []).every((e: any) => samlAttributes.some((a) => a.id === e.lhs))) return "unknown SAML attribute";
      }
    }
    return undefined;
  };

  api("POST", "/mgmtconfig/v2/admin/customers/:cid/policySet/:ps/rule", (req, p) =>
    ruleWrite(() => {
      if (p["ps"] !== policySetId) return notFound();
      const problem = invalidRule(req.body);
      if (problem) return error(400, "invalid.input", problem);
      if (duplicate("rule", req.body.name)) return error(409, "resource.already.exists", `rule with name ${req.body.name} already exists`);
      const rule = { ...req.body, id: newId(), policySetId, ruleOrder: String(store.rule.size + 1), conditions: toV1Conditions(req.body.conditions) };
      store.rule.set(rule.id, rule);
      return { status: 201, body: rule };
    }),
  );
  api("PUT", "/mgmtconfig/v2/admin/customers/:cid/policySet/:ps/rule/:id", (req, p) =>
    ruleWrite(() => {
      const o = store.rule.get(p["id"]!);
      if (!o || p["ps"] !== policySetId) return notFound();
      const problem = invalidRule(req.body);
      if (problem) return error(400, "invalid.input", problem);
      store.rule.set(o.id, { ...o, ...req.body, id: o.id, conditions: toV1Conditions(req.body.conditions) });
      return { status: 204 };
    }),
  );
  api("GET", "/mgmtconfig/v1/admin/customers/:cid/policySet/:ps/rule/:id", (_req, p) => {
    const o = store.rule.get(p["id"]!);
    return o && p["ps"] === policySetId ? { status: 200, body: o } : notFound();
  });
  api("DELETE", "/mgmtconfig/v1/admin/customers/:cid/policySet/:ps/rule/:id", (_req, p) =>
    ruleWrite(() => (store.rule.delete(p["id"]!) ? { status: 204 } : notFound())),
  );

  return {
    server,
    url: server.url,
    customerId,
    clientId,
    clientSecret,
    store,
    scimGroups,
    samlAttributes,
    policySetId,
    issuedTokens,
    ruleWrites,
    revokeTokens: () => valid.clear(),
    seed,
    provisioningKeys: () => [...store.provisioningKey.values()].map((k) => String(k["provisioningKey"])),
    requestsTo: (method, pathPart) => server.requests.filter((r) => r.method === method && r.path.includes(pathPart)),
    close: () => server.close(),
  };
}
