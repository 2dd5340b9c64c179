import type { IdentityContract } from "../../contract";
import type { ZpaSpec } from "../args";
import { ZPA_EDGE_PORT } from "./edge";
import { provisioningKeyMaxUsage } from "./max-usage";
import { managedDescription, type ZpaObjectNames } from "./names";
import type {
  AccessPolicyRuleSpec,
  AppConnectorGroupSpec,
  ApplicationSegmentSpec,
  ProvisioningKeySpec,
  SegmentGroupSpec,
  ServerGroupSpec,
} from "./specs";

/** The enrolment certificate ZPA provides for App Connectors. */
export const CONNECTOR_ENROLLMENT_CERT = "Connector";

/**
 * The access groups ZPA admits: the contracts' `accessGroups`, the list Kong's ACLs are built from. Two
 * contracts during a cut-over carry the same list; the union keeps the first contract's order.
 */
export function accessGroupsFromContracts(contracts: readonly Pick<IdentityContract, "accessGroups">[]): string[] {
  return [...new Set(contracts.flatMap((c) => c.accessGroups))];
}

/** Decimal degrees as ZPA stores them, without float noise (50.11, not 50.109999999). */
const degrees = (value: number): string => String(Number(value.toFixed(6)));

export function appConnectorGroupSpec(zpa: ZpaSpec, names: ZpaObjectNames, environment: string): AppConnectorGroupSpec {
  const { location } = zpa.connector;
  return {
    name: names.appConnectorGroup,
    description: managedDescription(environment, `App Connectors running in Kubernetes namespace ${zpa.connector.namespace}`),
    location: location.name,
    latitude: degrees(location.latitude),
    longitude: degrees(location.longitude),
  };
}

export function provisioningKeySpec(zpa: ZpaSpec, names: ZpaObjectNames, appConnectorGroupId: string): ProvisioningKeySpec {
  return {
    name: names.provisioningKey,
    maxUsage: provisioningKeyMaxUsage(zpa.connector.replicas, zpa.connector.rolloutsPerKey),
    appConnectorGroupId,
    enrollmentCertName: CONNECTOR_ENROLLMENT_CERT,
  };
}

export function segmentGroupSpec(names: ZpaObjectNames, environment: string): SegmentGroupSpec {
  return { name: names.segmentGroup, description: managedDescription(environment, "the API edge's application segment") };
}

export function serverGroupSpec(names: ZpaObjectNames, environment: string, appConnectorGroupIds: readonly string[]): ServerGroupSpec {
  return {
    name: names.serverGroup,
    description: managedDescription(environment, "the API edge, reached by the App Connectors in the cluster (dynamic discovery)"),
    appConnectorGroupIds: [...appConnectorGroupIds],
  };
}

/**
 * The segment exposes exactly the edge's FQDN on TCP 443, never bypassed: ZPA is the only way in.
 * No wildcard, no other port, no UDP.
 */
export function applicationSegmentSpec(args: {
  names: ZpaObjectNames;
  environment: string;
  edgeFqdn: string;
  segmentGroupId: string;
  serverGroupIds: readonly string[];
}): ApplicationSegmentSpec {
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(args.edgeFqdn)) {
    throw new Error(`ZPA segment: expected the edge's fully qualified host name (no wildcard), got ${JSON.stringify(args.edgeFqdn)}`);
  }
  const port = String(ZPA_EDGE_PORT);
  return {
    name: args.names.applicationSegment,
    description: managedDescription(args.environment, `API edge ${args.edgeFqdn}:${port}`),
    domainNames: [args.edgeFqdn],
    tcpPortRange: [{ from: port, to: port }],
    bypassType: "NEVER",
    healthReporting: "ON_ACCESS",
    segmentGroupId: args.segmentGroupId,
    serverGroupIds: [...args.serverGroupIds],
  };
}

/** ALLOW the segment to exactly these groups (SCIM groups by name, or values of one SAML attribute). */
export function accessPolicyRuleSpec(args: {
  names: ZpaObjectNames;
  environment: string;
  groups: ZpaSpec["groups"];
  accessGroups: readonly string[];
  applicationSegmentId: string;
}): AccessPolicyRuleSpec {
  if (args.accessGroups.length === 0) {
    throw new Error("ZPA access rule: no access groups; a rule without a group condition would admit every ZPA user");
  }
  return {
    name: args.names.accessPolicyRule,
    description: managedDescription(args.environment, `members of ${args.accessGroups.join(", ")} may reach the API edge`),
    action: "ALLOW",
    applicationSegmentId: args.applicationSegmentId,
    accessGroups: [...args.accessGroups],
    groupsSource: args.groups.source,
    idpId: args.groups.idpId,
    ...(args.groups.source === "saml" && args.groups.attributeName ? { samlAttributeName: args.groups.attributeName } : {}),
  };
}
