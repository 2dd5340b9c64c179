import type { ZpaCloudName } from "./clouds";
import type { ZpaSpec } from "../args";

/**
 * Where and how to reach one ZPA tenant. It is an input of every ZPA resource, so it must hold no secret:
 * credentials are named (environment variables or Pulumi config keys) and read when the provider runs.
 */
export type ZpaCredentialSource =
  | { readonly source: "environment"; readonly clientIdEnv: string; readonly clientSecretEnv: string }
  | { readonly source: "pulumi-config"; readonly clientIdKey: string; readonly clientSecretKey: string };

export interface ZpaConnection {
  readonly cloud: ZpaCloudName;
  /** Overrides the cloud's API host (stand-ins, private deployments). */
  readonly baseUrl?: string;
  /** oneapi: overrides https://{vanityDomain}.zslogin.net/oauth2/v1/token. */
  readonly tokenUrl?: string;
  readonly customerId: string;
  readonly auth: "legacy" | "oneapi";
  readonly vanityDomain?: string;
  readonly credentials: ZpaCredentialSource;
  /** Per request; default 30 s. */
  readonly timeoutMs?: number;
  /** Attempts per request on 408/429/5xx and timeouts, the first included; default 5. */
  readonly retryAttempts?: number;
  /** Page size for list calls; default 500 (the SDK's). */
  readonly pageSize?: number;
}

/** The connection input for the ZPA resources, from the validated `zpa` block. */
export function zpaConnectionFrom(zpa: ZpaSpec): ZpaConnection {
  const c = zpa.credentials;
  return {
    cloud: zpa.cloud,
    ...(zpa.baseUrl ? { baseUrl: zpa.baseUrl } : {}),
    ...(zpa.tokenUrl ? { tokenUrl: zpa.tokenUrl } : {}),
    customerId: zpa.customerId,
    auth: zpa.auth,
    ...(zpa.vanityDomain ? { vanityDomain: zpa.vanityDomain } : {}),
    credentials:
      c.source === "environment"
        ? { source: "environment", clientIdEnv: c.clientIdEnv, clientSecretEnv: c.clientSecretEnv }
        : { source: "pulumi-config", clientIdKey: c.clientIdKey, clientSecretKey: c.clientSecretKey },
  };
}

/**
 * Two connections reach the same objects when they name the same tenant. Switching between legacy and
 * OneAPI auth, or rotating credentials, keeps every object; another customer id means other objects.
 */
export const sameTenant = (a: ZpaConnection | undefined, b: ZpaConnection | undefined): boolean =>
  a?.customerId === b?.customerId;
