import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSerialQueue,
  createTokenCache,
  createZpaClient,
  parseExpiresIn,
  resolveZpaCredentials,
  zpaEndpoints,
  zpaErrorKind,
  ZPA_CLOUD_BASE_URLS,
  type ZpaConnection,
} from "../../../../components/zpa";
import { RestError } from "../../../../components/shared";
import { startZpaStandIn, type ZpaStandIn } from "../../../support/zpa-stand-in";

const env = { source: "environment", clientIdEnv: "ZPA_CLIENT_ID", clientSecretEnv: "ZPA_CLIENT_SECRET" } as const;

describe("zpaEndpoints: clouds, OneAPI and a custom base URL", () => {
  it.each([
    ["PRODUCTION", "https://config.private.zscaler.com"],
    ["ZPATWO", "https://config.zpatwo.net"],
    ["BETA", "https://config.zpabeta.net"],
    ["GOV", "https://config.zpagov.net"],
    ["GOVUS", "https://config.zpagov.us"],
    ["PREVIEW", "https://config.zpapreview.net"],
  ] as const)("legacy %s signs in at %s/signin, paths without prefix", (cloud, base) => {
    const e = zpaEndpoints({ cloud, customerId: "1", auth: "legacy", credentials: env });
    expect(e).toEqual({ apiBaseUrl: base, pathPrefix: "", auth: { kind: "legacy", baseUrl: base, path: "/signin" } });
  });

  it("covers exactly the six documented clouds", () => {
    expect(Object.keys(ZPA_CLOUD_BASE_URLS).sort()).toEqual(["BETA", "GOV", "GOVUS", "PREVIEW", "PRODUCTION", "ZPATWO"]);
  });

  it("OneAPI: token at {vanity}.zslogin.net, API at api.zsapi.net under /zpa", () => {
    const e = zpaEndpoints({ cloud: "PRODUCTION", customerId: "1", auth: "oneapi", vanityDomain: "acme", credentials: env });
    expect(e).toEqual({
      apiBaseUrl: "https://api.zsapi.net",
      pathPrefix: "/zpa",
      auth: { kind: "oneapi", baseUrl: "https://acme.zslogin.net", path: "/oauth2/v1/token" },
    });
  });

  it("a custom base URL replaces the cloud's host (trailing slash dropped)", () => {
    const e = zpaEndpoints({ cloud: "BETA", baseUrl: "http://127.0.0.1:9999/", customerId: "1", auth: "legacy", credentials: env });
    expect(e.apiBaseUrl).toBe("http://127.0.0.1:9999");
    expect(e.auth).toEqual({ kind: "legacy", baseUrl: "http://127.0.0.1:9999", path: "/signin" });
  });
});

describe("tokens", () => {
  it("reads expires_in as a string (legacy) or a number (OAuth), and distrusts nonsense", () => {
    expect(parseExpiresIn("3600")).toBe(3600);
    expect(parseExpiresIn(1800)).toBe(1800);
    expect(parseExpiresIn("soon")).toBe(300);
    expect(parseExpiresIn(undefined)).toBe(300);
    expect(parseExpiresIn("-5")).toBe(300);
  });

  it("reuses a token until 60 s before it expires, then fetches a new one; concurrent callers share a fetch", async () => {
    let clock = 0;
    let fetched = 0;
    const cache = createTokenCache(async () => ({ accessToken: `t${++fetched}`, expiresInSeconds: 3600 }), () => clock);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(["t1", "t1", "t1"]);
    clock = (3600 - 61) * 1000;
    expect(await cache.get()).toBe("t1");
    clock = (3600 - 60) * 1000;
    expect(await cache.get()).toBe("t2");
    cache.invalidate();
    expect(await cache.get()).toBe("t3");
    expect(fetched).toBe(3);
  });
});

