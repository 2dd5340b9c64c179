import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { planProvisioningKey } from "../../../../cli/plan/mock-outputs";
import { zpaGroupsMatchKong } from "../../../../policy-packs/identity/policies/zpa-groups-match-kong";
import { zpaSegmentLeastPrivilege } from "../../../../policy-packs/identity/policies/zpa-segment-least-privilege";
import { runResourcePolicy, runStackPolicy, type PolicyFixture } from "../../../support/policy-harness";
import { REPO_ROOT, runKis, tempDir, type KisRun } from "../../../support/run-kis";

/** The recorded resources of a plan, as the policies see them under the engine (type, name, inputs). */
const fixturesOf = (plan: { resources: { type: string; name: string; inputs: Record<string, unknown> }[] }): PolicyFixture[] =>
  plan.resources.map((r) => ({ type: r.type, name: r.name, props: r.inputs }));

const ARTIFACTS = ["identity.md", "kong.yml", "manifests.yaml", "plan.json", "zpa.json"];

describe("kis plan --stack zpa-dev (ZPA in front of Kong, offline)", () => {
  let out: string;
  let run: KisRun;
  const read = (file: string) => readFileSync(join(out, "zpa-dev", file), "utf8");
  beforeAll(async () => {
    out = tempDir("zpa-plan");
    run = await runKis(["plan", "--stack", "zpa-dev", "--out", out]);
  });

  it("exits 0 and shows the ZpaConnector with its ZPA objects and App Connectors", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/zpa {2}\[kong-identity-stack:ZpaConnector, 11 below\]/);
    for (const kind of ["AppConnectorGroup", "ProvisioningKey", "SegmentGroup", "ServerGroup", "ApplicationSegment", "AccessPolicyRule"]) {
      expect(run.stdout).toContain(`pulumi-nodejs:${kind}`);
    }
    expect(run.stdout).toContain("zpa-connectors  kubernetes:Deployment");
  });

  it("summarises the ZPA hop at a glance: what it reaches, whom it admits, how many connectors", () => {
    expect(run.stdout).toContain("Zscaler Private Access: segment orders-api-zpa-dev-edge\n");
    expect(run.stdout).toContain("  reaches       api.zpa-dev.example.com on TCP 443, bypass NEVER\n");
    expect(run.stdout).toContain("  admits        orders-readers, orders-admins (the access groups Kong's ACLs use)\n");
    expect(run.stdout).toContain("  connectors    2 App Connector pods; provisioning key maxUsage 10\n");
  });

  it("writes zpa.json beside the other artifacts", () => {
    expect(readdirSync(join(out, "zpa-dev")).sort()).toEqual(ARTIFACTS);
  });

  it("zpa.json: the edge's FQDN on 443 only, never bypassed, open to exactly the contract's access groups", () => {
    const zpa = JSON.parse(read("zpa.json"));
    const plan = JSON.parse(read("plan.json"));
    expect(zpa.objects.map((o: { kind: string }) => o.kind)).toEqual([
      "AppConnectorGroup",
      "ProvisioningKey",
      "SegmentGroup",
      "ServerGroup",
      "ApplicationSegment",
      "AccessPolicyRule",
    ]);
    expect(zpa.access.segment).toEqual({ domainNames: ["api.zpa-dev.example.com"], tcpPortRange: [{ from: "443", to: "443" }], bypassType: "NEVER" });
    expect(plan.gateway.hostnames[0]).toBe("api.zpa-dev.example.com");
    expect(zpa.access.allowedGroups).toEqual(plan.identityContracts[0].accessGroups);
    const rule = zpa.objects.find((o: { kind: string }) => o.kind === "AccessPolicyRule");
    expect(rule.request.path).toBe("/mgmtconfig/v2/admin/customers/216196257331281920/policySet/{policySetId}/rule");
    expect(rule.request.body.conditions[0].operands[0].values).toEqual(["{id of ApplicationSegment orders-api-zpa-dev-edge}"]);
    expect(rule.request.body.conditions[1].operands[0].entryValues.map((e: { rhs: string }) => e.rhs)).toEqual([
      "{id of SCIM group orders-readers}",
      "{id of SCIM group orders-admins}",
    ]);
    expect(zpa.connectors).toMatchObject({ replicas: 2, namespace: "zpa-connector", image: "zscaler/zpa-connector:2024-06-20.amd64", provisioningKey: { maxUsage: 10 } });
    expect(zpa.tenant.credentials).toBe("read at deploy time from the environment variables ZPA_CLIENT_ID and ZPA_CLIENT_SECRET");
  });

  it("never writes the provisioning key: it is a secret output, and the Kubernetes Secret's data is [secret]", () => {
    const key = planProvisioningKey("zpa-provisioning-key");
    for (const file of ARTIFACTS) expect(read(file), file).not.toContain(key);
    expect(run.stdout + run.stderr).not.toContain(key);
    expect(run.stdout + run.stderr + ARTIFACTS.map(read).join("")).not.toContain("plan-only-secret");
    const plan = JSON.parse(read("plan.json"));
    // The connector's provisioning-key Secret (Kong's certificate Secret sits beside it).
    const secret = plan.resources.find(
      (r: { type: string; inputs: { metadata?: { name?: string } } }) =>
        r.type === "kubernetes:core/v1:Secret" && r.inputs.metadata?.name === "zpa-app-connector-provisioning-key",
    );
    expect(secret.secretInputs).toEqual(["stringData"]);
    expect(secret.inputs.stringData).toBe("[secret]");
  });

  it("draws ZPA as the outermost hop, and says it adds no header", () => {
    const diagram = read("identity.md");
    expect(diagram).toMatch(/caller -- "HTTPS \+ Bearer access token" --> zpa\n/);
    expect(diagram).toMatch(/zpa\["Zscaler Private Access · segment api\.zpa-dev\.example\.com:443, bypass NEVER · admits SCIM groups orders-readers \| orders-admins · 2 App Connectors in namespace zpa-connector"\]/);
    expect(diagram).toMatch(/zpa -- "TCP 443 from an App Connector pod; layer 4: ZPA adds no HTTP header[^"]*" --> kong/);
  });

  it("passes both ZPA policies", async () => {
    const resources = fixturesOf(JSON.parse(read("plan.json")));
    for (const r of resources) expect(await runResourcePolicy(zpaSegmentLeastPrivilege, r), r.name).toEqual([]);
    expect(await runStackPolicy(zpaGroupsMatchKong, resources)).toEqual([]);
  });

  it("produces byte-identical files on a second run", async () => {
    const again = tempDir("zpa-plan-again");
    expect((await runKis(["plan", "--stack", "zpa-dev", "--out", again])).status).toBe(0);
    for (const file of ARTIFACTS) {
      expect(readFileSync(join(again, "zpa-dev", file), "utf8"), file).toBe(read(file));
    }
  });

  it("a bad zpa value exits 2 with one line naming the key, and writes nothing", async () => {
    const dir = tempDir("zpa-bad");
    const doc = parse(readFileSync(join(REPO_ROOT, "stacks", "Pulumi.zpa-dev.yaml"), "utf8"));
    doc.config["kong-identity-stack:zpa"].auth = "oneapi";
    const file = join(dir, "Pulumi.zpa-bad.yaml");
    writeFileSync(file, stringify(doc));
    const bad = await runKis(["plan", "--stack-file", file, "--out", join(dir, "out")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n").filter((l) => !l.startsWith("·"))).toEqual([
      "kis: config: zpa.vanityDomain: needed with auth: oneapi (tokens come from https://{vanityDomain}.zslogin.net/oauth2/v1/token)",
    ]);
    expect(readdirSync(dir)).toEqual(["Pulumi.zpa-bad.yaml"]);
  });
});

