import { CONNECTOR_ASSOCIATION_TYPE } from "../providers/type-tokens";
import type {
  AccessPolicyRuleSpec,
  AppConnectorGroupSpec,
  ApplicationSegmentSpec,
  BypassType,
  HealthReporting,
  PortRange,
  ProvisioningKeySpec,
  SegmentGroupSpec,
  ServerGroupSpec,
} from "./specs";

/**
 * Request bodies for the ZPA management API, and the reverse: the spec fields read back from an answer.
 * Field names are the API's (zscaler-sdk-go `zscaler/zpa/services/*`). ZPA's PUT replaces the whole object,
 * so every body is complete.
 */

type Json = Record<string, unknown>;

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const ids = (v: unknown): string[] => list(v).map((x) => str((x as Json)?.["id"])).filter(Boolean);

// ---------------------------------------------------------------- App Connector group
export function appConnectorGroupPayload(spec: AppConnectorGroupSpec): Json {
  return {
    name: spec.name,
    description: spec.description,
    enabled: true,
    location: spec.location,
    latitude: spec.latitude,
    longitude: spec.longitude,
    dnsQueryType: "IPV4_IPV6",
    upgradeDay: "SUNDAY",
    upgradeTimeInSecs: "66600",
    overrideVersionProfile: false,
    // The three quick-ack flags must agree (the API refuses a mix).
    tcpQuickAckApp: false,
    tcpQuickAckAssistant: false,
    tcpQuickAckReadAssistant: false,
  };
}

export function appConnectorGroupFromApi(body: Json): AppConnectorGroupSpec {
  return {
    name: str(body["name"]),
    description: str(body["description"]),
    location: str(body["location"]),
    latitude: str(body["latitude"]),
    longitude: str(body["longitude"]),
  };
}

// ---------------------------------------------------------------- provisioning key
export { CONNECTOR_ASSOCIATION_TYPE };

export function provisioningKeyPayload(spec: ProvisioningKeySpec, enrollmentCertId: string): Json {
  return {
    name: spec.name,
    associationType: CONNECTOR_ASSOCIATION_TYPE,
    maxUsage: String(spec.maxUsage),
    enrollmentCertId,
    zcomponentId: spec.appConnectorGroupId,
    enabled: true,
  };
}

export interface ProvisioningKeyState {
  readonly name: string;
  readonly maxUsage: number;
  readonly appConnectorGroupId: string;
  readonly enrollmentCertId: string;
  readonly usageCount: number;
  /** The secret enrolment key. */
  readonly provisioningKey: string;
}

export function provisioningKeyFromApi(body: Json): ProvisioningKeyState {
  return {
    name: str(body["name"]),
    maxUsage: Number(body["maxUsage"] ?? 0),
    appConnectorGroupId: str(body["zcomponentId"] ?? body["appConnectorGroupId"]),
    enrollmentCertId: str(body["enrollmentCertId"]),
    usageCount: Number(body["usageCount"] ?? 0),
    provisioningKey: str(body["provisioningKey"]),
  };
}

// ---------------------------------------------------------------- segment group
export function segmentGroupPayload(spec: SegmentGroupSpec): Json {
  return { name: spec.name, description: spec.description, enabled: true };
}

export function segmentGroupFromApi(body: Json): SegmentGroupSpec {
  return { name: str(body["name"]), description: str(body["description"]) };
}

// ---------------------------------------------------------------- server group
/** Dynamic discovery: the App Connectors resolve the segment's FQDN themselves; no servers are listed. */
export function serverGroupPayload(spec: ServerGroupSpec): Json {
  return {
    name: spec.name,
    description: spec.description,
    enabled: true,
    dynamicDiscovery: true,
    appConnectorGroups: spec.appConnectorGroupIds.map((id) => ({ id })),
  };
}

export function serverGroupFromApi(body: Json): ServerGroupSpec {
  return { name: str(body["name"]), description: str(body["description"]), appConnectorGroupIds: ids(body["appConnectorGroups"]) };
}

// ---------------------------------------------------------------- application segment
export function applicationSegmentPayload(spec: ApplicationSegmentSpec): Json {
  return {
    name: spec.name,
    description: spec.description,
    enabled: true,
    domainNames: [...spec.domainNames],
    tcpPortRange: spec.tcpPortRange.map((r) => ({ from: r.from, to: r.to })),
    bypassType: spec.bypassType,
    healthReporting: spec.healthReporting,
    segmentGroupId: spec.segmentGroupId,
    serverGroups: spec.serverGroupIds.map((id) => ({ id })),
    isCnameEnabled: true,
    ipAnchored: false,
    doubleEncrypt: false,
    icmpAccessType: "NONE",
  };
}

