import type { IdentityContract } from "../../contract";
import { CLIENT_HEADER, SUBJECT_HEADER } from "./identity-headers";
import type { KongPlugin, OpenidConnectConfig } from "./types";

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
 * One `openid-connect` plugin for a protected route.
 *
 * Kong allows one instance of a plugin per route, and nothing in a request tells Kong which IdP issued the
 * token before the token is parsed. During a cut-over (two contracts) one instance therefore serves both:
 * discovery of the first (primary) contract, the other contracts' JWKS as `extra_jwks_uris`, every issuer in
 * `issuers_allowed`, the union of the audiences (OR) and one AND-set of scopes per contract (OR between
 * contracts). That only works when the contracts name the same claims; otherwise this throws rather than
 * emit a plugin that silently rejects (or worse, mis-reads) one IdP's tokens. Limits (recorded in
 * `describeKongLimitations`): an audience of one IdP is accepted in a token of the other, and the larger
 * leeway applies to both.
 */
export function openidConnectPlugin(
  contracts: readonly IdentityContract[],
  route: ProtectedRoute,
  tags: readonly string[],
): KongPlugin {
  const primary = contracts[0];
  if (!primary) throw new Error(`route ${route.name} requires a token, but no identity contract is trusted`);
  assertSameClaims(contracts);

  const binding = bindingRule(primary);
  const scopeSets = unique(
    contracts.map((c) => route.scopes.map((s) => c.scopes.valuePrefix + s).join(" ")).filter((s) => s.length > 0),
  );
  const clientClaims = unique(contracts.map((c) => c.clients.claim));
  const extraJwks = unique(contracts.slice(1).map((c) => c.jwksUri)).filter((u) => u !== primary.jwksUri);

  const config: OpenidConnectConfig = {
    issuer: primary.discoveryUrl,
    issuers_allowed: unique(contracts.map((c) => c.issuer)),
    ...(extraJwks.length > 0 ? { extra_jwks_uris: extraJwks } : {}),
    // Bearer validation only: the default enables nine methods, sessions and redirects included.
    auth_methods: ["bearer"],
    // Tokens in query strings or bodies end up in access logs.
    bearer_token_param_type: ["header"],
    audience_claim: [binding.claim],
    audience_required: unique(contracts.flatMap((c) => bindingRule(c).values)),
    scopes_claim: [primary.scopes.claim],
    ...(scopeSets.length > 0 ? { scopes_required: scopeSets } : {}),
    leeway: Math.max(...contracts.map((c) => c.leewaySeconds)),
    verify_claims: true,
    verify_signature: true,
    // Only when a contract lists an HS* algorithm (identity.signingAlgorithms), which the policy pack refuses.
    enable_hs_signatures: contracts.some((c) => c.algorithms.some((a) => a.startsWith("HS"))),
    // Feeds the acl plugin (authenticated groups are used when no consumer is mapped).
    authenticated_groups_claim: [primary.groups.claim],
    // The virtual credential rate-limiting counts by: one budget per calling subject.
    credential_claim: [primary.subjectClaim],
    // A token carries only one of the client claims, so at most one value lands in the client header.
    upstream_headers_claims: [primary.subjectClaim, ...clientClaims],
    upstream_headers_names: [SUBJECT_HEADER, ...clientClaims.map(() => CLIENT_HEADER)],
    cache_ttl: OIDC_CACHE_TTL_SECONDS,
    rediscovery_lifetime: OIDC_REDISCOVERY_SECONDS,
  };
  return { name: "openid-connect", config, tags };
}

/** Claims one plugin instance can read only under one name. */
function assertSameClaims(contracts: readonly IdentityContract[]): void {
  const facets: readonly [string, (c: IdentityContract) => string][] = [
    ["audience/client binding claim", (c) => bindingRule(c).claim],
    ["scope claim", (c) => c.scopes.claim],
    ["group claim", (c) => c.groups.claim],
    ["subject claim", (c) => c.subjectClaim],
  ];
  for (const [what, read] of facets) {
    const names = unique(contracts.map(read));
    if (names.length > 1) {
      throw new Error(
        `identity providers ${contracts.map((c) => c.name).join(" and ")} use different ${what}s (${names.join(" vs ")}); ` +
          "one openid-connect plugin per route cannot check both. Cut over between providers that share claim names, " +
          "or move the routes to the new provider in one step.",
      );
    }
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
