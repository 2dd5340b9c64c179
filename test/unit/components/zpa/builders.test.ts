import { describe, expect, it } from "vitest";
import { buildDeclarativeConfig } from "../../../../components/kong";
import {
  accessGroupsFromContracts,
  accessPolicyRuleSpec,
  accessRuleFromApi,
  accessRulePayload,
  appConnectorGroupSpec,
  applicationSegmentFromApi,
  applicationSegmentPayload,
  applicationSegmentSpec,
  connectorDeploymentSpec,
  connectorNoIngressPolicySpec,
  portRangesFromApi,
  provisioningKeyMaxUsage,
  provisioningKeySpec,
  zpaConnectionFrom,
  zpaEdgeFqdn,
  zpaObjectNames,
} from "../../../../components/zpa";
import { entraContract, stackConfig } from "../kong/fixtures";
import { zpaStackConfig } from "./fixtures";

const names = zpaObjectNames("orders-api", "dev");
const cfg = zpaStackConfig();

describe("object names", () => {
  it("derive from the API and the environment (ZPA names are unique per tenant)", () => {
    expect(names).toEqual({
      appConnectorGroup: "orders-api-dev-k8s-connectors",
      provisioningKey: "orders-api-dev-k8s-connectors",
      segmentGroup: "orders-api-dev-edge",
      serverGroup: "orders-api-dev-edge",
      applicationSegment: "orders-api-dev-edge",
      accessPolicyRule: "orders-api-dev-edge-access",
    });
  });
});

describe("provisioningKeyMaxUsage: replicas × (rolloutsPerKey + 2)", () => {
  it.each([
    [2, 3, 10],
    [2, 1, 6],
    [3, 3, 15],
    [10, 8, 100],
  ])("%i replicas, %i rollouts → %i enrolments", (replicas, rollouts, uses) => {
    expect(provisioningKeyMaxUsage(replicas, rollouts)).toBe(uses);
  });

  it("covers the first start, every pod of each rollout, and one spare set", () => {
    // Simulate: initial start, N full RollingUpdates (each replaces every pod once), then every pod
    // rescheduled once (a node drain).
    const replicas = 3;
    const rollouts = 4;
    const starts = replicas + rollouts * replicas + replicas;
    expect(provisioningKeyMaxUsage(replicas, rollouts)).toBe(starts);
  });

  it("refuses nonsense", () => {
    expect(() => provisioningKeyMaxUsage(0, 3)).toThrow("replicas: expected a whole number of at least 1, got 0");
    expect(() => provisioningKeyMaxUsage(2, 1.5)).toThrow("rolloutsPerKey: expected a whole number of at least 0, got 1.5");
  });

  it("the key spec carries it, sized from the connector config", () => {
    expect(provisioningKeySpec(cfg.zpa, names, "42")).toEqual({
      name: "orders-api-dev-k8s-connectors",
      maxUsage: 10,
      appConnectorGroupId: "42",
      enrollmentCertName: "Connector",
    });
  });
});