/** `tcpPortRange: [{from, to}]`, or the older flat form `tcpPortRanges: ["443", "443", ...]`. */
export function portRangesFromApi(body: Json, kind: "tcp" | "udp"): PortRange[] {
  const ranges = list(body[`${kind}PortRange`]).map((r) => ({ from: str((r as Json)["from"]), to: str((r as Json)["to"]) }));
  if (ranges.length > 0) return ranges;
  const flat = list(body[`${kind}PortRanges`]).map(str);
  const out: PortRange[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ from: flat[i]!, to: flat[i + 1]! });
  return out;
}

export function applicationSegmentFromApi(body: Json): ApplicationSegmentSpec {
  return {
    name: str(body["name"]),
    description: str(body["description"]),
    domainNames: list(body["domainNames"]).map(str),
    tcpPortRange: portRangesFromApi(body, "tcp"),
    bypassType: str(body["bypassType"] || "NEVER") as BypassType,
    healthReporting: str(body["healthReporting"] || "NONE") as HealthReporting,
    segmentGroupId: str(body["segmentGroupId"]),
    serverGroupIds: ids(body["serverGroups"]),
  };
}

// ---------------------------------------------------------------- access policy rule
/** The group condition once names are resolved to ZPA ids: SCIM group ids, or a SAML attribute id + values. */
export type ResolvedGroupOperand =
  | { readonly kind: "scim"; readonly idpId: string; readonly groups: readonly { readonly name: string; readonly id: string }[] }
  | { readonly kind: "saml"; readonly attributeId: string; readonly values: readonly string[] };

/**
 * A v2 rule body (`POST /mgmtconfig/v2/.../policySet/{id}/rule`): the segment AND one of the groups.
 * Operands: APP with `values`; SCIM_GROUP with `entryValues[{lhs: idpId, rhs: groupId}]`; SAML with
 * `entryValues[{lhs: attributeId, rhs: value}]`.
 */
export function accessRulePayload(spec: AccessPolicyRuleSpec, policySetId: string, groups: ResolvedGroupOperand): Json {
  const groupOperand =
    groups.kind === "scim"
      ? { objectType: "SCIM_GROUP", entryValues: groups.groups.map((g) => ({ lhs: groups.idpId, rhs: g.id })) }
      : { objectType: "SAML", entryValues: groups.values.map((v) => ({ lhs: groups.attributeId, rhs: v })) };
  return {
    name: spec.name,
    description: spec.description,
    action: spec.action,
    operator: "AND",
    policySetId,
    conditions: [
      { operator: "OR", operands: [{ objectType: "APP", values: [spec.applicationSegmentId] }] },
      { operator: "OR", operands: [groupOperand] },
    ],
  };
}

/** One operand as read back, in either the v1 form (`lhs`/`rhs` per operand) or the v2 form. */
export interface RuleOperandPair {
  readonly objectType: string;
  readonly lhs: string;
  readonly rhs: string;
  /** v1 answers often carry the referenced object's name. */
  readonly name?: string;
}

export interface AccessRuleState {
  readonly name: string;
  readonly description: string;
  readonly action: string;
  readonly applicationSegmentIds: string[];
  readonly groupOperands: RuleOperandPair[];
}

export function accessRuleFromApi(body: Json): AccessRuleState {
  const pairs: RuleOperandPair[] = [];
  for (const condition of list(body["conditions"])) {
    for (const raw of list((condition as Json)["operands"])) {
      const op = raw as Json;
      const objectType = str(op["objectType"]);
      const name = op["name"] === undefined ? {} : { name: str(op["name"]) };
      if (op["lhs"] !== undefined || op["rhs"] !== undefined) pairs.push({ objectType, lhs: str(op["lhs"]), rhs: str(op["rhs"]), ...name });
      for (const v of list(op["values"])) pairs.push({ objectType, lhs: "id", rhs: str(v) });
      for (const e of list(op["entryValues"])) pairs.push({ objectType, lhs: str((e as Json)["lhs"]), rhs: str((e as Json)["rhs"]) });
    }
  }
  return {
    name: str(body["name"]),
    description: str(body["description"]),
    action: str(body["action"]),
    applicationSegmentIds: pairs.filter((p) => p.objectType === "APP").map((p) => p.rhs),
    groupOperands: pairs.filter((p) => p.objectType === "SCIM_GROUP" || p.objectType === "SAML"),
  };
}
