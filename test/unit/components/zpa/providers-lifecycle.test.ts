import type * as pulumi from "@pulumi/pulumi";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  accessPolicyRuleProvider,
  accessPolicyRuleSpec,
  appConnectorGroupProvider,
  appConnectorGroupSpec,
  applicationSegmentPayload,
  applicationSegmentProvider,
  applicationSegmentSpec,
  provisioningKeyProvider,
  provisioningKeySpec,
  segmentGroupProvider,
  segmentGroupSpec,
  serverGroupProvider,
  serverGroupSpec,
  zpaObjectNames,
  type ZpaConnection,
  type ZpaProviderOptions,
} from "../../../../components/zpa";
import { REPO_ROOT } from "../../../support/run-kis";
import { startZpaStandIn, STAND_IN_IDP_ID, type ZpaStandIn } from "../../../support/zpa-stand-in";
import { zpaStackConfig } from "./fixtures";
import { UNKNOWN_INPUT } from "../../../../components/shared/unknown-input";


const cfg = zpaStackConfig();
const names = zpaObjectNames("orders-api", "test");
type Provider = Required<Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">> & pulumi.dynamic.ResourceProvider;

describe("ZPA dynamic providers against the ZPA stand-in", () => {
  let zpa: ZpaStandIn;
  let logs: string[];
  let slept: number[];
  let consoleLines: string[];
  let p: Record<"group" | "key" | "segmentGroup" | "serverGroup" | "segment" | "rule", Provider>;
  let connection: ZpaConnection;

  const make = (options: ZpaProviderOptions) => ({
    group: appConnectorGroupProvider(options) as Provider,
    key: provisioningKeyProvider(options) as Provider,
    segmentGroup: segmentGroupProvider(options) as Provider,
    serverGroup: serverGroupProvider(options) as Provider,
    segment: applicationSegmentProvider(options) as Provider,
    rule: accessPolicyRuleProvider(options) as Provider,
  });

  beforeEach(async () => {
    zpa = await startZpaStandIn({ extraCertificates: 3, ruleWriteDelayMs: 15 });
    logs = [];
    slept = [];
    consoleLines = [];
    for (const method of ["log", "error", "warn", "info"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(" ")));
    }
    connection = {
      cloud: "PRODUCTION",
      baseUrl: zpa.url,
      customerId: zpa.customerId,
      auth: "legacy",
      credentials: { source: "environment", clientIdEnv: "ZPA_CLIENT_ID", clientSecretEnv: "ZPA_CLIENT_SECRET" },
      timeoutMs: 1000,
      retryAttempts: 3,
      pageSize: 2,
    };
    p = make({
      env: { ZPA_CLIENT_ID: zpa.clientId, ZPA_CLIENT_SECRET: zpa.clientSecret },
      log: (line) => logs.push(line),
      sleep: async (ms) => void slept.push(ms),
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await zpa.close();
  });

  /** Nothing secret in anything the providers printed, logged or threw. */
  const expectNoSecrets = (...extra: unknown[]) => {
    const seen = [...logs, ...consoleLines, ...extra.map((e) => (e instanceof Error ? `${e.message}\n${e.stack}` : JSON.stringify(e)))].join("\n");
    for (const secret of [zpa.clientSecret, ...zpa.issuedTokens, ...zpa.provisioningKeys()]) expect(seen).not.toContain(secret);
  };

  const groupInputs = () => ({ connection, ...appConnectorGroupSpec(cfg.zpa, names, "test") });
  const segmentInputs = (segmentGroupId: string, serverGroupId: string) => ({
    connection,
    ...applicationSegmentSpec({ names, environment: "test", edgeFqdn: "api.test.example.com", segmentGroupId, serverGroupIds: [serverGroupId] }),
  });
  const ruleInputs = (applicationSegmentId: string, accessGroups = ["orders-readers", "orders-admins"]) => ({
    connection,
    ...accessPolicyRuleSpec({ names, environment: "test", groups: cfg.zpa.groups, accessGroups, applicationSegmentId }),
  });

  async function createAll() {
    const group = await p.group.create(groupInputs());
    const keyInputs = { connection, ...provisioningKeySpec(cfg.zpa, names, group.id) };
    const key = await p.key.create(keyInputs);
    const segmentGroup = await p.segmentGroup.create({ connection, ...segmentGroupSpec(names, "test") });
    const serverGroup = await p.serverGroup.create({ connection, ...serverGroupSpec(names, "test", [group.id]) });
    const segment = await p.segment.create(segmentInputs(segmentGroup.id, serverGroup.id));
    const rule = await p.rule.create(ruleInputs(segment.id));
    return { group, key, keyInputs, segmentGroup, serverGroup, segment, rule };
  }

  it("create → update → replace → delete, with the documented paths and bodies", async () => {
    // ---- create
    const { group, key, keyInputs, segmentGroup, serverGroup, segment, rule } = await createAll();
    expect(zpa.store.appConnectorGroup.get(group.id)).toMatchObject({ name: "orders-api-test-k8s-connectors", location: "Frankfurt, Germany", latitude: "50.1109", longitude: "8.6821" });
    const cert = zpa.requestsTo("GET", "/mgmtconfig/v2/admin/customers/").filter((r) => r.path.endsWith("/enrollmentCert"));
    expect(cert.map((r) => r.query.get("search"))).toEqual(["Connector"]);
    expect(zpa.store.provisioningKey.get(key.id)).toMatchObject({ maxUsage: "10", zcomponentId: group.id, associationType: "CONNECTOR_GRP", enrollmentCertName: "Connector" });
    expect(key.outs).toMatchObject({ maxUsage: 10, appConnectorGroupId: group.id, enrollmentCertName: "Connector" });
    expect(key.outs["provisioningKey"]).toBe(zpa.store.provisioningKey.get(key.id)!["provisioningKey"]);
    expect(zpa.store.serverGroup.get(serverGroup.id)).toMatchObject({ dynamicDiscovery: true, appConnectorGroups: [{ id: group.id }] });
    expect(zpa.store.application.get(segment.id)).toMatchObject({
      domainNames: ["api.test.example.com"],
      tcpPortRange: [{ from: "443", to: "443" }],
      bypassType: "NEVER",
      segmentGroupId: segmentGroup.id,
      serverGroups: [{ id: serverGroup.id }],
    });
    const ruleCreate = zpa.requestsTo("POST", `/policySet/${zpa.policySetId}/rule`)[0]!;
    expect(ruleCreate.path).toBe(`/mgmtconfig/v2/admin/customers/${zpa.customerId}/policySet/${zpa.policySetId}/rule`);
    const scimIds = (n: string) => zpa.scimGroups.find((g) => g.name === n)!.id;
    expect(ruleCreate.body).toMatchObject({
      action: "ALLOW",
      operator: "AND",
      conditions: [
        { operator: "OR", operands: [{ objectType: "APP", values: [segment.id] }] },
        {
          operator: "OR",
          operands: [{ objectType: "SCIM_GROUP", entryValues: [{ lhs: STAND_IN_IDP_ID, rhs: scimIds("orders-readers") }, { lhs: STAND_IN_IDP_ID, rhs: scimIds("orders-admins") }] }],
        },
      ],
    });
    expect(rule.outs).toMatchObject({ accessGroups: ["orders-readers", "orders-admins"], applicationSegmentId: segment.id, policySetId: zpa.policySetId, groupsSource: "scim" });

    // ---- no change: the outputs match the inputs they were created from
    for (const [provider, outs, inputs] of [
      [p.segment, segment.outs, segmentInputs(segmentGroup.id, serverGroup.id)],
      [p.rule, rule.outs, ruleInputs(segment.id)],
      [p.key, key.outs, keyInputs],
      [p.group, group.outs, groupInputs()],
    ] as const) {
      expect(await provider.diff("id", outs, inputs)).toMatchObject({ changes: false, replaces: [] });
    }

    // ---- update in place: a description, and the rule's groups
    const changedSegment = { ...segmentInputs(segmentGroup.id, serverGroup.id), description: "new description" };
    expect(await p.segment.diff(segment.id, segment.outs, changedSegment)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const updatedSegment = await p.segment.update(segment.id, segment.outs, changedSegment);
    expect(updatedSegment.outs?.["description"]).toBe("new description");
    expect(zpa.store.application.get(segment.id)?.["description"]).toBe("new description");

    const narrower = ruleInputs(segment.id, ["orders-admins"]);
    expect((await p.rule.diff(rule.id, rule.outs, narrower)).replaces).toEqual([]);
    const updatedRule = await p.rule.update(rule.id, rule.outs, narrower);
    expect(updatedRule.outs?.["accessGroups"]).toEqual(["orders-admins"]);
    expect(zpa.requestsTo("PUT", `/policySet/${zpa.policySetId}/rule/${rule.id}`)[0]!.path).toMatch(/\/mgmtconfig\/v2\//);

    const moreUses = { ...keyInputs, maxUsage: 12 };
    expect(await p.key.diff(key.id, key.outs, moreUses)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const updatedKey = await p.key.update(key.id, key.outs, moreUses);
    expect(updatedKey.outs?.["provisioningKey"]).toBe(key.outs["provisioningKey"]);
    expect(zpa.store.provisioningKey.get(key.id)?.["maxUsage"]).toBe("12");

    // ---- replace: a key belongs to one App Connector group; moving it means a new key, old one first
    const otherGroup = await p.group.create({ ...groupInputs(), name: "orders-api-test-other-connectors" });
    const moved = { ...moreUses, appConnectorGroupId: otherGroup.id };
    expect(await p.key.diff(key.id, updatedKey.outs, moved)).toEqual({ changes: true, replaces: ["appConnectorGroupId"], deleteBeforeReplace: true });
    await p.key.delete(key.id, updatedKey.outs);
    const newKey = await p.key.create(moved);
    expect(newKey.id).not.toBe(key.id);
    expect([...zpa.store.provisioningKey.keys()]).toEqual([newKey.id]);
    // another tenant: every object is replaced
    const elsewhere = { ...groupInputs(), connection: { ...connection, customerId: "216196257331281999" } };
    expect((await p.group.diff(group.id, group.outs, elsewhere)).replaces).toEqual(["connection"]);

    // ---- delete, dependants first
    await p.rule.delete(rule.id, updatedRule.outs!);
    await p.segment.delete(segment.id, updatedSegment.outs!);
    await p.serverGroup.delete(serverGroup.id, serverGroup.outs);
    await p.segmentGroup.delete(segmentGroup.id, segmentGroup.outs);
    await p.key.delete(newKey.id, newKey.outs);
    await p.group.delete(otherGroup.id, otherGroup.outs);
    await p.group.delete(group.id, group.outs);
    expect(Object.values(zpa.store).every((m) => m.size === 0)).toBe(true);
    expect(zpa.requestsTo("DELETE", `/application/${segment.id}`)[0]!.query.get("forceDelete")).toBe("true");
    expect(zpa.requestsTo("DELETE", `/policySet/${zpa.policySetId}/rule/${rule.id}`)[0]!.path).toMatch(/\/mgmtconfig\/v1\//);

    // deleting what is already gone is done; reading it says it is gone
    await expect(p.segment.delete(segment.id, updatedSegment.outs!)).resolves.toBeUndefined();
    expect(await p.segment.read(segment.id, updatedSegment.outs!)).toEqual({});
    expectNoSecrets();
  });

  it("imports by id: adopts an existing object, brings it in line with the stack, and manages it from then on", async () => {
    const { segmentGroup, serverGroup } = await createAll();
    const spec = applicationSegmentSpec({ names, environment: "test", edgeFqdn: "api2.test.example.com", segmentGroupId: segmentGroup.id, serverGroupIds: [serverGroup.id] });
    // Made by hand in the ZPA portal, with a stale description and port 8443 as well.
    const seeded = zpa.seed("application", { ...applicationSegmentPayload({ ...spec, name: "portal-made", description: "by hand" }), tcpPortRange: [{ from: "443", to: "443" }, { from: "8443", to: "8443" }] });
    const before = zpa.store.application.size;
    const inputs = { connection, adoptId: seeded.id, ...spec, name: "portal-made" };
    const adopted = await p.segment.create(inputs);
    expect(adopted.id).toBe(seeded.id);
    expect(zpa.store.application.size).toBe(before);
    expect(zpa.requestsTo("POST", "/application")).toHaveLength(1); // only createAll's own segment
    expect(zpa.store.application.get(seeded.id)).toMatchObject({ description: spec.description, tcpPortRange: [{ from: "443", to: "443" }] });
    expect(await p.segment.diff(seeded.id, adopted.outs, inputs)).toMatchObject({ changes: false });
    await p.segment.delete(seeded.id, adopted.outs);
    expect(zpa.store.application.has(seeded.id)).toBe(false);
  });

  it("refuses to adopt an id ZPA does not have, or an object that would need a replacement", async () => {
    const missing = await p.segmentGroup.create({ connection, adoptId: "216196257331299999", ...segmentGroupSpec(names, "test") }).catch((e: Error) => e);
    expect((missing as Error).message).toBe(
      'ZPA segment group "orders-api-test-edge": adopting id 216196257331299999 (zpa.importIds.segmentGroup): ZPA has no such object; check the id',
    );
    const { group, key } = await createAll();
    const other = await p.group.create({ ...groupInputs(), name: "other-connectors" });
    const wrongGroup = await p.key
      .create({ connection, adoptId: key.id, ...provisioningKeySpec(cfg.zpa, names, other.id) })
      .catch((e: Error) => e);
    expect((wrongGroup as Error).message).toBe(
      `ZPA provisioning key "orders-api-test-k8s-connectors": adopting id ${key.id} (zpa.importIds.provisioningKey): it differs in appConnectorGroupId, which ZPA cannot change in place; adopt a matching object or remove the import id`,
    );
    expect(zpa.store.provisioningKey.get(key.id)?.["zcomponentId"]).toBe(group.id);
  });

  it("reads objects back in input form (refresh): the diff against the inputs is empty", async () => {
    const { group, segmentGroup, serverGroup, rule, segment } = await createAll();
    // An object made in the ZPA portal, read by id.
    const portalSegmentSpec = applicationSegmentSpec({ names, environment: "test", edgeFqdn: "api2.test.example.com", segmentGroupId: segmentGroup.id, serverGroupIds: [serverGroup.id] });
    const seeded = zpa.seed("application", { ...applicationSegmentPayload({ ...portalSegmentSpec, name: "portal-made" }) });
    const inputs = { connection, ...portalSegmentSpec, name: "portal-made" };
    const read = await p.segment.read(seeded.id, inputs);
    expect(read.id).toBe(seeded.id);
    expect(await p.segment.diff(seeded.id, read.props!, inputs)).toMatchObject({ changes: false });

    // A rule read with nothing but its inputs: the policy set is looked up, SCIM ids become names.
    const ruleIn = ruleInputs(segment.id);
    const readRule = await p.rule.read(rule.id, ruleIn);
    expect(readRule.props).toMatchObject({ accessGroups: ["orders-readers", "orders-admins"], policySetId: zpa.policySetId, idpId: STAND_IN_IDP_ID });
    expect(await p.rule.diff(rule.id, readRule.props!, ruleIn)).toMatchObject({ changes: false });

    const readGroup = await p.group.read(group.id, groupInputs());
    expect(await p.group.diff(group.id, readGroup.props!, groupInputs())).toMatchObject({ changes: false });

    // An id that does not exist any more: gone.
    expect(await p.segment.read("216196257331299999", inputs)).toEqual({});
    expectNoSecrets();
  });

  it("answers to 429 with Retry-After, 503 and a timeout are retried; the object is created once", async () => {
    const { segmentGroup, serverGroup } = await createAll();
    const base = "/mgmtconfig/v1/admin/customers/:cid/application";
    zpa.server.failNext("POST", base, { status: 429, headers: { "retry-after": "3" }, body: { id: "too.many.requests", reason: "rate limited" } });
    zpa.server.failNext("GET", `${base}/:id`, { status: 503, body: { id: "service.unavailable", reason: "busy" } });
    const inputs = { ...segmentInputs(segmentGroup.id, serverGroup.id), name: "second-segment" };
    const created = await p.segment.create(inputs);
    expect([...zpa.store.application.values()].filter((a) => a["name"] === "second-segment")).toHaveLength(1);
    expect(slept).toContain(3000);
    expect(created.outs["name"]).toBe("second-segment");

    zpa.server.failNext("PUT", `${base}/:id`, { status: 204, delayMs: 1600 });
    const updated = await p.segment.update(created.id, created.outs, { ...inputs, description: "after a timeout" });
    expect(updated.outs?.["description"]).toBe("after a timeout");
    expect(logs.join("\n")).toMatch(/PUT .*\/application\/\d+: no answer within 1000 ms; retrying/);
    expect(logs.join("\n")).toMatch(/POST .*\/application: 429; retrying in 3000 ms/);
    expectNoSecrets();
  });

  it("a 409 duplicate name fails with the existing object's id and how to adopt it", async () => {
    const existing = zpa.seed("segmentGroup", { name: names.segmentGroup, description: "made by hand" });
    const err = await p.segmentGroup.create({ connection, ...segmentGroupSpec(names, "test") }).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      `ZPA segment group "orders-api-test-edge": ZPA already has one with this name (id ${existing.id}); adopt it with zpa.importIds.segmentGroup: "${existing.id}", or delete or rename the existing one`,
    );
    expect(zpa.store.segmentGroup.size).toBe(1);
    expectNoSecrets(err);
  });

  it("a busy edit lock (409 api.concurrent.access.error) on a rule write is waited out", async () => {
    const { segment } = await createAll();
    zpa.server.failNext("POST", "/mgmtconfig/v2/admin/customers/:cid/policySet/:ps/rule", { status: 409, body: { id: "api.concurrent.access.error", reason: "Edit lock is held" } });
    const created = await p.rule.create({ ...ruleInputs(segment.id), name: "second-rule" });
    expect(zpa.store.rule.get(created.id)?.["name"]).toBe("second-rule");
    expect(logs.join("\n")).toMatch(/edit lock is busy; retrying/);
  });

  it("rule writes are serialised: concurrent creates never overlap at ZPA", async () => {
    const { segment } = await createAll();
    zpa.ruleWrites.max = 0;
    const created = await Promise.all(["a", "b", "c", "d"].map((n) => p.rule.create({ ...ruleInputs(segment.id), name: `rule-${n}` })));
    expect(created.map((c) => zpa.store.rule.get(c.id)?.["name"])).toEqual(["rule-a", "rule-b", "rule-c", "rule-d"]);
    expect(zpa.ruleWrites.max).toBe(1);
    await Promise.all(created.map((c) => p.rule.delete(c.id, c.outs)));
    expect(zpa.ruleWrites.max).toBe(1);
  });

  it("SAML groups: the attribute's id from the IdP, the group names as values", async () => {
    const samlCfg = zpaStackConfig((z) => (z.groups = { source: "saml", idpId: STAND_IN_IDP_ID, attributeName: "AppRoles" }));
    const { segment } = await createAll();
    const inputs = { connection, ...accessPolicyRuleSpec({ names, environment: "test", groups: samlCfg.zpa.groups, accessGroups: ["orders-admins"], applicationSegmentId: segment.id }), name: "saml-rule" };
    const created = await p.rule.create(inputs);
    const attribute = zpa.samlAttributes.find((a) => a.name === "AppRoles")!;
    expect(zpa.requestsTo("POST", "/rule").at(-1)!.body.conditions[1].operands).toEqual([{ objectType: "SAML", entryValues: [{ lhs: attribute.id, rhs: "orders-admins" }] }]);
    expect(created.outs).toMatchObject({ groupsSource: "saml", samlAttributeName: "AppRoles", accessGroups: ["orders-admins"] });
    expect(await p.rule.diff(created.id, created.outs, inputs)).toMatchObject({ changes: false });
  });

  it("a group that ZPA does not know fails with the names and the fix", async () => {
    const { segment } = await createAll();
    const err = await p.rule.create({ ...ruleInputs(segment.id, ["orders-admins", "nobody", "ghosts"]), name: "bad" }).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      `ZPA access policy rule "bad": create failed: SCIM groups "nobody", "ghosts" not found for ZPA IdP ${STAND_IN_IDP_ID}: provision them to ZPA from the IdP (SCIM), or fix identity.accessGroups`,
    );
  });

  it("check refuses inputs ZPA would misread, before any call", async () => {
    const result = await p.rule.check({}, { ...ruleInputs("1"), accessGroups: [], connection: { ...connection, customerId: "abc" } });
    expect(result.failures).toEqual([
      { property: "connection", reason: 'customerId: expected digits, got "abc"' },
      { property: "accessGroups", reason: "expected at least one group: a rule without a group condition admits every ZPA user" },
    ]);
    expect((await p.segment.check({}, { ...segmentInputs("1", "2"), tcpPortRange: [{ from: "x", to: "443" }] })).failures).toEqual([
      { property: "tcpPortRange", reason: 'expected port ranges such as [{from: "443", to: "443"}]' },
    ]);
    expect(zpa.server.requests).toHaveLength(0);
  });

  it("check waits for inputs a preview cannot know yet (the engine's unknown marker), and still checks the rest", async () => {
    const unknown = await p.rule.check({}, { ...ruleInputs("1"), accessGroups: UNKNOWN_INPUT, action: "DENY" });
    expect(unknown.failures).toEqual([{ property: "action", reason: 'expected ALLOW, got "DENY"' }]);
    const partly = await p.rule.check({}, { ...ruleInputs("1"), accessGroups: ["orders-readers", UNKNOWN_INPUT] });
    expect(partly.failures).toEqual([]);
    expect(zpa.server.requests).toHaveLength(0);
  });

  it("missing credentials: one line naming the variables, no call to ZPA", async () => {
    const bare = make({ env: {}, log: (l) => logs.push(l) });
    const err = await bare.segmentGroup.create({ connection, ...segmentGroupSpec(names, "test") }).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'ZPA segment group "orders-api-test-edge": create failed: ZPA credentials: environment variable ZPA_CLIENT_ID and ZPA_CLIENT_SECRET are not set; export the ZPA API client\'s id and secret before pulumi up, or set zpa.credentials.source: pulumi-config',
    );
    expect(zpa.server.requests).toHaveLength(0);
  });

  it("survives Pulumi's serialisation: the engine's copy signs in with Pulumi secrets and creates objects", async () => {
    const viaConfig = { ...connection, credentials: { source: "pulumi-config" as const, clientIdKey: "zpa:clientId", clientSecretKey: "zpa:clientSecret" } };
    const child = spawn(process.execPath, ["-r", "tsx/cjs", join(REPO_ROOT, "test", "support", "serialized-zpa-provider.ts"), JSON.stringify({ inputs: { connection: viaConfig, ...segmentGroupSpec(names, "test") } })], {
      cwd: REPO_ROOT,
      env: { ...process.env, ZPA_TEST_CLIENT_ID: zpa.clientId, ZPA_TEST_CLIENT_SECRET: zpa.clientSecret },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toContain(zpa.clientSecret);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout.trim());
    expect(zpa.store.segmentGroup.get(result.created.id)?.["name"]).toBe(names.segmentGroup);
    expect(result.created.outs).toMatchObject({ name: names.segmentGroup, connection: viaConfig });
    expect(result.duplicate).toMatch(/^ZPA segment group "orders-api-test-edge": ZPA already has one with this name \(id \d+\)/);
    expect(result.serializedHasSecret).toBe(false);
    expect(stdout).not.toContain(zpa.clientSecret);
  });
});
