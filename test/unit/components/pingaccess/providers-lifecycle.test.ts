import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../support/run-kis";
import { createPingAccessClient, pingAccessProvider, planPingAccessSideband, type PingAccessConnection } from "../../../../components/pingaccess";
import { API, startPingAccessStandIn, type PingAccessStandIn } from "../../../support/pingaccess-stand-in";
import { entraContract } from "../kong/fixtures";

const SECRET_A = "shared-secret-A-0123456789abcdefghijklmnopqrstuv";
const SECRET_B = "shared-secret-B-zyxwvutsrqponmlkjihgfedcba98765";

let pa: PingAccessStandIn;
let logs: string[];
let connection: PingAccessConnection;
const env = () => ({ PINGACCESS_ADMIN_PASSWORD: pa.password });
const provider = (kind: Parameters<typeof pingAccessProvider>[0], extra: { env?: Record<string, string> } = {}) =>
  pingAccessProvider(kind, { env: extra.env ?? env(), log: (l) => logs.push(l), sleep: async () => undefined });

const plan = planPingAccessSideband(
  {
    apiName: "orders-api",
    environment: "test",
    routes: [
      { name: "orders-read", paths: ["/orders"], methods: ["GET"], scopes: ["orders.read"], roles: [], anonymous: false },
      { name: "reports", paths: ["/reports"], scopes: [], roles: ["orders-readers", "orders-admins"], anonymous: false },
    ],
    virtualHosts: [{ host: "api.test.example.com", port: 443 }],
    secretHeaderName: "CLIENT-TOKEN",
  },
  entraContract(),
);

beforeEach(async () => {
  pa = await startPingAccessStandIn();
  logs = [];
  connection = { adminUrl: pa.url, username: pa.username, passwordFrom: { source: "environment", passwordEnv: "PINGACCESS_ADMIN_PASSWORD" }, timeoutMs: 2000, retryAttempts: 3, pageSize: 2 };
});
afterEach(async () => {
  await pa.close();
});

const everything = () => JSON.stringify({ logs, requests: pa.server.requests.map((r) => ({ path: r.path, headers: r.headers })) });

