/**
 * The PingAccess facts every layer shares, written once: the dynamic resources' type tokens (policies and the
 * offline plan recognise resources by these) and where each object lives in the Admin API (the providers call it,
 * the plan's pingaccess.json shows it). No dependencies: it may be imported from anywhere (the policy pack included).
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

/** The Admin API's base path on the admin host. */
export const PINGACCESS_ADMIN_API_PATH = "/pa-admin-api/v3";

/** Where each object kind lives below the Admin API (`{applicationId}`: the application the object belongs to). */
export const PINGACCESS_COLLECTIONS: Readonly<Record<PingAccessKind, string>> = {
  SidebandClient: "/sidebandClients",
  ThirdPartyService: "/thirdPartyServices",
  AccessTokenValidator: "/accessTokenValidators",
  VirtualHost: "/virtualhosts",
  Rule: "/rules",
  RuleSet: "/rulesets",
  Application: "/applications",
  Resource: "/applications/{applicationId}/resources",
  // The order is a field of the application: the application itself.
  ResourceOrder: "/applications/{applicationId}",
};

/** A kind's collection with its application filled in (already encoded for a request, or a `{id of ...}` reference in the plan). */
export const pingAccessCollection = (kind: PingAccessKind, applicationId = "{applicationId}"): string =>
  PINGACCESS_COLLECTIONS[kind].replace("{applicationId}", applicationId);
