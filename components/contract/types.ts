/**
 * The identity contract: the few identity facts every part of the stack must agree on.
 *
 * It is derived once, per identity provider, from the IdP resources' outputs (see `derive-*.ts`) and passed
 * as one plain, JSON-serialisable value to Kong, ZPA, F5, the policy pack and the `kis` CLI.
 * Nothing downstream re-types an issuer, an audience or a claim name.
 */

export type IdentityProviderKind = "entra" | "okta" | "cognito";

/** Asymmetric JWS algorithms (RFC 8725): the only ones a public-key IdP's tokens should be verified with. */
export type SigningAlgorithm = "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" | "ES256" | "ES384" | "ES512";

/** Shared-secret JWS algorithms. */
export type SymmetricAlgorithm = "HS256" | "HS384" | "HS512";

/**
 * What a contract may list (`identity.signingAlgorithms`). Wider than SigningAlgorithm so that an unsafe
 * configuration is representable and reported by the policy pack (signing-algorithms) instead of being
 * unwritable; `checkClaims` still rejects HS* and `none` whatever the contract lists.
 */
export type JwsAlgorithm = SigningAlgorithm | SymmetricAlgorithm;

/** How a claim that carries a list (scopes, groups) is encoded in the token. */
export type ClaimShape = "space-delimited-string" | "array";

export interface ClaimRule {
  /** The claim name, e.g. `aud`, `azp`, `scp`, `client_id`. */
  readonly claim: string;
  /** Accepted values; a token passes when its claim holds at least one of them. */
  readonly values: readonly string[];
}

export interface ScopeRule {
  readonly claim: string;
  readonly shape: ClaimShape;
  /**
   * Prefix the IdP puts before a scope name in the token (Cognito: `{resource-server identifier}/`).
   * Routes name scopes without it; the contract adds it.
   */
  readonly valuePrefix: string;
}

export interface GroupRule {
  readonly claim: string;
  readonly shape: ClaimShape;
}

/** A claim whose exact value marks the token as an access token of the expected kind. */
export interface TokenTypeRule {
  readonly claim: string;
  readonly value: string;
  /** Why the check exists, shown when a token fails it. */
  readonly reason: string;
}

export interface IdentityContract {
  /** Which IdP produced the contract. */
  readonly provider: IdentityProviderKind;
  /** Logical name of the provider entry in the stack config (distinguishes two IdPs during a cut-over). */
  readonly name: string;
  /** Exact `iss` value of access tokens: compared character for character (trailing slash included). */
  readonly issuer: string;
  /** OpenID Connect discovery document URL that belongs to `issuer`. */
  readonly discoveryUrl: string;
  /** JWKS URL that belongs to `issuer`. */
  readonly jwksUri: string;
  /**
   * Audience check. `undefined` only where the IdP's access tokens have no audience (Cognito):
   * then `clients` is the binding check and `tokenType` must be present.
   */
  readonly audience: ClaimRule | undefined;
  /** Clients allowed to call the API, and the claim that names them (`azp`, `appid`, `cid`, `client_id`). */
  readonly clients: ClaimRule;
  readonly scopes: ScopeRule;
  /** Claim that carries the caller's access groups / app roles. */
  readonly groups: GroupRule;
  /** Access groups that exist for this API (the same list drives Kong ACLs and ZPA access rules). */
  readonly accessGroups: readonly string[];
  /** Scopes that the API exposes, without the IdP prefix. */
  readonly scopeNames: readonly string[];
  /** Algorithms Kong accepts for this issuer (RS256 by default; see `JwsAlgorithm`). */
  readonly algorithms: readonly JwsAlgorithm[];
  /** Clock leeway applied to `exp`, `nbf` and `iat`. */
  readonly leewaySeconds: number;
  /** Access-token lifetime the IdP registration is configured to issue. */
  readonly accessTokenLifetimeSeconds: number;
  /** Extra exact-value claims an access token must carry (Cognito `token_use`, Entra `ver`). */
  readonly tokenType: readonly TokenTypeRule[];
  /** Claims Kong forwards upstream as headers (subject and client). */
  readonly subjectClaim: string;
  /** Provider-specific facts that explain the derivation (token version, tenant, pool id, ...). */
  readonly details: Readonly<Record<string, string | number | boolean>>;
}

/** The subset of a route that decides token acceptance. */
export interface RouteAuthRequirements {
  readonly name: string;
  /** Scope names (without IdP prefix); all are required. */
  readonly scopes: readonly string[];
  /** Access groups / app roles; any one of them is enough (ACL allow-list semantics). */
  readonly roles: readonly string[];
  readonly anonymous: boolean;
}
