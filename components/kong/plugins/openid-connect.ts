import type { IdentityContract } from "../../contract";
import { CLIENT_HEADER, SUBJECT_HEADER } from "./identity-headers";
import { browserSignInConfig, type KongBrowserSignIn } from "./openid-connect-sign-in";
import type { KongPlugin, OpenidConnectConfig, OpenidConnectSignInConfig } from "./types";

/**
 * How long discovery documents and JWKS stay cached when the IdP sends no expiry. Key rotation does not wait
 * for it: a token signed with an unknown `kid` triggers re-discovery (at most once per REDISCOVERY_SECONDS).
 */
export const OIDC_CACHE_TTL_SECONDS = 3600;
/** Bounds how often forged `kid`s can make Kong call the IdP; real rotations are published in advance. */
export const OIDC_REDISCOVERY_SECONDS = 60;

export interface ProtectedRoute {
  readonly name: string;
  readonly scopes: readonly string[];
}

/**
 * The claim rule that binds a token to this API: the audience, or the client allow-list where the IdP's
 * access tokens carry no audience (Cognito puts `client_id` in access tokens and `aud` only in ID tokens,
 * so requiring `client_id` also keeps ID tokens out).
 */
export function bindingRule(contract: IdentityContract): { readonly claim: string; readonly values: readonly string[] } {
  return contract.audience ?? contract.clients;
}

/**
 * One `openid-connect` plugin for a protected route, judging tokens of ONE identity provider.
 *
 * Kong allows one instance of a plugin per route, and the plugin reads audience, scopes and groups under one
 * claim name each, so one instance cannot judge tokens of IdPs that name those claims differently. During a
 * cut-over the declarative builder therefore emits one copy of the route per provider, selected by the token's
 * issuer (see `issuerSelectorPattern`), each with this plugin for its own provider: every provider keeps its
 * own issuer, audience or client allow-list, scopes, groups claim and leeway.
 */
export function openidConnectPlugin(
  contracts: IdentityContract | readonly IdentityContract[],
  route: ProtectedRoute,
  tags: readonly string[],
  /** A browser sign-in route: authorization code + PKCE + session on top of the same token checks. */
  signIn?: KongBrowserSignIn,
): KongPlugin {
  const list: readonly IdentityContract[] = Array.isArray(contracts) ? contracts : [contracts as IdentityContract];
  const contract = list[0];
  if (!contract) throw new Error(`route ${route.name} requires a token, but no identity contract is trusted`);
  if (list.length > 1) {
    throw new Error(
      `route ${route.name}: one openid-connect plugin judges one identity provider (${list.map((c) => c.name).join(", ")} given); ` +
        "buildDeclarativeConfig emits one route per provider during a cut-over",
    );
  }

  const binding = bindingRule(contract);
  const scopes = route.scopes.map((s) => contract.scopes.valuePrefix + s).join(" ");
  const config: OpenidConnectConfig = {
    issuer: contract.discoveryUrl,
    issuers_allowed: [contract.issuer],
    // Bearer validation only: the default enables nine methods, sessions and redirects included.
    auth_methods: ["bearer"],
    // Tokens in query strings or bodies end up in access logs.
    bearer_token_param_type: ["header"],
    audience_claim: [binding.claim],
    audience_required: [...binding.values],
    scopes_claim: [contract.scopes.claim],
    // One space-joined string: all of the route's scopes are required (AND).
    ...(scopes.length > 0 ? { scopes_required: [scopes] } : {}),
    leeway: contract.leewaySeconds,
    verify_claims: true,
    verify_signature: true,
    // Only when a contract lists an HS* algorithm (identity.signingAlgorithms), which the policy pack refuses.
    enable_hs_signatures: contract.algorithms.some((a) => a.startsWith("HS")),
    // Feeds the acl plugin (authenticated groups are used when no consumer is mapped).
    authenticated_groups_claim: [contract.groups.claim],
    // The virtual credential rate-limiting counts by: one budget per calling subject.
    credential_claim: [contract.subjectClaim],
    upstream_headers_claims: [contract.subjectClaim, contract.clients.claim],
    upstream_headers_names: [SUBJECT_HEADER, CLIENT_HEADER],
    cache_ttl: OIDC_CACHE_TTL_SECONDS,
    rediscovery_lifetime: OIDC_REDISCOVERY_SECONDS,
  };
  if (!signIn) return { name: "openid-connect", config, tags };
  const browser = browserSignInConfig(contract, signIn);
  // kongOverrides last: an escape hatch the policy pack checks (client-secret-by-reference, session-cookie-secure...).
  const merged = { ...config, auth_methods: browser.authMethods, ...browser.config, ...signIn.kongOverrides } as OpenidConnectConfig & OpenidConnectSignInConfig;
  return { name: "openid-connect", config: merged, tags };
}
