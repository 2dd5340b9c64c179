import { vaultReference } from "../vault";
import type { KongPlugin } from "./types";

/** The Kong plugin name of pingidentity/kong-plugin-ping-auth (priority 999: after openid-connect at 1050). */
export const PING_AUTH_PLUGIN = "ping-auth";

export interface PingAuthOptions {
  /** PingAccess's engine (ping-auth `service_url`), without /sideband. */
  readonly serviceUrl: string;
  /** Id of the shared secret in Kong's env vault; kong.yml only holds `{vault://env/<id>}`. */
  readonly secretId: string;
  /** Overrides the env-vault reference (a reference to another Kong vault); never a secret value. */
  readonly secretReference?: string;
  readonly secretHeaderName: string;
  readonly connectionTimeoutMs: number;
  readonly verifyServiceCertificate: boolean;
  /** Configured routes (Kong services) the plugin runs on. */
  readonly routes: readonly string[];
}

/**
 * ping-auth's config (plugin 1.2.0 schema.lua). The shared secret field is `referenceable`, so Kong resolves
 * the vault reference at runtime and the value never enters kong.yml. Debug logging stays off: it logs the
 * whole sideband exchange, headers and bearer tokens included.
 */
export function pingAuthPlugin(options: PingAuthOptions, tags: readonly string[]): KongPlugin {
  return {
    name: PING_AUTH_PLUGIN,
    config: {
      service_url: options.serviceUrl,
      shared_secret: options.secretReference ?? vaultReference(options.secretId),
      secret_header_name: options.secretHeaderName,
      connection_timeout_ms: options.connectionTimeoutMs,
      connection_keepAlive_ms: 60_000,
      verify_service_certificate: options.verifyServiceCertificate,
      enable_debug_logging: false,
    },
    tags,
  };
}