describe("PingAccess providers against a loopback Admin API stand-in", () => {
  it("create → update → rotate the shared secret (two live credentials, then one) → delete", async () => {
    const sideband = provider("SidebandClient");
    const inputs = { connection, ...plan.sidebandClient, secrets: [SECRET_A] };
    const created = await sideband.create!(inputs);
    const stored = pa.store["sidebandClients"]!.get(created.id)!;
    expect(stored["clientCredentials"].map((c: any) => c.sharedSecretConfig)).toEqual([{ sharedSecretHeaderName: "CLIENT-TOKEN", secret: { value: SECRET_A } }]);
    // Every call carried Basic auth and the XSRF header.
    expect(pa.server.requests.every((r) => r.headers["x-xsrf-header"] === "PingAccess" && String(r.headers["authorization"]).startsWith("Basic "))).toBe(true);

    // Update: a new description is a change, not a replacement.
    const renamed = { ...inputs, description: "changed" };
    expect(await sideband.diff!(created.id, created.outs, renamed)).toMatchObject({ changes: true, replaces: [] });
    await sideband.update!(created.id, created.outs, renamed);
    expect(pa.store["sidebandClients"]!.get(created.id)!["description"]).toBe("changed");

    // Rotation: B joins A (two live), Kong switches to B, then A is retired (one live).
    const both = { ...renamed, secrets: [SECRET_B, SECRET_A] };
    expect(await sideband.diff!(created.id, renamed, both)).toMatchObject({ changes: true, replaces: [] });
    await sideband.update!(created.id, renamed, both);
    expect(pa.store["sidebandClients"]!.get(created.id)!["clientCredentials"].map((c: any) => c.sharedSecretConfig.secret.value)).toEqual([SECRET_B, SECRET_A]);
    const onlyB = { ...renamed, secrets: [SECRET_B] };
    await sideband.update!(created.id, both, onlyB);
    expect(pa.store["sidebandClients"]!.get(created.id)!["clientCredentials"].map((c: any) => c.sharedSecretConfig.secret.value)).toEqual([SECRET_B]);

    // Read back: PingAccess returns only encrypted values, so the state keeps its own while the count matches.
    const read = await sideband.read!(created.id, onlyB);
    expect(read.props).toMatchObject({ credentialCount: 1, secrets: [SECRET_B], secretHeaderName: "CLIENT-TOKEN" });

    await sideband.delete!(created.id, onlyB);
    expect(pa.store["sidebandClients"]!.has(created.id)).toBe(false);
    await sideband.delete!(created.id, onlyB); // already gone: done
    expect(everything()).not.toContain(SECRET_A);
    expect(everything()).not.toContain(SECRET_B);
  });

  it("builds the whole application: validator, virtual host, rules, rule set, application, resources wired by id", async () => {
    const client = await provider("SidebandClient").create!({ connection, ...plan.sidebandClient, secrets: [SECRET_A] });
    const validator = await provider("AccessTokenValidator").create!({ connection, ...plan.tokenValidator });
    const host = await provider("VirtualHost").create!({ connection, ...plan.virtualHosts[0]! });
    const ruleIds: Record<string, string> = {};
    for (const rule of plan.rules) ruleIds[rule.name] = (await provider("Rule").create!({ connection, ...rule })).id;
    for (const set of plan.ruleSets) ruleIds[set.name] = (await provider("RuleSet").create!({ connection, ...set, ruleIds: set.rules.map((r) => ruleIds[r]) })).id;
    const app = await provider("Application").create!({ connection, ...plan.application, sidebandClientId: client.id, accessValidatorId: validator.id, virtualHostIds: [host.id] });
    for (const resource of plan.resources) {
      await provider("Resource").create!({ connection, applicationId: app.id, ...resource, policy: resource.policy.map((p) => ({ ...p, id: ruleIds[p.name] })) });
    }
    const storedApp = pa.store["applications"]!.get(app.id)!;
    expect(storedApp).toMatchObject({ applicationType: "API", destination: "Sideband", sidebandClientId: client.id, accessValidatorId: Number(validator.id), virtualHostIds: [Number(host.id)] });
    const reports = [...pa.store["resources"]!.values()].find((r) => r["name"] === "reports")!;
    const set = pa.store["rulesets"]!.get(String(reports["policy"].API[0].id))!;
    expect(set).toMatchObject({ successCriteria: "SuccessIfAnyOneSucceeds", elementType: "Rule" });
    expect(set["policy"].map((id: number) => pa.store["rules"]!.get(String(id))!["configuration"]["attributeValue"]).sort()).toEqual(["orders-admins", "orders-readers"]);
    const read = [...pa.store["resources"]!.values()].find((r) => r["name"] === "orders-read")!;
    expect(read["pathPatterns"]).toEqual([{ type: "WILDCARD", pattern: "/orders*" }]);
    expect(pa.store["rules"]!.get(String(read["policy"].API[0].id))!["configuration"]).toMatchObject({ scope: "orders.read" });
  });

  // Rules from the server's own descriptors, in each plausible shape (the real ones are in no public source).
  const scopeRule = () => plan.rules.find((r) => r.kind === "scope")!;
  const groupRule = () => plan.rules.find((r) => r.kind === "group")!;
  const ruleInputs = (r: ReturnType<typeof scopeRule>) => ({ connection, name: r.name, kind: r.kind, value: r.value, claim: r.claim });

  it.each([
    ["flat", "com.pingidentity.pa.policy.OAuthScopePolicyInterceptor", "com.pingidentity.pa.policy.OAuthAttributeValuePolicyInterceptor"],
    ["nested", "com.pingidentity.pa.rules.oauth.ScopeRule", "com.pingidentity.pa.rules.oauth.AttributeValueRule"],
    ["table", "com.pingidentity.pa.policy.OAuthScopeRuleInterceptor", "com.pingidentity.pa.policy.OAuthAttributeValueRuleInterceptor"],
  ] as const)("%s descriptors: the rule types are picked by descriptor and each configuration built from its fields (the server accepts it)", async (shape, scopeClass, attributeClass) => {
    pa.useRuleShape(shape);
    const scope = await provider("Rule").create!(ruleInputs(scopeRule()));
    const group = await provider("Rule").create!(ruleInputs(groupRule()));
    const storedScope = pa.store["rules"]!.get(scope.id)!;
    const storedGroup = pa.store["rules"]!.get(group.id)!;
    expect([storedScope["className"], storedGroup["className"]]).toEqual([scopeClass, attributeClass]);
    const expected = {
      flat: [
        { scope: scopeRule().value, negate: false, errorResponseCode: 403, errorResponseStatusMsg: "Forbidden", errorResponseContentType: "application/json" },
        { attributeName: "roles", attributeValue: groupRule().value, negate: false, errorResponseCode: 403, errorResponseStatusMsg: "Forbidden", errorResponseContentType: "application/json" },
      ],
      nested: [
        { scopeSettings: { scope: scopeRule().value, negate: false }, errorResponse: { errorResponseCode: 403, errorResponseStatusMsg: "Forbidden", errorResponseContentType: "application/json" } },
        { attribute: { attributeName: "roles", attributeValue: groupRule().value }, negate: false, errorResponse: { errorResponseCode: 403, errorResponseStatusMsg: "Forbidden", errorResponseContentType: "application/json" } },
      ],
      table: [
        { scope: scopeRule().value, errorResponseCode: 403, errorResponseStatusMsg: "Forbidden", errorResponseContentType: "application/json" },
        { attributes: [{ key: "roles", value: groupRule().value }], negate: false, errorResponseCode: 403, errorResponseStatusMsg: "Forbidden", errorResponseContentType: "application/json" },
      ],
    }[shape];
    expect([storedScope["configuration"], storedGroup["configuration"]]).toEqual(expected);
    // Read back in the same shape: no drift; a changed value in the server's shape is seen and corrected.
    const read = await provider("Rule").read!(group.id, group.outs);
    expect(read.props).toMatchObject({ kind: "group", value: groupRule().value, claim: "roles", className: attributeClass });
    expect((await provider("Rule").diff!(group.id, read.props!, ruleInputs(groupRule()))).changes).toBe(false);
    const text = JSON.stringify(storedGroup["configuration"]).replace(`"${groupRule().value}"`, '"someone-else"');
    storedGroup["configuration"] = JSON.parse(text);
    const drifted = await provider("Rule").read!(group.id, group.outs);
    expect(drifted.props!["value"]).toBe("someone-else");
    expect((await provider("Rule").diff!(group.id, drifted.props!, ruleInputs(groupRule()))).changes).toBe(true);
    await provider("Rule").update!(group.id, drifted.props!, ruleInputs(groupRule()));
    expect(JSON.stringify(pa.store["rules"]!.get(group.id)!["configuration"])).toContain(`"${groupRule().value}"`);
  });

  it("a server with no OAuth rule type is refused before anything is written, naming the descriptors it lists", async () => {
    pa.useRuleShape("none");
    await expect(provider("Rule").create!(ruleInputs(scopeRule()))).rejects.toThrow(
      /lists no OAuth scope rule type with a scope field \(GET \/rules\/descriptors: com\.pingidentity\.pa\.policy\.CIDRPolicyInterceptor \(Network Range: cidrNotation, negate\); com\.pingidentity\.pa\.policy\.RateLimitPolicyInterceptor \(Rate Limiting: maxBurstRequests\)\)/,
    );
    expect(pa.store["rules"]!.size).toBe(0);
    expect(pa.server.requests.filter((r) => r.method === "POST")).toEqual([]);
  });

  it("a JWKS on another host: third-party service first, the validator names it by id with a path; a drifted path is read back and corrected", async () => {
    const tp = planPingAccessSideband(
      { apiName: "orders-api", environment: "test", routes: [], virtualHosts: [], secretHeaderName: "CLIENT-TOKEN", tokenValidation: { thirdParty: { host: "login.microsoftonline.com", port: 443 }, skipAudienceValidation: false } },
      entraContract(),
    );
    const service = await provider("ThirdPartyService").create!({ connection, ...tp.thirdPartyServices[0]! });
    expect(pa.store["thirdPartyServices"]!.get(service.id)).toMatchObject({ targets: ["login.microsoftonline.com:443"], secure: true, skipHostnameVerification: false });
    const inputs = { connection, ...tp.tokenValidator, thirdPartyServiceId: service.id };
    const validator = await provider("AccessTokenValidator").create!(inputs);
    const stored = pa.store["accessTokenValidators"]!.get(validator.id)!;
    expect(stored["configuration"]).toMatchObject({ path: new URL(entraContract().jwksUri).pathname, thirdPartyService: service.id });
    // The descriptors were read before the write.
    const paths = pa.server.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.indexOf(`GET ${API}/accessTokenValidators/descriptors`)).toBeLessThan(paths.indexOf(`POST ${API}/accessTokenValidators`));
    // Someone puts the full URL back in the console: read shows the drift, update corrects it.
    stored["configuration"] = { ...stored["configuration"], path: entraContract().jwksUri };
    const read = await provider("AccessTokenValidator").read!(validator.id, validator.outs);
    expect(read.props!["path"]).toBe(entraContract().jwksUri);
    expect((await provider("AccessTokenValidator").diff!(validator.id, read.props!, inputs)).changes).toBe(true);
    await provider("AccessTokenValidator").update!(validator.id, read.props!, inputs);
    expect(pa.store["accessTokenValidators"]!.get(validator.id)!["configuration"]["path"]).toBe(new URL(entraContract().jwksUri).pathname);
  });

  it("a server whose JWKS validator lists no thirdPartyService field (older PingAccess) is refused before any write, naming the fields it lists", async () => {
    pa.validatorClasses.set("com.pingidentity.pa.accesstokenvalidators.JwksEndpoint", ["path", "subjectAttributeName", "issuer", "audience"]);
    const service = await provider("ThirdPartyService").create!({ connection, name: "jwks-host", host: "login.microsoftonline.com", port: 443 });
    await expect(
      provider("AccessTokenValidator").create!({ connection, ...plan.tokenValidator, thirdPartyService: "jwks-host", thirdPartyServiceId: service.id }),
    ).rejects.toThrow(/JwksEndpoint on this server has no configuration field thirdPartyService \(it lists path, subjectAttributeName, issuer, audience\); check pingaccess\.version/);
    expect(pa.store["accessTokenValidators"]!.size).toBe(0);
  });

  it("an application PingAccess creates disabled (reported for 9.0.1) is enabled at once; a later disable is read back and corrected", async () => {
    pa.behaviour.createsApplicationsDisabled = true;
    const client = await provider("SidebandClient").create!({ connection, ...plan.sidebandClient, secrets: [SECRET_A] });
    const validator = await provider("AccessTokenValidator").create!({ connection, ...plan.tokenValidator });
    const inputs = { connection, ...plan.application, enabled: true, sidebandClientId: client.id, accessValidatorId: validator.id, virtualHostIds: [] as string[] };
    const app = await provider("Application").create!(inputs);
    expect(pa.store["applications"]!.get(app.id)!["enabled"]).toBe(true);
    const writes = pa.server.requests.filter((r) => r.path.startsWith(`${API}/applications`) && r.method !== "GET").map((r) => r.method);
    expect(writes).toEqual(["POST", "PUT"]);
    expect(app.outs["enabled"]).toBe(true);
    // Someone disables it in the console: refresh reads enabled false, the diff is a change, the update enables it.
    pa.store["applications"]!.get(app.id)!["enabled"] = false;
    const read = await provider("Application").read!(app.id, app.outs);
    expect(read.props!["enabled"]).toBe(false);
    expect(await provider("Application").diff!(app.id, read.props!, inputs)).toMatchObject({ changes: true, replaces: [] });
    await provider("Application").update!(app.id, read.props!, inputs);
    expect(pa.store["applications"]!.get(app.id)!["enabled"]).toBe(true);
  });

  it("a server that will not enable the application is an error naming it, not a silent disabled application", async () => {
    const client = await provider("SidebandClient").create!({ connection, ...plan.sidebandClient, secrets: [SECRET_A] });
    const validator = await provider("AccessTokenValidator").create!({ connection, ...plan.tokenValidator });
    pa.behaviour.createsApplicationsDisabled = true;
    pa.server.route("PUT", `${API}/applications/:id`, (_req, p) => ({ status: 200, body: pa.store["applications"]!.get(p["id"]!) }));
    await expect(
      provider("Application").create!({ connection, ...plan.application, enabled: true, sidebandClientId: client.id, accessValidatorId: validator.id, virtualHostIds: [] }),
    ).rejects.toThrow(/created application \d+ disabled and left it disabled after a PUT with enabled: true/);
  });

  it("method-specific resources win: without the order PingAccess's first match picks the any-method resource, with it the route Kong would pick", async () => {
    const routes = [
      { name: "orders-any", paths: ["/orders"], scopes: ["orders.admin"], roles: [], anonymous: false },
      { name: "orders-read", paths: ["/orders"], methods: ["GET"], scopes: ["orders.read"], roles: [], anonymous: false },
      { name: "orders-write", paths: ["/orders"], methods: ["POST", "PUT"], scopes: ["orders.write"], roles: [], anonymous: false },
      { name: "orders-item", paths: ["/orders/items"], methods: ["GET"], scopes: ["orders.read"], roles: [], anonymous: false },
    ];
    const p = planPingAccessSideband({ apiName: "orders-api", environment: "test", routes, virtualHosts: [], secretHeaderName: "CLIENT-TOKEN" }, entraContract());
    expect(p.resourceOrder).toEqual(["orders-item", "orders-read", "orders-write", "orders-any"]);
    const client = await provider("SidebandClient").create!({ connection, ...p.sidebandClient, secrets: [SECRET_A] });
    const validator = await provider("AccessTokenValidator").create!({ connection, ...p.tokenValidator });
    const app = await provider("Application").create!({ connection, ...p.application, enabled: true, sidebandClientId: client.id, accessValidatorId: validator.id, virtualHostIds: [] });
    const ids: Record<string, string> = {};
    for (const r of p.resources) ids[r.name] = (await provider("Resource").create!({ connection, applicationId: app.id, ...r, policy: [] })).id;
    // Created in name order: orders-any first, so it captures every method on /orders*.
    expect(pa.resourceFor(app.id, "GET", "/orders")!["name"]).toBe("orders-any");
    expect(pa.resourceFor(app.id, "POST", "/orders/7")!["name"]).toBe("orders-any");
    const order = { connection, applicationId: app.id, resources: p.resourceOrder, resourceIds: p.resourceOrder.map((n) => ids[n]!) };
    const created = await provider("ResourceOrder").create!(order);
    expect(created.id).toBe(app.id);
    expect(pa.resourceFor(app.id, "GET", "/orders")!["name"]).toBe("orders-read");
    expect(pa.resourceFor(app.id, "PUT", "/orders/7")!["name"]).toBe("orders-write");
    expect(pa.resourceFor(app.id, "GET", "/orders/items/3")!["name"]).toBe("orders-item");
    expect(pa.resourceFor(app.id, "DELETE", "/orders/7")!["name"]).toBe("orders-any");
    // An application update keeps the order (it belongs to the ResourceOrder resource).
    const appInputs = { connection, ...p.application, description: "changed", enabled: true, sidebandClientId: client.id, accessValidatorId: validator.id, virtualHostIds: [] };
    await provider("Application").update!(app.id, app.outs, appInputs);
    expect(pa.store["applications"]!.get(app.id)!).toMatchObject({ description: "changed", manualOrderingEnabled: true });
    expect(pa.resourceFor(app.id, "GET", "/orders")!["name"]).toBe("orders-read");
    // Drift: someone turns manual ordering off; read shows it, update restores it.
    pa.store["applications"]!.get(app.id)!["manualOrderingEnabled"] = false;
    const read = await provider("ResourceOrder").read!(app.id, created.outs);
    expect((await provider("ResourceOrder").diff!(app.id, read.props!, order)).changes).toBe(true);
    await provider("ResourceOrder").update!(app.id, read.props!, order);
    expect(pa.resourceFor(app.id, "GET", "/orders")!["name"]).toBe("orders-read");
  });

  it("a virtual host that exists already is found by virtualHost=host:port (virtual hosts have no name)", async () => {
    const existing = await provider("VirtualHost").create!({ connection, host: "api.test.example.com", port: 443 });
    await expect(provider("VirtualHost").create!({ connection, host: "api.test.example.com", port: 443 })).rejects.toThrow(
      new RegExp(`PingAccess already has one with this name \\(id ${existing.id}\\)`),
    );
    const lookups = pa.server.requests.filter((r) => r.method === "GET" && r.path === `${API}/virtualhosts`);
    expect(lookups.at(-1)!.query.get("virtualHost")).toBe("api.test.example.com:443");
    expect(lookups.at(-1)!.query.has("name")).toBe(false);
  });

  it("adopts an existing object by id and brings it in line; refuses an id PingAccess does not have", async () => {
    const existing = await provider("AccessTokenValidator").create!({ connection, ...plan.tokenValidator, issuer: "https://old.example.com/" });
    const adopted = await provider("AccessTokenValidator").create!({ connection, ...plan.tokenValidator, adoptId: existing.id });
    expect(adopted.id).toBe(existing.id);
    expect(pa.store["accessTokenValidators"]!.get(existing.id)!["configuration"]["issuer"]).toBe(plan.tokenValidator.issuer);
    expect(pa.store["accessTokenValidators"]!.size).toBe(1);
    await expect(provider("AccessTokenValidator").create!({ connection, ...plan.tokenValidator, adoptId: "999" })).rejects.toThrow(
      /adopting id 999 \(pingaccess\.importIds\.accessTokenValidator\): PingAccess has no such object; check the id/,
    );
  });

  it("pages through lists (?page=&numberPerPage=) to find an existing object by name", async () => {
    for (let i = 0; i < 5; i++) await provider("VirtualHost").create!({ connection, host: `h${i}.example.com`, port: 443 });
    const target = await provider("AccessTokenValidator").create!({ connection, ...plan.tokenValidator });
    const client = createPingAccessClient({ connection: { ...connection }, password: pa.password });
    const all = await client.list<{ host: string }>("/virtualhosts");
    expect(all.map((v) => v.host)).toEqual(["h0.example.com", "h1.example.com", "h2.example.com", "h3.example.com", "h4.example.com"]);
    const pages = pa.server.requests.filter((r) => r.method === "GET" && r.path === `${API}/virtualhosts`).map((r) => r.query.get("page"));
    expect(pages).toEqual(["1", "2", "3"]);
    // A duplicate name: the create is refused with 422 on `name`, and the message says how to adopt it.
    await expect(provider("AccessTokenValidator").create!({ connection, ...plan.tokenValidator })).rejects.toThrow(
      `PingAccess access token validator "${plan.tokenValidator.name}": PingAccess already has one with this name (id ${target.id}); adopt it with pingaccess.importIds.accessTokenValidator: "${target.id}"`,
    );
  });

  it("401: one line naming the user and where the password comes from, never the password", async () => {
    const wrong = provider("VirtualHost", { env: { PINGACCESS_ADMIN_PASSWORD: "not-the-password-123" } });
    const error = await wrong.create!({ connection, host: "a.example.com", port: 443 }).catch((e: Error) => e.message);
    expect(error).toBe(
      `PingAccess virtual host "": create failed: PingAccess: POST /pa-admin-api/v3/virtualhosts answered 401: the admin credentials were refused; check the user "Administrator" and the password in environment variable PINGACCESS_ADMIN_PASSWORD`,
    );
    expect(error).not.toContain("not-the-password-123");
    expect(pa.server.requests.filter((r) => r.method === "POST")).toHaveLength(1); // 401 is not retried
  });

  it("a request without the XSRF header is refused by the stand-in, and the client always sends it", async () => {
    const auth = `Basic ${Buffer.from(`${pa.username}:${pa.password}`).toString("base64")}`;
    const bare = await fetch(`${pa.url}${API}/virtualhosts`, { headers: { authorization: auth } });
    expect(bare.status).toBe(403);
    const client = createPingAccessClient({ connection, password: pa.password });
    await expect(client.list("/virtualhosts")).resolves.toEqual([]);
    expect(pa.server.requests.at(-1)!.headers["x-xsrf-header"]).toBe("PingAccess");
  });

  it("422 ApiError: a clear message naming the form fields", async () => {
    const error = await provider("VirtualHost").create!({ connection, host: "", port: 70000 }).catch((e: Error) => e.message);
    expect(error).toBe(
      'PingAccess virtual host "": create failed: PingAccess: POST /pa-admin-api/v3/virtualhosts answered 422: Validation failed; fields host: is required; port: must be between 1 and 65535',
    );
  });

  it("503 is retried with backoff and the object is created once; a timeout is retried, then reported", async () => {
    pa.server.failNext("POST", `${API}/virtualhosts`, { status: 503, body: { flash: ["busy"], form: {} } }, 2);
    const created = await provider("VirtualHost").create!({ connection, host: "a.example.com", port: 443 });
    expect(pa.store["virtualhosts"]!.get(created.id)).toMatchObject({ host: "a.example.com", port: 443 });
    expect(pa.store["virtualhosts"]!.size).toBe(1);
    expect(logs.filter((l) => / 503; retrying/.test(l))).toHaveLength(2);

    pa.server.failNext("GET", `${API}/virtualhosts/:id`, { status: 200, body: {}, delayMs: 3000 }, 3);
    const quick = { ...connection, timeoutMs: 200 };
    const error = await provider("VirtualHost").read!(created.id, { connection: quick, host: "a.example.com", port: 443 }).catch((e: Error) => e.message);
    expect(error).toMatch(/read of id \d+ failed: PingAccess: GET \/virtualhosts\/\d+: no answer within 200 ms after 3 attempts/);
  });

  it("missing password: one line naming the variable, no call to PingAccess", async () => {
    const error = await provider("VirtualHost", { env: {} }).create!({ connection, host: "a.example.com", port: 443 }).catch((e: Error) => e.message);
    expect(error).toMatch(/PingAccess credentials: environment variable PINGACCESS_ADMIN_PASSWORD is not set/);
    expect(pa.server.requests).toHaveLength(0);
  });

  it("survives Pulumi's serialisation: the packaged provider holds no secret, reads the password from Pulumi config", async () => {
    const viaConfig = { ...connection, passwordFrom: { source: "pulumi-config" as const, passwordKey: "pingaccess:adminPassword" } };
    const child = spawn(
      process.execPath,
      ["-r", "tsx/cjs", join(REPO_ROOT, "test", "support", "serialized-pingaccess-provider.ts"), JSON.stringify({ inputs: { connection: viaConfig, ...plan.sidebandClient, secrets: [SECRET_A] } })],
      { cwd: REPO_ROOT, env: { ...process.env, PA_TEST_PASSWORD: pa.password } },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout.trim());
    expect(pa.store["sidebandClients"]!.get(result.createdId)?.["name"]).toBe(plan.sidebandClient.name);
    expect(result.serializedHasPassword).toBe(false);
    expect(result.serializedHasSecret).toBe(false);
    expect(result.duplicate).toMatch(/already has one with this name \(id sbc-\d+\); adopt it with pingaccess\.importIds\.sidebandClient/);
    expect(result.duplicate).not.toContain(SECRET_A);
    expect(stderr + stdout.replace(/"createdId":"[^"]*"/, "")).not.toContain(pa.password);
  });
});