describe("a zpa-dev variant: an unused access group, and an existing segment to adopt", () => {
  let plan: any;
  let zpa: any;
  beforeAll(async () => {
    const dir = tempDir("zpa-variant");
    const doc = parse(readFileSync(join(REPO_ROOT, "stacks", "Pulumi.zpa-dev.yaml"), "utf8"));
    doc.config["kong-identity-stack:identity"].accessGroups.push({ name: "finance", description: "Not used by any route" });
    doc.config["kong-identity-stack:zpa"].importIds = { applicationSegment: "216196257331299001" };
    const file = join(dir, "Pulumi.zpa-variant.yaml");
    writeFileSync(file, stringify(doc));
    const run = await runKis(["plan", "--stack-file", file, "--out", join(dir, "out")]);
    // The unused group is a mandatory zpa-groups-match-kong violation: kis plan exits 1 and writes the files all the same.
    expect(run.status, run.stderr).toBe(1);
    plan = JSON.parse(readFileSync(join(dir, "out", "zpa-variant", "plan.json"), "utf8"));
    zpa = JSON.parse(readFileSync(join(dir, "out", "zpa-variant", "zpa.json"), "utf8"));
  });

  it("zpa-groups-match-kong names the group ZPA would admit but no route requires", async () => {
    const violations = await runStackPolicy(zpaGroupsMatchKong, fixturesOf(plan));
    expect(violations.map((v) => v.message)).toEqual([expect.stringMatching(/^pulumi-nodejs:AccessPolicyRule "[^"]+-access-rule": ZPA access rule "orders-api-zpa-dev-edge-access" admits "finance", which no Kong ACL requires.*\. Fix: \S/)]);
  });

  it("zpa.json shows the adopted segment as an update of the existing id, and the rule refers to it", () => {
    const segment = zpa.objects.find((o: { kind: string }) => o.kind === "ApplicationSegment");
    expect(segment.adopts).toBe("216196257331299001");
    expect(segment.request).toMatchObject({ method: "PUT", path: "/mgmtconfig/v1/admin/customers/216196257331281920/application/216196257331299001" });
    const rule = zpa.objects.find((o: { kind: string }) => o.kind === "AccessPolicyRule");
    expect(rule.request.method).toBe("POST");
    expect(rule.request.body.conditions[0].operands[0].values).toEqual(["216196257331299001"]);
  });
});

describe("kis plan --stack dev (no zpa block)", () => {
  it("writes no zpa.json and draws no ZPA hop", async () => {
    const out = tempDir("dev-no-zpa");
    const run = await runKis(["plan", "--stack", "dev", "--out", out]);
    expect(run.status).toBe(0);
    expect(readdirSync(join(out, "dev"))).not.toContain("zpa.json");
    expect(readFileSync(join(out, "dev", "identity.md"), "utf8")).not.toContain("Zscaler");
  });
});
