/**
 * Type tokens of the PingAccess dynamic resources. Policies and the offline plan recognise resources by these,
 * so this module has no dependencies and may be imported from anywhere (the policy pack included).
 */
export const PINGACCESS_DYNAMIC_MODULE = "pingaccess";

/** In dependency order: what a later kind refers to is created first. */
export const PINGACCESS_KINDS = ["SidebandClient", "ThirdPartyService", "AccessTokenValidator", "VirtualHost", "Rule", "RuleSet", "Application", "Resource", "ResourceOrder"] as const;
export type PingAccessKind = (typeof PINGACCESS_KINDS)[number];

export const pingAccessTypeToken = (kind: PingAccessKind): string => `pulumi-nodejs:dynamic/${PINGACCESS_DYNAMIC_MODULE}:${kind}`;

export const PINGACCESS_TYPE_TOKENS: Readonly<Record<PingAccessKind, string>> = Object.fromEntries(
  PINGACCESS_KINDS.map((k) => [k, pingAccessTypeToken(k)]),
) as Record<PingAccessKind, string>;

/** Kinds that can adopt an existing object, and their key under `pingaccess.importIds`. */
export const PINGACCESS_IMPORT_KEYS: Partial<Record<PingAccessKind, string>> = {
  SidebandClient: "sidebandClient",
  AccessTokenValidator: "accessTokenValidator",
  Application: "application",
};
