import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildAs3Declaration, canonicalJson, createAs3TenantProvider, declarationSecrets, type As3TenantInputs } from "../../../../components/f5";
import { startAs3StandIn, STAND_IN_PASSWORD, STAND_IN_USER, type As3StandIn } from "../../../support/as3-stand-in";
import { FAKE_CERTIFICATE, FAKE_PRIVATE_KEY, f5StackConfig, settingsOf } from "./fixtures";

const TENANT = "kis_test";
const declaration = (mutate: (raw: any) => void = () => {}) =>
  JSON.parse(JSON.stringify(buildAs3Declaration(settingsOf(f5StackConfig(mutate)), { certificate: FAKE_CERTIFICATE, privateKey: FAKE_PRIVATE_KEY })));

describe("As3Tenant dynamic provider against a local AS3 stand-in", () => {
  let as3: As3StandIn;
  let logs: string[];
  let env: Record<string, string | undefined>;
  const provider = () =>
    createAs3TenantProvider({ sleep: async () => undefined, log: (l) => logs.push(l), pollIntervalMs: 0, env: () => env });
  const inputs = (extra: Partial<As3TenantInputs> = {}): As3TenantInputs => ({
    host: as3.url,
    tenant: TENANT,
    declaration: declaration(),
    auth: "token",
    ...extra,
  });

  beforeEach(async () => {
    as3 = await startAs3StandIn();
    logs = [];
    env = { F5_USERNAME: STAND_IN_USER, F5_PASSWORD: STAND_IN_PASSWORD };
  });
  afterEach(async () => {
    expect(logs.join("\n")).not.toMatch(new RegExp(`${STAND_IN_PASSWORD}|fakePRIVATEkey`));
    await as3.close();
  });

  it("create posts the tenant (async + task) and returns the tenant as id; credentials from the environment", async () => {
    const created = await provider().create!(inputs());
    expect(created.id).toBe(TENANT);
    expect(created.outs).toMatchObject({ tenant: TENANT, result: "success" });
    expect(created.outs.password).toBeUndefined(); // env credentials never enter the state
    expect(as3.tenants.get(TENANT)).toEqual(declaration()[TENANT]);
    const post = as3.server.requests.find((r) => r.method === "POST" && r.path.endsWith(`/declare/${TENANT}`))!;
    expect(post.query.get("async")).toBe("true");
  });

  it("credentials in the inputs (f5.username + secret f5Password) win over the environment", async () => {
    env = {};
    const created = await provider().create!(inputs({ username: STAND_IN_USER, password: STAND_IN_PASSWORD }));
    expect(created.outs.result).toBe("success");
    expect(as3.server.requests[0]!.body).toMatchObject({ username: STAND_IN_USER });
  });

  it("without credentials anywhere it fails naming where they come from", async () => {
    env = {};
    await expect(provider().create!(inputs())).rejects.toThrow(
      "BIG-IP AS3: no credentials; set F5_USERNAME and F5_PASSWORD in the environment, or f5.username and the secret config key f5Password",
    );
    expect(as3.server.requests).toEqual([]);
  });

  it("diff: nothing changed, the declaration changed (update), the tenant or host changed (replace, delete first)", async () => {
    const p = provider();
    const olds = { ...inputs(), result: "success" };
    expect(await p.diff!(TENANT, olds, inputs())).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    const changed = inputs({ declaration: declaration((raw) => (raw.f5.redirectHttp = false)) });
    expect(await p.diff!(TENANT, olds, changed)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(await p.diff!(TENANT, olds, inputs({ tenant: "kis_other" }))).toEqual({ changes: true, replaces: ["tenant"], deleteBeforeReplace: true });
    expect(await p.diff!(TENANT, olds, inputs({ host: "https://other-bigip" }))).toEqual({ changes: true, replaces: ["host"], deleteBeforeReplace: true });
  });

  it("update re-posts: an identical declaration answers 'no change', a changed one 'success'", async () => {
    const p = provider();
    const { outs } = await p.create!(inputs());
    expect((await p.update!(TENANT, outs, inputs())).outs.result).toBe("no change");
    const next = inputs({ declaration: declaration((raw) => (raw.f5.redirectHttp = false)) });
    expect((await p.update!(TENANT, outs, next)).outs.result).toBe("success");
    expect((as3.tenants.get(TENANT) as any).kong_edge.kong_https.redirect80).toBe(false);
  });

  it("read keeps the state while the tenant exists and empties the declaration when it is gone", async () => {
    const p = provider();
    const { outs } = await p.create!(inputs());
    expect((await p.read!(TENANT, outs)).props).toEqual(outs);
    as3.tenants.delete(TENANT);
    const gone = await p.read!(TENANT, outs);
    expect(gone.props).toMatchObject({ declaration: {}, result: "missing" });
    expect((await p.diff!(TENANT, gone.props as any, inputs())).changes).toBe(true);
  });

  it("delete removes the tenant with DELETE /declare/{tenant}", async () => {
    const p = provider();
    const { outs } = await p.create!(inputs());
    await p.delete!(TENANT, outs);
    expect(as3.server.requests.at(-1)).toMatchObject({ method: "DELETE", path: `/mgmt/shared/appsvcs/declare/${TENANT}` });
    expect(as3.tenants.has(TENANT)).toBe(false);
  });

  it("check refuses updateMode complete, a second tenant and a non-https host before anything is sent", async () => {
    const p = provider();
    const ok = await p.check!({}, { ...inputs(), host: "https://bigip.example.com" });
    expect(ok.failures).toEqual([]);
    const bad = await p.check!({}, { ...inputs({ declaration: { ...declaration(), updateMode: "complete", other: { class: "Tenant" } } }), host: "http://bigip" });
    expect(bad.failures).toEqual([
      { property: "host", reason: "expected the BIG-IP management URL (https)" },
      { property: "declaration", reason: 'updateMode "complete" would delete every other tenant on the BIG-IP (CIS\'s included); only "selective" is sent' },
      { property: "declaration", reason: "the declaration must hold exactly tenant kis_test, found kis_test, other" },
    ]);
    expect(as3.server.requests).toEqual([]);
  });
});

describe("provider helpers", () => {
  it("finds the secret strings of a declaration (keys, passphrases, certificates)", () => {
    expect(declarationSecrets(declaration()).sort()).toEqual([FAKE_CERTIFICATE, FAKE_PRIVATE_KEY].sort());
  });

  it("compares declarations regardless of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
  });
});
