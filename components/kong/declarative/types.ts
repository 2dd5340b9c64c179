import type { JsonWebKeySet } from "../jwks";
import type { KongBrowserSignIn, KongPlugin, PingAuthOptions } from "../plugins";
import type { KongEdgeTrust } from "./edge-trust";
import type { ObservabilitySpec } from "../../observability/args";

/**
 * The subset of Kong's declarative configuration (DB-less `kong.yml`, format 3.0) this stack writes.
 * Entity fields follow `../shared/schemas/kong/declarative.schema.json`.
 */
export interface KongDeclarativeConfig {
  readonly _format_version: "3.0";
  readonly services: readonly KongService[];
  readonly consumers: readonly KongConsumer[];
  /** Global plugins (no service, route or consumer). */
  readonly plugins: readonly KongPlugin[];
}

export interface KongService {
  readonly name: string;
  readonly url: string;
  readonly tags: readonly string[];
  readonly routes: readonly KongRoute[];
}

export type KongProtocol = "http" | "https";

export interface KongRoute {
  readonly name: string;
  readonly hosts: readonly string[];
  readonly paths: readonly string[];
  readonly methods?: readonly string[];
  /** Header conditions; a value starting with `~*` is a regular expression (see issuer-selector.ts). */
  readonly headers?: Readonly<Record<string, readonly string[]>>;
  readonly protocols: readonly KongProtocol[];
  /** Answer plain http with this redirect instead of 426 (only with kong.proxyHttp: redirect). */
  readonly https_redirect_status_code?: 301 | 302 | 307 | 308;
  readonly strip_path: boolean;
  readonly tags: readonly string[];
  readonly plugins: readonly KongPlugin[];
}

export interface KongConsumer {
  readonly username: string;
  readonly tags: readonly string[];
  readonly jwt_secrets?: readonly KongJwtSecret[];
}

export interface KongJwtSecret {
  /** Matched against the token's `kid` (jwt plugin `key_claim_name`). */
  readonly key: string;
  readonly algorithm: "RS256";
  readonly rsa_public_key: string;
  /** Unused for RS256, but required by the declarative schema (see `RS256_SECRET_PLACEHOLDER`). */
  readonly secret: string;
  readonly tags: readonly string[];
}

export type KongEdition = "enterprise" | "oss";

/** An edge that replaces X-Forwarded-For with the address it saw, and the addresses it connects to Kong from. */
export interface EdgeClientAddress {
  readonly header: string;
  readonly sources: readonly string[];
}

export interface DeclarativeConfigOptions {
  readonly edition: KongEdition;
  /** Hosts of every route that names none. */
  readonly hostnames: readonly string[];
  /** JWKS per issuer; required for the OSS edition (its jwt plugin takes static keys only). */
  readonly jwks?: Readonly<Record<string, JsonWebKeySet>>;
  readonly environment: string;
  /** Identity headers an edge (F5 APM) sets: trusted only from the edge's addresses (see applyEdgeTrust). */
  readonly edgeTrust?: KongEdgeTrust;
  /** The edge (F5) in front of Kong: client addresses come from its X-Forwarded-For (see applyEdgeClientAddress). */
  readonly edgeClientAddress?: EdgeClientAddress;
  /** PingAccess sideband: ping-auth on the chosen routes (see applyPingAuth). */
  readonly pingAuth?: PingAuthOptions;
  /** Browser sign-in routes by route name (Enterprise only), with client ids and vault references. */
  readonly signIns?: Readonly<Record<string, KongBrowserSignIn>>;
  /** Audit log, traces, metrics (see applyObservability). */
  readonly observability?: ObservabilitySpec;
  /** An edge the stack controls (the F5) replaces X-Request-ID before Kong: Kong keeps the edge's. */
  readonly requestIdFromEdge?: boolean;
}
