import type { ClientSpec, IdentitySpec } from "../identity-args";
import type { OktaProviderSpec } from "./args";

/**
 * What the Okta registration grants, as plain data (pure, so it is tested without Pulumi).
 *
 * Each client gets its own access policy (the policy's client allow-list holds only that client) with one
 * rule, so a client can obtain exactly the scopes and grant types the stack config gives it, and nothing the
 * authorization server exposes to others.
 */

/** OIDC scopes a web client asks for besides the API's: sign-in and refresh tokens. System scopes of every custom server. */
export const WEB_SYSTEM_SCOPES: readonly string[] = ["openid", "offline_access"];

export interface OktaAppSettings {
  /** `okta.app.OAuth.type`. */
  readonly type: "service" | "web";
  readonly grantTypes: readonly string[];
  readonly responseTypes: readonly string[];
  readonly tokenEndpointAuthMethod: "client_secret_basic" | "private_key_jwt";
  readonly pkceRequired: boolean;
  /** private_key_jwt: Okta keeps no secret for the app. */
  readonly omitSecret: boolean;
  readonly jwksUri?: string;
  /** Web apps: every refresh hands out a new refresh token and retires the old one (after the leeway). */
  readonly refreshTokenRotation?: "ROTATE";
  /** Seconds the previous refresh token stays usable after a rotation (requests racing each other). */
  readonly refreshTokenLeeway?: number;
}

export interface OktaRuleSettings {
  /** Snake-case literals, as Okta's API expects them. */
  readonly grantTypeWhitelists: readonly string[];
  readonly scopeWhitelists: readonly string[];
  readonly accessTokenLifetimeMinutes: number;
  readonly refreshTokenLifetimeMinutes?: number;
  readonly refreshTokenWindowMinutes?: number;
  /** User-based grants only: the groups whose users the rule applies to (assignment limits who signs in). */
  readonly groupWhitelists?: readonly string[];
}

export function oktaAppSettings(provider: OktaProviderSpec, client: ClientSpec): OktaAppSettings {
  if (client.kind === "service") {
    const pkj = provider.serviceClientAuth === "private_key_jwt";
    return {
      type: "service",
      grantTypes: ["client_credentials"],
      responseTypes: ["token"],
      tokenEndpointAuthMethod: provider.serviceClientAuth,
      pkceRequired: false,
      omitSecret: pkj,
      ...(pkj ? { jwksUri: provider.clientJwksUris[client.name]! } : {}),
    };
  }
  return {
    type: "web",
    // Authorization code with PKCE, and refresh tokens; no implicit grant (tokens in URLs).
    grantTypes: ["authorization_code", "refresh_token"],
    responseTypes: ["code"],
    tokenEndpointAuthMethod: "client_secret_basic",
    pkceRequired: true,
    omitSecret: false,
    // A refresh token that never changes is a long-lived bearer credential; rotated, a stolen one is detected on
    // reuse. Kong stores each new refresh token in its session (openid-connect refresh_tokens).
    refreshTokenRotation: "ROTATE",
    refreshTokenLeeway: 30,
  };
}

/** The rule of a client's access policy; undefined when the client can be granted nothing (no scopes). */
export function oktaRuleSettings(
  identity: IdentitySpec,
  client: ClientSpec,
  /** OIDC scopes a browser sign-in route requests with this client (profile, email...). */
  signInScopes: readonly string[] = [],
): OktaRuleSettings | undefined {
  const lifetime = identity.accessTokenLifetimeMinutes;
  if (client.kind === "service") {
    if (client.scopes.length === 0) return undefined;
    return { grantTypeWhitelists: ["client_credentials"], scopeWhitelists: [...client.scopes], accessTokenLifetimeMinutes: lifetime };
  }
  return {
    // refresh_token too: Okta checks the grant against the rule as well as the app, and without it a signed-in
    // session ends with the first access token (Kong cannot refresh it).
    grantTypeWhitelists: ["authorization_code", "refresh_token"],
    scopeWhitelists: [...new Set([...WEB_SYSTEM_SCOPES, ...signInScopes, ...client.scopes])],
    accessTokenLifetimeMinutes: lifetime,
    refreshTokenLifetimeMinutes: identity.refreshTokenLifetimeMinutes,
    // Refresh tokens are used at least once per lifetime or they expire: the window is the whole lifetime.
    refreshTokenWindowMinutes: identity.refreshTokenLifetimeMinutes,
    groupWhitelists: ["EVERYONE"],
  };
}

/**
 * `groupFilterType: REGEX` value that lets exactly the access groups into the groups claim (and no other
 * group of the org, which would leak group names and bloat tokens).
 */
export function oktaGroupsFilter(groups: readonly string[]): string {
  return `^(?:${groups.map((g) => g.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")).join("|")})$`;
}

/** Okta-specific limits the provider-neutral schema cannot know: settings Okta cannot honour. */
export function oktaConfigProblems(identity: IdentitySpec): { warnings: string[] } {
  const warnings = identity.clients.flatMap((c) => [
    ...(c.kind === "service" && c.groups.length > 0
      ? [
          `identity.clients ${c.name}: Okta client-credentials tokens carry no groups (there is no user), so routes that require roles reject this client; grant it scopes instead`,
        ]
      : []),
    ...(c.kind === "service" && c.scopes.length === 0
      ? [`identity.clients ${c.name}: a service client without scopes gets no access policy, so Okta issues it no token for this API`]
      : []),
    ...(c.kind === "web" && c.groups.length === 0
      ? [`identity.clients ${c.name}: no groups are assigned to this web app, so no user can sign in to it until an admin assigns some`]
      : []),
  ]);
  return { warnings };
}
