import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { zpaSpec, type ZpaArgs } from "../args";
import {
  accessPolicyRuleSpec,
  applicationSegmentSpec,
  appConnectorGroupSpec,
  provisioningKeySpec,
  segmentGroupSpec,
  serverGroupSpec,
  zpaObjectNames,
} from "../builders";
import { zpaConnectionFrom } from "../client";
import {
  AccessPolicyRule,
  AppConnectorGroup,
  ApplicationSegment,
  ProvisioningKey,
  SegmentGroup,
  ServerGroup,
  importIdKey,
  type ZpaKind,
} from "../providers";
import {
  PROVISION_KEY_ENV,
  PROVISIONING_KEY_SECRET_NAME,
  connectorDeploymentSpec,
  connectorDisruptionBudgetSpec,
  connectorNoIngressPolicySpec,
} from "./kubernetes";

export const ZPA_CONNECTOR_TYPE = "kong-identity-stack:zpa:ZpaConnector";

export interface ZpaConnectorArgs {
  /** The ZPA tenant, groups and App Connectors (defaults applied inside). */
  readonly zpa: ZpaArgs;
  readonly environment: string;
  readonly apiName: string;
  /** The FQDN users reach through ZPA: Kong's host name, or F5's when F5 is in front (see `zpaEdgeFqdn`). */
  readonly edgeFqdn: string;
  /** The identity contract's access groups (the list Kong's ACLs use). */
  readonly accessGroups: pulumi.Input<string[]>;
}

/**
 * Zscaler Private Access in front of the API edge: an App Connector group and its provisioning key, App
 * Connectors running in the cluster, and one application segment (the edge's FQDN, TCP 443, never bypassed)
 * that one access rule opens to exactly the contract's access groups. Decisions live in the builders.
 */
export class ZpaConnector extends pulumi.ComponentResource {
  declare readonly appConnectorGroupId: pulumi.Output<string>;
  declare readonly provisioningKeyId: pulumi.Output<string>;
  /** Secret: the App Connectors' enrolment key. */
  declare readonly provisioningKey: pulumi.Output<string>;
  declare readonly applicationSegmentId: pulumi.Output<string>;
  declare readonly accessRuleId: pulumi.Output<string>;
  declare readonly segmentDomain: pulumi.Output<string>;
  declare readonly accessGroups: pulumi.Output<string[]>;
  declare readonly maxUsage: pulumi.Output<number>;
  declare readonly namespaceName: pulumi.Output<string>;

  constructor(name: string, args: ZpaConnectorArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ZPA_CONNECTOR_TYPE, name, {}, opts);
    const zpa = zpaSpec(args.zpa);
    const { environment } = args;
    const names = zpaObjectNames(args.apiName, environment);
    const connection = zpaConnectionFrom(zpa);
    // Existing objects named in zpa.importIds are adopted by the provider (Pulumi's `import` option does not
    // work for dynamic providers: pulumi/pulumi#16175).
    const adoptId = (kind: ZpaKind): { adoptId?: string } => {
      const id = (zpa.importIds as Record<string, string | undefined>)[importIdKey(kind)];
      return id ? { adoptId: id } : {};
    };
    const parent = { parent: this };

    // ---------------------------------------------------------------- ZPA objects
    const group = new AppConnectorGroup(`${name}-connector-group`, { connection, ...adoptId("AppConnectorGroup"), ...appConnectorGroupSpec(zpa, names, environment) }, parent);

    const keySpec = provisioningKeySpec(zpa, names, "");
    const key = new ProvisioningKey(
      `${name}-provisioning-key`,
      { connection, ...adoptId("ProvisioningKey"), ...keySpec, appConnectorGroupId: group.id },
      parent,
    );

