/**
 * Type tokens of the ZPA dynamic resources. Policies and the offline plan recognise resources by these,
 * so this module has no dependencies and may be imported from anywhere (the policy pack included).
 */
export const ZPA_DYNAMIC_MODULE = "zpa";

export const ZPA_KINDS = ["AppConnectorGroup", "ProvisioningKey", "SegmentGroup", "ServerGroup", "ApplicationSegment", "AccessPolicyRule"] as const;
export type ZpaKind = (typeof ZPA_KINDS)[number];

export const zpaTypeToken = (kind: ZpaKind): string => `pulumi-nodejs:dynamic/${ZPA_DYNAMIC_MODULE}:${kind}`;

export const ZPA_TYPE_TOKENS: Readonly<Record<ZpaKind, string>> = Object.fromEntries(ZPA_KINDS.map((k) => [k, zpaTypeToken(k)])) as Record<ZpaKind, string>;

/** The key under `zpa.importIds` that adopts an existing object of this kind. */
export const importIdKey = (kind: ZpaKind): string => kind.charAt(0).toLowerCase() + kind.slice(1);
