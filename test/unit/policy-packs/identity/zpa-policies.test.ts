import { describe, expect, it } from "vitest";
import { buildDeclarativeConfig, serializeKongYaml } from "../../../../components/kong";
import { accessGroupsFromContracts, accessPolicyRuleSpec, applicationSegmentSpec, ZPA_TYPE_TOKENS, zpaObjectNames } from "../../../../components/zpa";
import { kongAclGroups, zpaGroupsMatchKong } from "../../../../policy-packs/identity/policies/zpa-groups-match-kong";
import { zpaSegmentLeastPrivilege } from "../../../../policy-packs/identity/policies/zpa-segment-least-privilege";
import { runResourcePolicy, runStackPolicy, type PolicyFixture } from "../../../support/policy-harness";
import { entraContract } from "../../components/kong/fixtures";
import { zpaStackConfig } from "../../components/zpa/fixtures";

const cfg = zpaStackConfig();
const names = zpaObjectNames("orders-api", "test");
const contract = entraContract();

const segmentProps = (edit: (p: Record<string, any>) => void = () => {}) => {
  const props: Record<string, any> = {
    connection: { customerId: cfg.zpa.customerId },
    ...applicationSegmentSpec({ names, environment: "test", edgeFqdn: "api.test.example.com", segmentGroupId: "1", serverGroupIds: ["2"] }),
  };
  edit(props);
  return props;
};
const segment = (edit?: (p: Record<string, any>) => void): PolicyFixture => ({ type: ZPA_TYPE_TOKENS.ApplicationSegment, name: "zpa-segment", props: segmentProps(edit) });

describe("zpa-segment-least-privilege", () => {
  it("is a mandatory resource policy with a description and a configurable port list", () => {
    expect(zpaSegmentLeastPrivilege).toMatchObject({ name: "zpa-segment-least-privilege", enforcementLevel: "mandatory" });
    expect(zpaSegmentLeastPrivilege.description.length).toBeGreaterThan(40);
    expect(zpaSegmentLeastPrivilege.configSchema?.properties?.["allowedPorts"]).toMatchObject({ default: [443] });
  });

  it("passes the segment the stack builds: the edge's FQDN, TCP 443, bypass NEVER", async () => {
    expect(await runResourcePolicy(zpaSegmentLeastPrivilege, segment())).toEqual([]);
  });

  it("catches a wildcard domain", async () => {
    const violations = await runResourcePolicy(zpaSegmentLeastPrivilege, segment((p) => (p["domainNames"] = ["api.test.example.com", "*.example.com"])));
    expect(violations.map((v) => v.message)).toEqual([
      'pulumi-nodejs:ApplicationSegment "zpa-segment": ZPA segment "orders-api-test-edge" exposes the wildcard domain "*.example.com": every host under it becomes reachable through ZPA. Fix: list only the API edge\'s exact host name (Kong\'s, or F5\'s when F5 is in front)',
    ]);
  });

  it("catches an address range", async () => {
    const violations = await runResourcePolicy(zpaSegmentLeastPrivilege, segment((p) => (p["domainNames"] = ["10.0.0.0/8"])));
    expect(violations).toHaveLength(1);
    expect(violations[0]!.message).toMatch(/^pulumi-nodejs:ApplicationSegment "zpa-segment": ZPA segment "orders-api-test-edge" exposes the address range "10\.0\.0\.0\/8".*\. Fix: \S/);
  });

  it("catches an extra port, a port range and UDP", async () => {
    const extra = await runResourcePolicy(
      zpaSegmentLeastPrivilege,
      segment((p) => (p["tcpPortRange"] = [{ from: "443", to: "443" }, { from: "8443", to: "8443" }])),
    );
    expect(extra.map((v) => v.message)).toEqual([
      'pulumi-nodejs:ApplicationSegment "zpa-segment": ZPA segment "orders-api-test-edge" opens TCP 8443, beyond the allowed port 443. Fix: expose only 443 (the edge\'s HTTPS port), or add the port to this policy\'s allowedPorts if the edge really listens there',
    ]);
    const range = await runResourcePolicy(zpaSegmentLeastPrivilege, segment((p) => (p["tcpPortRange"] = [{ from: "1", to: "65535" }])));
    expect(range[0]!.message).toContain("opens TCP 1-65535");
    const flat = await runResourcePolicy(zpaSegmentLeastPrivilege, segment((p) => {
      delete p["tcpPortRange"];
      p["tcpPortRanges"] = ["443", "443", "22", "22"];
    }));
    expect(flat.map((v) => v.message)).toEqual([expect.stringContaining("opens TCP 22,")]);
    const udp = await runResourcePolicy(zpaSegmentLeastPrivilege, segment((p) => (p["udpPortRange"] = [{ from: "53", to: "53" }])));
    expect(udp.map((v) => v.message)).toEqual(['pulumi-nodejs:ApplicationSegment "zpa-segment": ZPA segment "orders-api-test-edge" opens UDP 53: the API edge speaks HTTPS over TCP only. Fix: remove the UDP port ranges']);
  });

  it("takes its allowed ports from the policy config", async () => {
    const with8443 = segment((p) => (p["tcpPortRange"] = [{ from: "443", to: "443" }, { from: "8443", to: "8443" }]));
    expect(await runResourcePolicy(zpaSegmentLeastPrivilege, with8443, { allowedPorts: [443, 8443] })).toEqual([]);
  });

  it.each([
    ["ALWAYS", "users reach the edge without ZPA at all"],
    ["ON_NET", "users on a trusted network reach the edge without ZPA's access rule"],
  ])("catches bypassType %s", async (bypass, effect) => {
    const violations = await runResourcePolicy(zpaSegmentLeastPrivilege, segment((p) => (p["bypassType"] = bypass)));
    expect(violations.map((v) => v.message)).toEqual([`pulumi-nodejs:ApplicationSegment "zpa-segment": ZPA segment "orders-api-test-edge" has bypassType ${bypass}: ${effect}. Fix: set bypassType: NEVER`]);
  });

  it("catches a segment that leaves bypass to ZPA's default", async () => {
    const violations = await runResourcePolicy(zpaSegmentLeastPrivilege, segment((p) => delete p["bypassType"]));
    expect(violations[0]!.message).toMatch(/^pulumi-nodejs:ApplicationSegment "zpa-segment": .*does not set bypassType.*\. Fix: set bypassType: NEVER$/);
  });

  it("ignores other resources, and values not known yet", async () => {
    expect(await runResourcePolicy(zpaSegmentLeastPrivilege, { type: "kubernetes:core/v1:ConfigMap", name: "x", props: { domainNames: ["*"] } })).toEqual([]);
    expect(await runResourcePolicy(zpaSegmentLeastPrivilege, segment((p) => delete p["domainNames"]))).toEqual([]);
  });
});