describe("the segment and the access rule", () => {
  it("the segment is exactly the edge's FQDN on TCP 443, never bypassed", () => {
    const spec = applicationSegmentSpec({ names, environment: "dev", edgeFqdn: zpaEdgeFqdn(cfg), segmentGroupId: "1", serverGroupIds: ["2"] });
    expect(spec).toMatchObject({
      name: "orders-api-dev-edge",
      domainNames: ["api.test.example.com"],
      tcpPortRange: [{ from: "443", to: "443" }],
      bypassType: "NEVER",
      segmentGroupId: "1",
      serverGroupIds: ["2"],
    });
  });

  it("refuses a wildcard or a bare name as the edge FQDN", () => {
    for (const fqdn of ["*.example.com", "api", "API.example.com", ""]) {
      expect(() => applicationSegmentSpec({ names, environment: "dev", edgeFqdn: fqdn, segmentGroupId: "1", serverGroupIds: [] })).toThrow(
        /expected the edge's fully qualified host name \(no wildcard\)/,
      );
    }
  });

  it("the edge FQDN is Kong's first host name (the function takes it, so F5's can be passed instead)", () => {
    expect(zpaEdgeFqdn(stackConfig())).toBe("api.test.example.com");
  });

  it("the rule's groups are the contract's access groups: the list Kong's ACLs are built from", () => {
    const contracts = [entraContract(), entraContract({ name: "entra-next", tokenVersion: 1 })];
    const groups = accessGroupsFromContracts(contracts);
    expect(groups).toEqual(["orders-readers", "orders-admins"]);
    const kong = buildDeclarativeConfig(contracts, cfg.routes, { edition: "enterprise", hostnames: cfg.kong.hostnames, environment: "test" });
    const aclGroups = new Set(
      kong.services.flatMap((s) => s.routes.flatMap((r) => r.plugins.filter((p) => p.name === "acl").flatMap((p) => (p.config as { readonly allow: readonly string[] }).allow))),
    );
    expect([...aclGroups].sort()).toEqual([...groups].sort());
    const rule = accessPolicyRuleSpec({ names, environment: "dev", groups: cfg.zpa.groups, accessGroups: groups, applicationSegmentId: "7" });
    expect(rule).toEqual({
      name: "orders-api-dev-edge-access",
      description: expect.stringContaining("members of orders-readers, orders-admins"),
      action: "ALLOW",
      applicationSegmentId: "7",
      accessGroups: ["orders-readers", "orders-admins"],
      groupsSource: "scim",
      idpId: cfg.zpa.groups.idpId,
    });
  });

  it("a rule without groups is refused (it would admit every ZPA user)", () => {
    expect(() => accessPolicyRuleSpec({ names, environment: "dev", groups: cfg.zpa.groups, accessGroups: [], applicationSegmentId: "7" })).toThrow(
      "ZPA access rule: no access groups; a rule without a group condition would admit every ZPA user",
    );
  });
});

describe("payloads and their reverse", () => {
  const segment = applicationSegmentSpec({ names, environment: "dev", edgeFqdn: "api.dev.example.com", segmentGroupId: "11", serverGroupIds: ["12"] });

  it("the connector group's coordinates are strings without float noise", () => {
    const spec = appConnectorGroupSpec(zpaStackConfig((z) => (z.connector.location = { name: "X", latitude: 50.10999999999, longitude: -0.1 })).zpa, names, "dev");
    expect(spec).toMatchObject({ latitude: "50.11", longitude: "-0.1" });
  });

  it("an application segment round-trips through the API shape", () => {
    const body = applicationSegmentPayload(segment);
    expect(body).toMatchObject({ serverGroups: [{ id: "12" }], segmentGroupId: "11", enabled: true, bypassType: "NEVER" });
    expect(applicationSegmentFromApi(body)).toEqual(segment);
  });

  it("reads port ranges in either form ZPA uses", () => {
    expect(portRangesFromApi({ tcpPortRanges: ["443", "443", "8443", "8445"] }, "tcp")).toEqual([
      { from: "443", to: "443" },
      { from: "8443", to: "8445" },
    ]);
    expect(portRangesFromApi({ tcpPortRange: [{ from: "443", to: "443" }], tcpPortRanges: ["1", "2"] }, "tcp")).toEqual([{ from: "443", to: "443" }]);
  });

  it("access rule bodies: APP values AND (SCIM group ids | SAML attribute values)", () => {
    const spec = accessPolicyRuleSpec({ names, environment: "dev", groups: cfg.zpa.groups, accessGroups: ["a", "b"], applicationSegmentId: "7" });
    const scim = accessRulePayload(spec, "99", { kind: "scim", idpId: "5", groups: [{ name: "a", id: "101" }, { name: "b", id: "102" }] });
    expect(scim["conditions"]).toEqual([
      { operator: "OR", operands: [{ objectType: "APP", values: ["7"] }] },
      { operator: "OR", operands: [{ objectType: "SCIM_GROUP", entryValues: [{ lhs: "5", rhs: "101" }, { lhs: "5", rhs: "102" }] }] },
    ]);
    expect(scim).toMatchObject({ action: "ALLOW", operator: "AND", policySetId: "99" });
    const saml = accessRulePayload(spec, "99", { kind: "saml", attributeId: "77", values: ["a", "b"] });
    expect((saml["conditions"] as any[])[1].operands).toEqual([{ objectType: "SAML", entryValues: [{ lhs: "77", rhs: "a" }, { lhs: "77", rhs: "b" }] }]);
  });

  it("reads a rule back from the v1 answer (lhs/rhs per operand) and from the v2 shape", () => {
    const v1 = accessRuleFromApi({
      name: "r",
      action: "ALLOW",
      conditions: [
        { operands: [{ objectType: "APP", lhs: "id", rhs: "7" }] },
        { operands: [{ objectType: "SCIM_GROUP", lhs: "5", rhs: "101", name: "a" }, { objectType: "SCIM_GROUP", lhs: "5", rhs: "102" }] },
      ],
    });
    expect(v1).toEqual({
      name: "r",
      description: "",
      action: "ALLOW",
      applicationSegmentIds: ["7"],
      groupOperands: [
        { objectType: "SCIM_GROUP", lhs: "5", rhs: "101", name: "a" },
        { objectType: "SCIM_GROUP", lhs: "5", rhs: "102" },
      ],
    });
    const v2 = accessRuleFromApi(accessRulePayload(accessPolicyRuleSpec({ names, environment: "dev", groups: cfg.zpa.groups, accessGroups: ["a"], applicationSegmentId: "7" }), "9", { kind: "saml", attributeId: "77", values: ["a"] }));
    expect(v2.applicationSegmentIds).toEqual(["7"]);
    expect(v2.groupOperands).toEqual([{ objectType: "SAML", lhs: "77", rhs: "a" }]);
  });

  it("the connection input names credentials and never holds them", () => {
    expect(zpaConnectionFrom(cfg.zpa)).toEqual({
      cloud: "PRODUCTION",
      customerId: "216196257331281920",
      auth: "legacy",
      credentials: { source: "environment", clientIdEnv: "ZPA_CLIENT_ID", clientSecretEnv: "ZPA_CLIENT_SECRET" },
    });
    const viaConfig = zpaConnectionFrom(zpaStackConfig((z) => (z.credentials = { source: "pulumi-config", clientSecretKey: "zpa:secret" })).zpa);
    expect(viaConfig.credentials).toEqual({ source: "pulumi-config", clientIdKey: "zpa:clientId", clientSecretKey: "zpa:secret" });
  });
});