    const segmentGroup = new SegmentGroup(`${name}-segment-group`, { connection, ...adoptId("SegmentGroup"), ...segmentGroupSpec(names, environment) }, parent);
    const serverGroupBase = serverGroupSpec(names, environment, []);
    const serverGroup = new ServerGroup(
      `${name}-server-group`,
      { connection, ...adoptId("ServerGroup"), ...serverGroupBase, appConnectorGroupIds: [group.id] },
      parent,
    );

    const segmentBase = applicationSegmentSpec({ names, environment, edgeFqdn: args.edgeFqdn, segmentGroupId: "", serverGroupIds: [] });
    const segment = new ApplicationSegment(
      `${name}-segment`,
      { connection, ...adoptId("ApplicationSegment"), ...segmentBase, segmentGroupId: segmentGroup.id, serverGroupIds: [serverGroup.id] },
      parent,
    );

    const accessGroups = pulumi.output(args.accessGroups);
    const ruleSpec = accessGroups.apply((groups) =>
      accessPolicyRuleSpec({ names, environment, groups: zpa.groups, accessGroups: groups, applicationSegmentId: "" }),
    );
    const rule = new AccessPolicyRule(
      `${name}-access-rule`,
      {
        connection,
        ...adoptId("AccessPolicyRule"),
        name: ruleSpec.name,
        description: ruleSpec.description,
        action: "ALLOW",
        applicationSegmentId: segment.id,
        accessGroups: ruleSpec.accessGroups.apply((g) => [...g]),
        groupsSource: zpa.groups.source,
        idpId: zpa.groups.idpId,
        ...(zpa.groups.source === "saml" && zpa.groups.attributeName ? { samlAttributeName: zpa.groups.attributeName } : {}),
      },
      parent,
    );

    // ---------------------------------------------------------------- App Connectors in the cluster
    const { connector } = zpa;
    const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: connector.namespace } }, { parent: this });
    this.namespaceName = namespace.metadata.name;
    this.provisioningKey = pulumi.secret(key.provisioningKey);

    const secret = new k8s.core.v1.Secret(
      `${name}-provisioning-key-secret`,
      {
        metadata: { name: PROVISIONING_KEY_SECRET_NAME, namespace: this.namespaceName },
        type: "Opaque",
        stringData: { [PROVISION_KEY_ENV]: this.provisioningKey },
      },
      { parent: this },
    );

    const deployment = key.id.apply((keyId) =>
      connectorDeploymentSpec({ namespace: connector.namespace, replicas: connector.replicas, image: connector.image, provisioningKeyId: keyId }),
    );
    new k8s.apps.v1.Deployment(
      `${name}-connectors`,
      { metadata: deployment.metadata, spec: deployment.spec },
      { parent: this, dependsOn: [namespace, secret] },
    );
    const pdb = connectorDisruptionBudgetSpec(connector.namespace);
    new k8s.policy.v1.PodDisruptionBudget(`${name}-connectors-pdb`, pdb, { parent: this, dependsOn: [namespace] });
    const netpol = connectorNoIngressPolicySpec(connector.namespace);
    new k8s.networking.v1.NetworkPolicy(`${name}-connectors-no-ingress`, netpol, { parent: this, dependsOn: [namespace] });

    this.appConnectorGroupId = group.id;
    this.provisioningKeyId = key.id;
    this.applicationSegmentId = segment.id;
    this.accessRuleId = rule.id;
    this.segmentDomain = pulumi.output(args.edgeFqdn);
    this.accessGroups = rule.accessGroups;
    this.maxUsage = pulumi.output(keySpec.maxUsage);

    this.registerOutputs({
      appConnectorGroupId: this.appConnectorGroupId,
      provisioningKeyId: this.provisioningKeyId,
      provisioningKey: this.provisioningKey,
      applicationSegmentId: this.applicationSegmentId,
      accessRuleId: this.accessRuleId,
      segmentDomain: this.segmentDomain,
      accessGroups: this.accessGroups,
      maxUsage: this.maxUsage,
      namespaceName: this.namespaceName,
    });
  }
}
