/**
 * How PingAccess's JWKS access token validator reaches the IdP's keys (PingAccess docs, "Adding access token
 * validators"): `path` is a path starting with `/` on the host of the token provider PingAccess is configured
 * with, never a URL; a JWKS on another host needs a third-party service for that host, which the validator names
 * (PingAccess 8.3.2 and later). From 8.0 a token without `aud` (Cognito access tokens) passes only when the
 * validator skips audience validation. Pure: the config check and the builder share it.
 */

export const THIRD_PARTY_JWKS_MIN_VERSION = "8.3.2";
export const SKIP_AUDIENCE_MIN_VERSION = "8.0";

/** Compares dotted versions numerically (`8.3.2` > `8.3`); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The JWKS URL's path and query: what the validator's `path` holds (PingAccess permits a query string). */
export function jwksPath(jwksUri: string): string {
  const u = new URL(jwksUri);
  const path = `${u.pathname}${u.search}`;
  if (!path.startsWith("/") || path === "/") throw new Error(`JWKS URL ${JSON.stringify(jwksUri)} has no path`);
  return path.replace(/\/+$/, "");
}

/** `host:port` of an https URL (443 unless given). */
export function jwksTarget(jwksUri: string): { host: string; port: number } {
  const u = new URL(jwksUri);
  return { host: u.hostname.toLowerCase(), port: u.port ? Number(u.port) : 443 };
}

/** `login.example.com` or `login.example.com:8443` against a host and port. */
export function sameHostPort(configured: string, target: { host: string; port: number }): boolean {
  const i = configured.lastIndexOf(":");
  const host = (i > 0 && /^\d+$/.test(configured.slice(i + 1)) ? configured.slice(0, i) : configured).toLowerCase();
  const port = i > 0 && /^\d+$/.test(configured.slice(i + 1)) ? Number(configured.slice(i + 1)) : 443;
  return host === target.host && port === target.port;
}

export interface TokenValidationInput {
  /** Host of the IdP's JWKS (from the provider config; the contract's URL must agree). */
  readonly jwksHost: { host: string; port: number };
  /** Host[:port] of the token provider PingAccess is configured with, if the stack knows it. */
  readonly tokenProviderHost?: string;
  /** PingAccess's version (pingaccess.version). */
  readonly version?: string;
  /** Whether the IdP's access tokens carry an audience (Cognito's do not). */
  readonly audience: boolean;
}

export interface TokenValidationChoice {
  /** The host the validator's path is on, through a third-party service; undefined: the token provider's host. */
  readonly thirdParty?: { readonly host: string; readonly port: number };
  readonly skipAudienceValidation: boolean;
}

/** What the validator needs, or why this PingAccess cannot validate the IdP's tokens (with the config key to change). */
export function tokenValidationChoice(input: TokenValidationInput): TokenValidationChoice | { readonly key: "version"; readonly problem: string } {
  const onProvider = input.tokenProviderHost !== undefined && sameHostPort(input.tokenProviderHost, input.jwksHost);
  const where = `${input.jwksHost.host}${input.jwksHost.port === 443 ? "" : `:${input.jwksHost.port}`}`;
  if (!onProvider) {
    const why = `the IdP's JWKS is on ${where}, which is not the token provider PingAccess is configured with (pingaccess.tokenProviderHost${input.tokenProviderHost ? ` ${input.tokenProviderHost}` : " unset"}), so the JWKS validator needs a third-party service for it, which PingAccess supports from ${THIRD_PARTY_JWKS_MIN_VERSION}`;
    if (!input.version) return { key: "version", problem: `missing; ${why}: set pingaccess.version to the server's version (such as "9.0.1"), or set pingaccess.tokenProviderHost to ${where} if that is PingAccess's token provider` };
    if (compareVersions(input.version, THIRD_PARTY_JWKS_MIN_VERSION) < 0) {
      return { key: "version", problem: `PingAccess ${input.version} cannot validate these tokens: ${why}; upgrade PingAccess to ${THIRD_PARTY_JWKS_MIN_VERSION} or later, or configure ${where} as its token provider and set pingaccess.tokenProviderHost` };
    }
  }
  let skipAudienceValidation = false;
  if (!input.audience) {
    if (!input.version) {
      return { key: "version", problem: `missing; the IdP's access tokens carry no aud, and from PingAccess ${SKIP_AUDIENCE_MIN_VERSION} the validator must be told to skip audience validation: set pingaccess.version to the server's version` };
    }
    skipAudienceValidation = compareVersions(input.version, SKIP_AUDIENCE_MIN_VERSION) >= 0;
  }
  return { ...(onProvider ? {} : { thirdParty: input.jwksHost }), skipAudienceValidation };
}

/** The provider fields that fix where its JWKS is served. */
export interface ProviderHostInput {
  readonly kind: string;
  readonly orgName?: string;
  readonly baseUrl?: string;
  readonly region?: string;
  readonly issuerHost?: string;
}

/**
 * The IdP's JWKS host from its config alone (the contract's jwksUri, derived from outputs, is on the same host):
 * Entra login.microsoftonline.com, Okta <org>.<baseUrl>, Cognito <issuerHost>.<region>.amazonaws.com.
 */
export function providerJwksHost(p: ProviderHostInput): { host: string; port: number } | undefined {
  if (p.kind === "entra") return { host: "login.microsoftonline.com", port: 443 };
  if (p.kind === "okta" && p.orgName) return { host: `${p.orgName}.${p.baseUrl ?? "okta.com"}`.toLowerCase(), port: 443 };
  if (p.kind === "cognito" && p.region) return { host: `${p.issuerHost ?? "cognito-idp"}.${p.region}.amazonaws.com`, port: 443 };
  return undefined;
}

/** The validator's choice for a config the cross-references accepted (they refuse every problem). */
export function pingAccessTokenValidation(pa: { readonly tokenProviderHost?: string; readonly version?: string }, provider: ProviderHostInput): TokenValidationChoice | undefined {
  const jwksHost = providerJwksHost(provider);
  if (!jwksHost) return undefined;
  const choice = tokenValidationChoice({ jwksHost, tokenProviderHost: pa.tokenProviderHost, version: pa.version, audience: provider.kind !== "cognito" });
  return "problem" in choice ? undefined : choice;
}