describe("App Connectors in the cluster", () => {
  const spec = connectorDeploymentSpec({ namespace: "zpa", replicas: 3, image: { repository: "zscaler/zpa-connector", tag: "2024-06-20.amd64" }, provisioningKeyId: "55" });
  const pod = spec.spec.template.spec;
  const container = pod.containers[0]!;

  it("runs the documented image with the documented capabilities, and the key from a Secret", () => {
    expect(container.image).toBe("zscaler/zpa-connector:2024-06-20.amd64");
    expect(container.securityContext.capabilities.add).toEqual(["NET_ADMIN", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SYS_NICE", "SYS_TIME", "SYS_RESOURCE"]);
    expect(container.env).toEqual([
      { name: "ZPA_PROVISION_KEY", valueFrom: { secretKeyRef: { name: "zpa-app-connector-provisioning-key", key: "ZPA_PROVISION_KEY" } } },
    ]);
    expect(container.resources).toEqual({ requests: { cpu: "2", memory: "4000Mi" }, limits: { cpu: "8", memory: "8000Mi" } });
    expect(pod.nodeSelector).toEqual({ "kubernetes.io/arch": "amd64" });
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it("rolls one pod at a time without going below the replica count; the key's id rolls the pods", () => {
    expect(spec.spec.replicas).toBe(3);
    expect(spec.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(spec.spec.template.metadata.annotations).toEqual({ "kong-identity-stack/zpa-provisioning-key-id": "55" });
    expect(JSON.stringify(spec)).not.toMatch(/provisionkey\.value|\|api\.private\.zscaler\.com\|/);
  });

  it("needs at least two App Connectors", () => {
    expect(() => connectorDeploymentSpec({ namespace: "zpa", replicas: 1, image: { repository: "r", tag: "t" }, provisioningKeyId: "1" })).toThrow(
      "zpa.connector.replicas: expected at least 2 App Connectors, got 1",
    );
  });

  it("accepts no inbound connection", () => {
    expect(connectorNoIngressPolicySpec("zpa").spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "zpa-app-connector", "app.kubernetes.io/part-of": "kong-identity-stack" } },
      policyTypes: ["Ingress"],
      ingress: [],
    });
  });
});
