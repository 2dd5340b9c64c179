/**
 * The ZPA facts every layer shares, written once: the dynamic resources' type tokens (policies and the offline
 * plan recognise resources by these) and where each object lives in ZPA's API (the providers call it, the plan's
 * zpa.json shows it). No dependencies: it may be imported from anywhere (the policy pack included).
 */
export const ZPA_DYNAMIC_MODULE = "zpa";

export const ZPA_KINDS = ["AppConnectorGroup", "ProvisioningKey", "SegmentGroup", "ServerGroup", "ApplicationSegment", "AccessPolicyRule"] as const;
export type ZpaKind = (typeof ZPA_KINDS)[number];

export const zpaTypeToken = (kind: ZpaKind): string => `pulumi-nodejs:dynamic/${ZPA_DYNAMIC_MODULE}:${kind}`;

export const ZPA_TYPE_TOKENS: Readonly<Record<ZpaKind, string>> = Object.fromEntries(ZPA_KINDS.map((k) => [k, zpaTypeToken(k)])) as Record<ZpaKind, string>;

/** The key under `zpa.importIds` that adopts an existing object of this kind. */
export const importIdKey = (kind: ZpaKind): string => kind.charAt(0).toLowerCase() + kind.slice(1);

/** The association type of the App Connector provisioning keys the stack creates. */
export const CONNECTOR_ASSOCIATION_TYPE = "CONNECTOR_GRP";

/** `{prefix}/mgmtconfig/{version}/admin/customers/{customerId}/{rest}`: every management API path (OneAPI's prefix is `/zpa`). */
export const zpaMgmtPath = (prefix: string, version: "v1" | "v2", customerId: string, rest: string): string =>
  `${prefix}/mgmtconfig/${version}/admin/customers/${customerId}/${rest}`;

/** Where each object kind is created (below the customer; `{policySetId}` is the tenant's access policy set). */
export const ZPA_COLLECTIONS: Readonly<Record<ZpaKind, { readonly version: "v1" | "v2"; readonly rest: string }>> = {
  AppConnectorGroup: { version: "v1", rest: "appConnectorGroup" },
  ProvisioningKey: { version: "v1", rest: `associationType/${CONNECTOR_ASSOCIATION_TYPE}/provisioningKey` },
  SegmentGroup: { version: "v1", rest: "segmentGroup" },
  ServerGroup: { version: "v1", rest: "serverGroup" },
  ApplicationSegment: { version: "v1", rest: "application" },
  AccessPolicyRule: { version: "v2", rest: "policySet/{policySetId}/rule" },
};