describe("credentials", () => {
  it("reads named environment variables and names the missing ones (never a value)", () => {
    expect(resolveZpaCredentials(env, { env: { ZPA_CLIENT_ID: "id", ZPA_CLIENT_SECRET: "s3cret" } })).toEqual({ clientId: "id", clientSecret: "s3cret" });
    expect(() => resolveZpaCredentials(env, { env: { ZPA_CLIENT_ID: "id" } })).toThrow(
      /^ZPA credentials: environment variable ZPA_CLIENT_SECRET is not set; export/,
    );
  });

  it("reads Pulumi secrets from the stack config the engine hands the provider", () => {
    const source = { source: "pulumi-config", clientIdKey: "zpa:clientId", clientSecretKey: "zpa:clientSecret" } as const;
    const config = { get: (k: string) => ({ "zpa:clientId": "id", "zpa:clientSecret": "s3cret" })[k] };
    expect(resolveZpaCredentials(source, { env: {}, config })).toEqual({ clientId: "id", clientSecret: "s3cret" });
    expect(() => resolveZpaCredentials(source, { env: {} })).toThrow(
      "ZPA credentials: Pulumi config zpa:clientId and zpa:clientSecret are not set; run pulumi config set --secret zpa:clientId <value> and pulumi config set --secret zpa:clientSecret <value>",
    );
  });
});

describe("zpaErrorKind", () => {
  const err = (status: number, body: unknown) => new RestError("x", status, "POST", "/p", body);
  it.each([
    [err(404, { id: "x" }), "not-found"],
    [err(400, { id: "resource.not.found" }), "not-found"],
    [err(409, { id: "api.concurrent.access.error", reason: "busy" }), "edit-lock"],
    [err(400, { id: "db.simultaneous.request" }), "edit-lock"],
    [err(409, "EDIT_LOCK_NOT_AVAILABLE"), "edit-lock"],
    [err(409, { id: "resource.already.exists" }), "conflict"],
    [err(400, { id: "invalid.input" }), "other"],
    [new Error("plain"), "other"],
  ])("%#: %s", (e, kind) => {
    expect(zpaErrorKind(e)).toBe(kind);
  });
});

describe("createSerialQueue", () => {
  it("runs tasks one at a time in order, and a failure does not stop the next", async () => {
    const queue = createSerialQueue();
    const events: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        events.push(`start ${name}`);
        setTimeout(() => {
          events.push(`end ${name}`);
          fail ? reject(new Error(name)) : resolve(name);
        }, ms);
      });
    const results = await Promise.allSettled([queue.run(task("a", 30)), queue.run(task("b", 5, true)), queue.run(task("c", 1))]);
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});