describe("zpa-groups-match-kong", () => {
  const kongYaml = serializeKongYaml(buildDeclarativeConfig([contract], cfg.routes, { edition: "enterprise", hostnames: cfg.kong.hostnames, environment: "test" }));
  const configMap: PolicyFixture = { type: "kubernetes:core/v1:ConfigMap", name: "kong-config", props: { metadata: { name: "kong-declarative-config" }, data: { "kong.yml": kongYaml } } };
  const rule = (accessGroups: unknown): PolicyFixture => ({
    type: ZPA_TYPE_TOKENS.AccessPolicyRule,
    name: "zpa-access-rule",
    props: {
      ...accessPolicyRuleSpec({ names, environment: "test", groups: cfg.zpa.groups, accessGroups: ["placeholder"], applicationSegmentId: "7" }),
      accessGroups,
    },
  });

  it("is a mandatory stack policy", () => {
    expect(zpaGroupsMatchKong).toMatchObject({ name: "zpa-groups-match-kong", enforcementLevel: "mandatory" });
    expect(typeof zpaGroupsMatchKong.validateStack).toBe("function");
  });

  it("reads the groups from the acl plugins' allow lists in kong.yml", () => {
    expect(kongAclGroups(kongYaml).sort()).toEqual(["orders-admins", "orders-readers"]);
  });

  it("passes when the rule is built from the contract, like Kong's ACLs", async () => {
    expect(await runStackPolicy(zpaGroupsMatchKong, [configMap, rule(accessGroupsFromContracts([contract]))])).toEqual([]);
    expect(await runStackPolicy(zpaGroupsMatchKong, [configMap, rule(["orders-admins", "orders-readers"])])).toEqual([]);
  });

  it("catches a group ZPA admits that no Kong ACL requires", async () => {
    const violations = await runStackPolicy(zpaGroupsMatchKong, [configMap, rule(["orders-readers", "orders-admins", "finance"])]);
    expect(violations).toEqual([
      {
        urn: "urn:pulumi:test::kong-identity-stack::pulumi-nodejs:dynamic/zpa:AccessPolicyRule::zpa-access-rule",
        message:
          'pulumi-nodejs:AccessPolicyRule "zpa-access-rule": ZPA access rule "orders-api-test-edge-access" admits "finance", which no Kong ACL requires: members reach the edge through ZPA although no route expects them. Fix: require the group on a route (routes[].roles) or remove it from identity.accessGroups; ZPA and Kong both derive from that list',
      },
    ]);
  });

  it("catches a group Kong requires that ZPA does not admit", async () => {
    const violations = await runStackPolicy(zpaGroupsMatchKong, [configMap, rule(["orders-readers"])]);
    expect(violations.map((v) => v.message)).toEqual([
      'pulumi-nodejs:AccessPolicyRule "zpa-access-rule": Kong\'s ACLs require "orders-admins", which ZPA access rule "orders-api-test-edge-access" does not admit: those callers cannot reach the edge through ZPA. Fix: build the rule from the identity contract\'s access groups (ZpaConnector does), or declare the group in identity.accessGroups',
    ]);
  });

  it("catches both directions at once (groups renamed on one side)", async () => {
    const violations = await runStackPolicy(zpaGroupsMatchKong, [configMap, rule(["Orders-Readers", "orders-admins"])]);
    expect(violations.map((v) => v.message)).toEqual([expect.stringContaining('admits "Orders-Readers"'), expect.stringContaining('require "orders-readers"')]);
  });

  it("says so when there is no Kong config to compare with", async () => {
    const violations = await runStackPolicy(zpaGroupsMatchKong, [rule(["orders-readers"])]);
    expect(violations).toHaveLength(1);
    expect(violations[0]!.message).toMatch(/^pulumi-nodejs:AccessPolicyRule "zpa-access-rule": .*cannot be compared with Kong: this stack has no Kong declarative config.*\. Fix: \S/);
  });

  it("has nothing to say without a ZPA rule, or while the rule's groups are not known yet", async () => {
    expect(await runStackPolicy(zpaGroupsMatchKong, [configMap])).toEqual([]);
    expect(await runStackPolicy(zpaGroupsMatchKong, [configMap, rule(undefined)])).toEqual([]);
  });
});
