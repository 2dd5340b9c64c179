import type { IdentityContract } from "../../contract";
import type { JwtPluginConfig, KongPlugin } from "./types";

/** Kong's schema bound for `maximum_expiration` (365 days). */
export const JWT_MAXIMUM_EXPIRATION_LIMIT = 31_536_000;

/**
 * The OSS `jwt` plugin for a protected route. It verifies the signature with the static RS256 credentials of
 * the IdP consumers (found by `kid`) and `exp`; it cannot check issuer, audience, client, scopes or roles
 * (see `describeKongLimitations`).
 *
 * - `nbf` is not verified: the plugin has no leeway, so a few seconds of clock skew would reject fresh
 *   tokens, and not every IdP's access tokens carry `nbf`.
 * - `maximum_expiration` is the contract's lifetime plus its leeway: the plugin compares `exp - now`, and a
 *   Kong clock slightly behind the IdP's would otherwise reject tokens of exactly the configured lifetime.
 * - Tokens are read from the Authorization header only (query strings and cookies end up in logs).
 */
export function jwtPlugin(contracts: readonly IdentityContract[], tags: readonly string[]): KongPlugin {
  if (contracts.length === 0) throw new Error("a route requires a token, but no identity contract is trusted");
  const lifetime = Math.max(...contracts.map((c) => c.accessTokenLifetimeSeconds + c.leewaySeconds));
  const config: JwtPluginConfig = {
    key_claim_name: "kid",
    claims_to_verify: ["exp"],
    maximum_expiration: Math.min(lifetime, JWT_MAXIMUM_EXPIRATION_LIMIT),
    secret_is_base64: false,
    header_names: ["authorization"],
    uri_param_names: [],
    cookie_names: [],
  };
  return { name: "jwt", config, tags };
}
