import type { PingAccessSpec } from "../args";

/**
 * Where the password is read when a provider runs. It is part of every PingAccess resource's inputs, so it
 * names the secret and never holds it.
 */
export type PingAccessPasswordSource =
  | { readonly source: "environment"; readonly passwordEnv: string }
  | { readonly source: "pulumi-config"; readonly passwordKey: string };

export interface PingAccessConnection {
  /** The admin host (`https://host:9000`); the API lives under /pa-admin-api/v3. */
  readonly adminUrl: string;
  readonly username: string;
  readonly passwordFrom: PingAccessPasswordSource;
  /** Per request; default 30 s. */
  readonly timeoutMs?: number;
  /** Attempts per request on 408/429/5xx, connection errors and timeouts, the first included; default 5. */
  readonly retryAttempts?: number;
  /** numberPerPage for list calls; default 100. */
  readonly pageSize?: number;
}


export function pingAccessConnectionFrom(pa: PingAccessSpec): PingAccessConnection {
  const c = pa.credentials;
  return {
    adminUrl: pa.adminUrl.replace(/\/+$/, ""),
    username: c.username,
    passwordFrom: c.source === "environment" ? { source: "environment", passwordEnv: c.passwordEnv } : { source: "pulumi-config", passwordKey: c.passwordKey },
  };
}

/** Two connections reach the same objects when they name the same admin host. */
export const sameServer = (a: PingAccessConnection | undefined, b: PingAccessConnection | undefined): boolean => a?.adminUrl === b?.adminUrl;
