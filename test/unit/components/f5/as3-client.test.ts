import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { As3Error, buildAs3Declaration, createAs3Client, type As3ClientOptions } from "../../../../components/f5";
import { startAs3StandIn, STAND_IN_PASSWORD, STAND_IN_USER, type As3StandIn } from "../../../support/as3-stand-in";
import { FAKE_CERTIFICATE, FAKE_PRIVATE_KEY, f5StackConfig, settingsOf } from "./fixtures";

const TENANT = "kis_test";
const declaration = () => JSON.parse(JSON.stringify(buildAs3Declaration(settingsOf(f5StackConfig()), { certificate: FAKE_CERTIFICATE, privateKey: FAKE_PRIVATE_KEY })));
const BUSY = { code: 503, message: "Error: Configuration operation in progress on device undefined, please try again in 2 minutes" };

describe("AS3 client against a local AS3 stand-in", () => {
  let as3: As3StandIn;
  let clock: number;
  let slept: number[];
  let logs: string[];
  const client = (extra: Partial<As3ClientOptions> = {}) =>
    createAs3Client({
      host: as3.url,
      credentials: { username: STAND_IN_USER, password: STAND_IN_PASSWORD },
      secrets: [FAKE_PRIVATE_KEY, FAKE_CERTIFICATE],
      sleep: async (ms) => void slept.push(ms),
      log: (line) => logs.push(line),
      now: () => clock,
      ...extra,
    });
  const paths = () => as3.server.requests.map((r) => `${r.method} ${r.path}${r.query.toString() ? `?${r.query}` : ""}`);

  beforeEach(async () => {
    clock = 1_700_000_000_000;
    as3 = await startAs3StandIn({ now: () => clock });
    slept = [];
    logs = [];
  });
  afterEach(async () => {
    // Nothing secret is ever logged, whatever the test did.
    const all = logs.join("\n");
    for (const secret of [STAND_IN_PASSWORD, ...as3.issuedTokens, "fakePRIVATEkeyBODYlineONE", Buffer.from(`${STAND_IN_USER}:${STAND_IN_PASSWORD}`).toString("base64")]) {
      expect(all).not.toContain(secret);
    }
    await as3.close();
  });

  it("synchronous: POST without async answers 200 and the tenant is applied", async () => {
    const outcome = await client({ async: false }).declareTenant(TENANT, declaration());
    expect(outcome).toEqual({ tenant: TENANT, changed: true, message: "success" });
    expect(paths()).toEqual(["POST /mgmt/shared/authn/login", `POST /mgmt/shared/appsvcs/declare/${TENANT}`]);
    expect(as3.tenants.get(TENANT)).toEqual(declaration()[TENANT]);
    expect(slept).toEqual([]);
  });

  it("asynchronous: 202 with a task id, polled until the task leaves 'in progress'", async () => {
    as3.asyncPolls = 2;
    const outcome = await client({ pollIntervalMs: 1500 }).declareTenant(TENANT, declaration());
    expect(outcome).toMatchObject({ tenant: TENANT, changed: true, message: "success", taskId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(paths()).toEqual([
      "POST /mgmt/shared/authn/login",
      `POST /mgmt/shared/appsvcs/declare/${TENANT}?async=true`,
      `GET /mgmt/shared/appsvcs/task/${outcome.taskId}`,
      `GET /mgmt/shared/appsvcs/task/${outcome.taskId}`,
      `GET /mgmt/shared/appsvcs/task/${outcome.taskId}`,
    ]);
    expect(slept).toEqual([1500, 1500, 1500]);
    expect(logs.filter((l) => l.includes("in progress"))).toHaveLength(2);
  });

  it("a synchronous POST that AS3 turns into 202 (after 45 s) is polled as well", async () => {
    as3.slowSync = true;
    const outcome = await client({ async: false }).declareTenant(TENANT, declaration());
    expect(outcome.message).toBe("success");
    expect(paths()[2]).toMatch(/^GET \/mgmt\/shared\/appsvcs\/task\//);
  });

  it("a task that never finishes ends with a message naming the task", async () => {
    as3.asyncPolls = 1000;
    const error = await client({ pollIntervalMs: 60_000, taskTimeoutMs: 5 * 60_000, sleep: async (ms) => void (clock += ms) })
      .declareTenant(TENANT, declaration())
      .catch((e) => e);
    expect(error).toBeInstanceOf(As3Error);
    expect(error.message).toMatch(/task [0-9a-f-]{36} still in progress after \d+ s; see GET \/mgmt\/shared\/appsvcs\/task\//);
  });

  it("503 'configuration operation in progress' is retried with backoff, then succeeds", async () => {
    as3.server.failNext("POST", "/mgmt/shared/appsvcs/declare/:tenant", { status: 503, body: BUSY }, 2);
    const outcome = await client({ async: false }).declareTenant(TENANT, declaration());
    expect(outcome.message).toBe("success");
    expect(paths().filter((p) => p.startsWith("POST /mgmt/shared/appsvcs"))).toHaveLength(3);
    expect(slept).toEqual([2000, 4000]);
    expect(logs.filter((l) => / 503; retrying in \d+ ms/.test(l))).toHaveLength(2);
  });

  it("503 that does not clear gives up with AS3's message", async () => {
    as3.server.failNext("POST", "/mgmt/shared/appsvcs/declare/:tenant", { status: 503, body: BUSY }, 10);
    const error = await client({ async: false, retry: { attempts: 3 } }).declareTenant(TENANT, declaration()).catch((e) => e);
    expect(error).toBeInstanceOf(As3Error);
    expect(error.status).toBe(503);
    expect(error.message).toContain("Configuration operation in progress");
  });

  it("422: an invalid declaration fails with AS3's message and the paths at fault, no secret in it", async () => {
    const bad = declaration();
    delete bad[TENANT].kong_edge.kong_https.virtualAddresses;
    const error = await client({ async: false }).declareTenant(TENANT, bad).catch((e) => e);
    expect(error).toBeInstanceOf(As3Error);
    expect(error.status).toBe(422);
    expect(error.message).toBe(
      `BIG-IP AS3: declare tenant ${TENANT} failed (422): declaration is invalid; /${TENANT}/kong_edge/kong_https: should have required property 'virtualAddresses'`,
    );
    expect(error.errors).toEqual([`/${TENANT}/kong_edge/kong_https: should have required property 'virtualAddresses'`]);
    expect(as3.tenants.has(TENANT)).toBe(false);
    expect(JSON.stringify({ message: error.message, errors: error.errors })).not.toMatch(/fakePRIVATE|s3cret/);
  });

  it("422 reported in the task record of an async POST", async () => {
    as3.invalidIn = "task";
    as3.asyncPolls = 1;
    const bad = declaration();
    delete bad[TENANT].kong_edge.kong_https.virtualAddresses;
    const error = await client().declareTenant(TENANT, bad).catch((e) => e);
    expect(error).toBeInstanceOf(As3Error);
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/failed \(422\): declaration is invalid; .*should have required property 'virtualAddresses'/);
  });

  it("an identical re-post answers 'no change' and reports no change", async () => {
    const c = client();
    expect((await c.declareTenant(TENANT, declaration())).changed).toBe(true);
    const again = await c.declareTenant(TENANT, declaration());
    expect(again).toMatchObject({ changed: false, message: "no change" });
    expect(as3.issuedTokens).toHaveLength(1);
  });

  it("token auth: one login, every AS3 call carries X-F5-Auth-Token and no Basic header", async () => {
    await client().declareTenant(TENANT, declaration());
    const login = as3.server.requests[0]!;
    expect(login.body).toEqual({ username: STAND_IN_USER, password: STAND_IN_PASSWORD, loginProviderName: "tmos" });
    for (const r of as3.server.requests.slice(1)) {
      expect(r.headers["x-f5-auth-token"]).toBe(as3.issuedTokens[0]);
      expect(r.headers["authorization"]).toBeUndefined();
    }
  });

  it("token auth: the token is renewed before its 1200 s are over", async () => {
    const c = client();
    await c.declareTenant(TENANT, declaration());
    clock += 1000 * 1000; // 1000 s later: still valid, not yet renewed
    await c.getTenant(TENANT);
    expect(as3.issuedTokens).toHaveLength(1);
    clock += 100 * 1000; // 1100 s: within the renewal margin (the token would expire at 1200 s)
    await c.getTenant(TENANT);
    expect(as3.issuedTokens).toHaveLength(2);
    expect(as3.server.requests.at(-1)!.headers["x-f5-auth-token"]).toBe(as3.issuedTokens[1]);
  });

  it("token auth: a 401 (token gone on the BIG-IP) signs in again once", async () => {
    const c = client();
    await c.declareTenant(TENANT, declaration());
    as3.revokeTokens();
    expect(await c.getTenant(TENANT)).toBeDefined();
    expect(as3.issuedTokens).toHaveLength(2);
  });

  it("a wrong password fails with the BIG-IP's message and without the password", async () => {
    const error = await client({ credentials: { username: STAND_IN_USER, password: "wrong-password-value" } })
      .declareTenant(TENANT, declaration())
      .catch((e) => e);
    expect(error).toBeInstanceOf(As3Error);
    expect(error.status).toBe(401);
    expect(error.message).toContain("Authentication failed.");
    expect(error.message).not.toContain("wrong-password-value");
  });

  it("basic auth: Authorization: Basic on every call, no login", async () => {
    await client({ auth: "basic" }).declareTenant(TENANT, declaration());
    expect(paths()[0]).toBe(`POST /mgmt/shared/appsvcs/declare/${TENANT}?async=true`);
    const expected = `Basic ${Buffer.from(`${STAND_IN_USER}:${STAND_IN_PASSWORD}`).toString("base64")}`;
    for (const r of as3.server.requests) expect(r.headers["authorization"]).toBe(expected);
    expect(as3.issuedTokens).toEqual([]);
  });

  it("tenant deletion: DELETE /declare/{tenant}, then AS3 holds nothing for it", async () => {
    const c = client();
    await c.declareTenant(TENANT, declaration());
    expect(await c.getTenant(TENANT)).toMatchObject({ [TENANT]: { class: "Tenant" } });
    expect(await c.deleteTenant(TENANT)).toMatchObject({ changed: true, message: "success" });
    expect(paths()).toContain(`DELETE /mgmt/shared/appsvcs/declare/${TENANT}`);
    expect(as3.tenants.has(TENANT)).toBe(false);
    expect(await c.getTenant(TENANT)).toBeUndefined();
    expect(await c.deleteTenant(TENANT)).toMatchObject({ changed: false, message: "no change" });
  });

  it("never sends updateMode complete, nor a declaration for another or a second tenant", async () => {
    const c = client();
    const complete = { ...declaration(), updateMode: "complete" };
    await expect(c.declareTenant(TENANT, complete)).rejects.toThrow(/updateMode "complete" would delete every other tenant/);
    const two = { ...declaration(), other: { class: "Tenant" } };
    await expect(c.declareTenant(TENANT, two)).rejects.toThrow(/must hold exactly tenant kis_test, found kis_test, other/);
    await expect(c.declareTenant("kis_prod", declaration())).rejects.toThrow(/must hold exactly tenant kis_prod, found kis_test/);
    expect(as3.server.requests).toEqual([]);
  });
});
