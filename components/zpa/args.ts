import type { ZpaCloudName } from "./client/clouds";

/**
 * Zscaler Private Access in front of the edge: component arguments with their defaults (zpaSpec applies them;
 * the stack file's schema states the same, a unit test holds them equal). Credentials are never values here:
 * the arguments name where the providers read them at deploy time.
 */
export interface ZpaArgs {
  /** Default true. */
  readonly enabled?: boolean;
  /** Default PRODUCTION. */
  readonly cloud?: ZpaCloudName;
  /** Overrides the cloud's API host (a stand-in in tests, a private deployment). */
  readonly baseUrl?: string;
  readonly tokenUrl?: string;
  readonly customerId: string;
  /** Default legacy. */
  readonly auth?: "legacy" | "oneapi";
  readonly vanityDomain?: string;
  /** Where the API client id and secret are read. Default: environment ZPA_CLIENT_ID / ZPA_CLIENT_SECRET. */
  readonly credentials?: {
    readonly source?: "environment" | "pulumi-config";
    readonly clientIdEnv?: string;
    readonly clientSecretEnv?: string;
    readonly clientIdKey?: string;
    readonly clientSecretKey?: string;
  };
  readonly groups: { readonly source: "scim" | "saml"; readonly idpId: string; readonly attributeName?: string };
  readonly connector: {
    /** Default zpa-connector. */
    readonly namespace?: string;
    /** Default 2. */
    readonly replicas?: number;
    readonly image: { readonly repository?: string; readonly tag: string };
    /** Default 3. */
    readonly rolloutsPerKey?: number;
    readonly location: { readonly name: string; readonly latitude: number; readonly longitude: number };
  };
  /** Existing objects to adopt by id. Default {}. */
  readonly importIds?: {
    readonly appConnectorGroup?: string;
    readonly provisioningKey?: string;
    readonly segmentGroup?: string;
    readonly serverGroup?: string;
    readonly applicationSegment?: string;
    readonly accessPolicyRule?: string;
  };
}

export interface ZpaSpec extends Omit<ZpaArgs, "enabled" | "cloud" | "auth" | "credentials" | "connector" | "importIds"> {
  readonly enabled: boolean;
  readonly cloud: ZpaCloudName;
  readonly auth: "legacy" | "oneapi";
  readonly credentials: Required<NonNullable<ZpaArgs["credentials"]>>;
  readonly connector: {
    readonly namespace: string;
    readonly replicas: number;
    readonly image: { readonly repository: string; readonly tag: string };
    readonly rolloutsPerKey: number;
    readonly location: ZpaArgs["connector"]["location"];
  };
  readonly importIds: NonNullable<ZpaArgs["importIds"]>;
}

export const ZPA_DEFAULTS = {
  enabled: true,
  cloud: "PRODUCTION",
  auth: "legacy",
  credentials: { source: "environment", clientIdEnv: "ZPA_CLIENT_ID", clientSecretEnv: "ZPA_CLIENT_SECRET", clientIdKey: "zpa:clientId", clientSecretKey: "zpa:clientSecret" },
  connector: { namespace: "zpa-connector", replicas: 2, repository: "zscaler/zpa-connector", rolloutsPerKey: 3 },
} as const;

/** Applies the ZPA defaults. Pure; settings already complete come back equal (same keys, same order). */
export function zpaSpec(a: ZpaArgs): ZpaSpec {
  const d = ZPA_DEFAULTS;
  const c = a.connector;
  return {
    ...a,
    enabled: a.enabled ?? d.enabled,
    cloud: a.cloud ?? d.cloud,
    auth: a.auth ?? d.auth,
    credentials: { ...d.credentials, ...a.credentials },
    connector: {
      ...c,
      namespace: c.namespace ?? d.connector.namespace,
      replicas: c.replicas ?? d.connector.replicas,
      image: { ...c.image, repository: c.image.repository ?? d.connector.repository },
      rolloutsPerKey: c.rolloutsPerKey ?? d.connector.rolloutsPerKey,
    },
    importIds: a.importIds ?? {},
  };
}