describe("createZpaClient against the ZPA stand-in", () => {
  let zpa: ZpaStandIn;
  let logs: string[];
  let slept: number[];
  let clock: number;
  const connection = (extra: Partial<ZpaConnection> = {}): ZpaConnection => ({
    cloud: "PRODUCTION",
    baseUrl: zpa.url,
    customerId: zpa.customerId,
    auth: "legacy",
    credentials: env,
    timeoutMs: 1000,
    retryAttempts: 3,
    pageSize: 2,
    ...extra,
  });
  const client = (extra: Partial<ZpaConnection> = {}) =>
    createZpaClient({
      connection: connection(extra),
      credentials: { clientId: zpa.clientId, clientSecret: zpa.clientSecret },
      log: (line) => logs.push(line),
      sleep: async (ms) => void slept.push(ms),
      now: () => clock,
    });

  beforeEach(async () => {
    zpa = await startZpaStandIn({ extraCertificates: 3 });
    logs = [];
    slept = [];
    clock = 0;
  });
  afterEach(() => zpa.close());

  it("signs in once with the form fields client_id and client_secret and sends the bearer token", async () => {
    const c = client();
    await c.list(c.mgmt("v1", "segmentGroup"));
    await c.list(c.mgmt("v1", "serverGroup"));
    const signins = zpa.requestsTo("POST", "/signin");
    expect(signins).toHaveLength(1);
    expect(signins[0]!.body).toEqual({ client_id: zpa.clientId, client_secret: zpa.clientSecret });
    const call = zpa.requestsTo("GET", "/segmentGroup")[0]!;
    expect(call.path).toBe(`/mgmtconfig/v1/admin/customers/${zpa.customerId}/segmentGroup`);
    expect(call.headers["authorization"]).toBe(`Bearer ${zpa.issuedTokens[0]}`);
  });

  it("refreshes the token before it expires (expires_in is the string \"3600\")", async () => {
    const c = client();
    await c.list(c.mgmt("v1", "segmentGroup"));
    clock = 3541 * 1000;
    await c.list(c.mgmt("v1", "segmentGroup"));
    expect(zpa.requestsTo("POST", "/signin")).toHaveLength(2);
    expect(zpa.requestsTo("GET", "/segmentGroup")[1]!.headers["authorization"]).toBe(`Bearer ${zpa.issuedTokens[1]}`);
  });

  it("signs in again once when ZPA answers 401 to a call", async () => {
    const c = client();
    await c.list(c.mgmt("v1", "segmentGroup"));
    zpa.revokeTokens();
    await c.list(c.mgmt("v1", "segmentGroup"));
    expect(zpa.requestsTo("POST", "/signin")).toHaveLength(2);
  });

  it("OneAPI: client credentials with the audience at the token URL, API paths under /zpa", async () => {
    const c = client({ auth: "oneapi", tokenUrl: `${zpa.url}/oauth2/v1/token` });
    await c.list(c.mgmt("v1", "segmentGroup"));
    const token = zpa.requestsTo("POST", "/oauth2/v1/token");
    expect(token).toHaveLength(1);
    expect(token[0]!.body).toEqual({
      grant_type: "client_credentials",
      client_id: zpa.clientId,
      client_secret: zpa.clientSecret,
      audience: "https://api.zscaler.com",
    });
    expect(zpa.requestsTo("GET", "/segmentGroup")[0]!.path).toBe(`/zpa/mgmtconfig/v1/admin/customers/${zpa.customerId}/segmentGroup`);
    expect(zpa.requestsTo("POST", "/signin")).toHaveLength(0);
  });

  it("reads every page: ?page=&pagesize= until totalPages (a string)", async () => {
    const c = client();
    const certs = await c.list<{ name: string }>(c.mgmt("v2", "enrollmentCert"));
    expect(certs.map((x) => x.name)).toEqual(["Custom-1", "Custom-2", "Custom-3", "Root", "Client", "Connector"]);
    const pages = zpa.requestsTo("GET", "/enrollmentCert").map((r) => [r.query.get("page"), r.query.get("pagesize")]);
    expect(pages).toEqual([
      ["1", "2"],
      ["2", "2"],
      ["3", "2"],
    ]);
  });

  it("waits as long as Retry-After says on 429", async () => {
    zpa.server.failNext("GET", "/mgmtconfig/v1/admin/customers/:cid/segmentGroup", { status: 429, headers: { "retry-after": "7" } });
    const c = client();
    expect(await c.list(c.mgmt("v1", "segmentGroup"))).toEqual([]);
    expect(slept).toEqual([7000]);
    expect(logs.join("\n")).toMatch(/ZPA: GET \/mgmtconfig\/v1\/admin\/customers\/\d+\/segmentGroup: 429; retrying in 7000 ms/);
  });

  it("retries a 503 with backoff", async () => {
    zpa.server.failNext("GET", "/mgmtconfig/v1/admin/customers/:cid/segmentGroup", { status: 503, body: { id: "service.unavailable", reason: "busy" } }, 2);
    const c = client();
    await c.list(c.mgmt("v1", "segmentGroup"));
    expect(slept).toEqual([500, 1000]);
  });

  it("times out a call that gets no answer, and retries it", async () => {
    zpa.server.failNext("GET", "/mgmtconfig/v1/admin/customers/:cid/segmentGroup", { status: 200, delayMs: 1600 });
    const c = client();
    expect(await c.list(c.mgmt("v1", "segmentGroup"))).toEqual([]);
    expect(logs.join("\n")).toMatch(/no answer within 1000 ms; retrying/);
  });

  it("gives up after the configured attempts with the vendor's reason", async () => {
    zpa.server.failNext("GET", "/mgmtconfig/v1/admin/customers/:cid/segmentGroup", { status: 503, body: { id: "service.unavailable", reason: "maintenance" } }, 5);
    const c = client();
    await expect(c.list(c.mgmt("v1", "segmentGroup"))).rejects.toThrow(/answered 503: maintenance$/);
  });

  it("retries a write while the tenant's edit lock is busy (409 api.concurrent.access.error)", async () => {
    zpa.server.failNext("POST", "/mgmtconfig/v1/admin/customers/:cid/segmentGroup", { status: 409, body: { id: "api.concurrent.access.error", reason: "busy" } }, 2);
    const c = client();
    const created = await c.post<{ id: string }>(c.mgmt("v1", "segmentGroup"), { name: "sg" });
    expect(zpa.store.segmentGroup.get(created.id)?.["name"]).toBe("sg");
    expect(slept).toEqual([1000, 2000]);
  });

  it("does not retry a 409 for a duplicate name", async () => {
    zpa.seed("segmentGroup", { name: "sg" });
    const c = client();
    const err = await c.post(c.mgmt("v1", "segmentGroup"), { name: "sg" }).catch((e: unknown) => e);
    expect(zpaErrorKind(err)).toBe("conflict");
    expect(zpa.requestsTo("POST", "/segmentGroup")).toHaveLength(1);
  });

  it("get answers undefined and delete answers absent for an object that is gone", async () => {
    const c = client();
    expect(await c.get(c.mgmt("v1", "segmentGroup/1"))).toBeUndefined();
    expect(await c.delete(c.mgmt("v1", "segmentGroup/1"))).toBe("absent");
  });

  it("a wrong secret: one line naming the sign-in and the config to check, without the secret", async () => {
    const c = createZpaClient({
      connection: connection(),
      credentials: { clientId: zpa.clientId, clientSecret: "wrong-secret-value" },
      log: (line) => logs.push(line),
      sleep: async () => undefined,
    });
    const err = (await c.list(c.mgmt("v1", "segmentGroup")).then(() => undefined, (e: Error) => e))!;
    expect(err.message).toBe(
      "ZPA sign-in failed: ZPA: POST /signin answered 401: Invalid client credentials; check the client id and secret the stack reads (zpa.credentials)",
    );
  });

  it("never logs or reports the client secret, the token or a provisioning key", async () => {
    const c = client();
    const key = "3|api.private.zscaler.com|super-secret-provisioning-key";
    c.rememberSecret(key);
    zpa.server.failNext("GET", "/mgmtconfig/v1/admin/customers/:cid/segmentGroup", { status: 503, body: { reason: `busy ${zpa.clientSecret}` } });
    zpa.server.route("POST", "/mgmtconfig/v1/admin/customers/:cid/leak", (req) => ({
      status: 400,
      body: { id: "invalid.input", reason: `bad ${key} ${req.headers["authorization"]} ${zpa.clientSecret}` },
    }));
    await c.list(c.mgmt("v1", "segmentGroup"));
    const err = (await c.post(c.mgmt("v1", "leak"), {}).then(() => undefined, (e: RestError) => e))!;
    const seen = [...logs, err.message, JSON.stringify(err.body)].join("\n");
    for (const secret of [zpa.clientSecret, key, ...zpa.issuedTokens]) expect(seen).not.toContain(secret);
    expect(err.message).toMatch(/answered 400: bad \[redacted\] Bearer \[redacted\] \[redacted\]$/);
  });
});
