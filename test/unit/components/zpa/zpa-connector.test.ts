import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { planProvisioningKey, zpaPlanId } from "../../../../cli/plan/mock-outputs";
import { outputValue, startRecordingMocks } from "../../../support/pulumi-mocks";
import { entraContract } from "../kong/fixtures";
import { zpaStackConfig } from "./fixtures";

// Mocks first: the component module must be imported only after setMocks (dynamic import in beforeAll).
const { ready, registered } = startRecordingMocks();

let zpaModule: typeof import("../../../../components/zpa");
beforeAll(async () => {
  await ready;
  zpaModule = await import("../../../../components/zpa");
});

const isSecret = (output: pulumi.Output<unknown>): Promise<boolean> => (output as unknown as { isSecret: Promise<boolean> }).isSecret;

describe("ZpaConnector (under Pulumi mocks)", () => {
  const cfg = zpaStackConfig();
  const contract = entraContract();

  it("creates the six ZPA objects, wired by id, with the contract's groups and the edge's FQDN", async () => {
    const { ZpaConnector, ZPA_TYPE_TOKENS, accessGroupsFromContracts } = zpaModule;
    const zpa = new ZpaConnector("zpa", {
      zpa: cfg.zpa,
      environment: "test",
      apiName: "orders-api",
      edgeFqdn: "api.test.example.com",
      accessGroups: pulumi.output([contract]).apply(accessGroupsFromContracts),
    });
    const [segmentDomain, groups, maxUsage] = await Promise.all([outputValue(zpa.segmentDomain), outputValue(zpa.accessGroups), outputValue(zpa.maxUsage)]);
    expect(segmentDomain).toBe("api.test.example.com");
    expect(groups).toEqual(contract.accessGroups);
    expect(maxUsage).toBe(10);

    const group = await registered("zpa-connector-group");
    const key = await registered("zpa-provisioning-key");
    const serverGroup = await registered("zpa-server-group");
    const segmentGroup = await registered("zpa-segment-group");
    const segment = await registered("zpa-segment");
    const rule = await registered("zpa-access-rule");
    expect([group, key, segmentGroup, serverGroup, segment, rule].map((r) => r.type)).toEqual([
      ZPA_TYPE_TOKENS.AppConnectorGroup,
      ZPA_TYPE_TOKENS.ProvisioningKey,
      ZPA_TYPE_TOKENS.SegmentGroup,
      ZPA_TYPE_TOKENS.ServerGroup,
      ZPA_TYPE_TOKENS.ApplicationSegment,
      ZPA_TYPE_TOKENS.AccessPolicyRule,
    ]);
    expect(ZPA_TYPE_TOKENS.ApplicationSegment).toBe("pulumi-nodejs:dynamic/zpa:ApplicationSegment");

    const groupId = zpaPlanId("AppConnectorGroup", "zpa-connector-group");
    expect(key.inputs).toMatchObject({ appConnectorGroupId: groupId, maxUsage: 10, enrollmentCertName: "Connector" });
    expect(serverGroup.inputs["appConnectorGroupIds"]).toEqual([groupId]);
    expect(segment.inputs).toMatchObject({
      domainNames: ["api.test.example.com"],
      tcpPortRange: [{ from: "443", to: "443" }],
      bypassType: "NEVER",
      segmentGroupId: zpaPlanId("SegmentGroup", "zpa-segment-group"),
      serverGroupIds: [zpaPlanId("ServerGroup", "zpa-server-group")],
    });
    expect(rule.inputs).toMatchObject({
      action: "ALLOW",
      applicationSegmentId: zpaPlanId("ApplicationSegment", "zpa-segment"),
      accessGroups: ["orders-readers", "orders-admins"],
      groupsSource: "scim",
      idpId: cfg.zpa.groups.idpId,
    });
    // Credentials are named, never passed: no input anywhere holds a value that could be a secret.
    for (const r of [group, key, segmentGroup, serverGroup, segment, rule]) {
      expect(r.inputs["connection"]).toEqual({
        cloud: "PRODUCTION",
        customerId: cfg.zpa.customerId,
        auth: "legacy",
        credentials: { source: "environment", clientIdEnv: "ZPA_CLIENT_ID", clientSecretEnv: "ZPA_CLIENT_SECRET" },
      });
      expect(r.inputs["__provider"]).toEqual(expect.any(String));
    }
  });

  it("keeps the provisioning key secret, in a Kubernetes Secret the App Connectors read", async () => {
    const { ZpaConnector } = zpaModule;
    const zpa = new ZpaConnector("zpa-secret", {
      zpa: cfg.zpa,
      environment: "test",
      apiName: "orders-api",
      edgeFqdn: "api.test.example.com",
      accessGroups: ["orders-readers"],
    });
    expect(await isSecret(zpa.provisioningKey)).toBe(true);
    expect(await outputValue(zpa.provisioningKey)).toBe(planProvisioningKey("zpa-secret-provisioning-key"));

    const secret = await registered("zpa-secret-provisioning-key-secret");
    expect(secret.type).toBe("kubernetes:core/v1:Secret");
    expect(secret.inputs["metadata"]).toEqual({ name: "zpa-app-connector-provisioning-key", namespace: "zpa-connector" });

    const deployment = await registered("zpa-secret-connectors");
    expect(deployment.type).toBe("kubernetes:apps/v1:Deployment");
    expect(deployment.inputs["spec"]["replicas"]).toBe(2);
    expect(deployment.inputs["spec"]["template"]["metadata"]["annotations"]).toEqual({
      "kong-identity-stack/zpa-provisioning-key-id": zpaPlanId("ProvisioningKey", "zpa-secret-provisioning-key"),
    });
    expect(JSON.stringify(deployment.inputs)).not.toContain(planProvisioningKey("zpa-secret-provisioning-key"));
    expect((await registered("zpa-secret-connectors-pdb")).type).toBe("kubernetes:policy/v1:PodDisruptionBudget");
    expect((await registered("zpa-secret-connectors-no-ingress")).type).toBe("kubernetes:networking.k8s.io/v1:NetworkPolicy");
  });

  it("adopts existing objects named in zpa.importIds (the provider adopts: Pulumi cannot import dynamic resources)", async () => {
    const { ZpaConnector } = zpaModule;
    const adopting = zpaStackConfig((z) => (z.importIds = { applicationSegment: "216196257331299001", accessPolicyRule: "216196257331299002" }));
    new ZpaConnector("zpa-adopt", { zpa: adopting.zpa, environment: "test", apiName: "orders-api", edgeFqdn: "api.test.example.com", accessGroups: ["orders-readers"] });
    const segment = await registered("zpa-adopt-segment");
    const rule = await registered("zpa-adopt-access-rule");
    expect(segment.inputs["adoptId"]).toBe("216196257331299001");
    expect(rule.inputs["adoptId"]).toBe("216196257331299002");
    // The rule refers to the adopted segment by its existing id.
    expect(rule.inputs["applicationSegmentId"]).toBe("216196257331299001");
    expect((await registered("zpa-adopt-segment-group")).inputs["adoptId"]).toBeUndefined();
    // No engine-side import: that would fail for dynamic providers (pulumi/pulumi#16175).
    expect(segment.importId).toBeFalsy();
  });
});
