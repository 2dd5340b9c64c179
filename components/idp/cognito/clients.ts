import type { ClientSpec, IdentitySpec } from "../identity-args";
import { withSignInRedirects, type ClientSignInRegistration } from "../../sign-in";

/**
 * App-client settings for Cognito, as plain data (pure). Validity is always given with explicit units
 * (minutes): Cognito's defaults are hours for access/ID tokens and days for refresh tokens, so a bare number
 * silently means something else.
 */
export interface CognitoClientSettings {
  readonly generateSecret: true;
  readonly allowedOauthFlowsUserPoolClient: true;
  readonly allowedOauthFlows: readonly ("client_credentials" | "code")[];
  /** Scope names without the identifier; the component prefixes the resource server's identifier output. */
  readonly scopes: readonly string[];
  /** OIDC scopes for sign-in (web clients). */
  readonly oidcScopes: readonly string[];
  readonly callbackUrls: readonly string[];
  /** Where a sign-in route sends the browser after logout (Cognito /logout?logout_uri=...). */
  readonly logoutUrls: readonly string[];
  readonly supportedIdentityProviders: readonly string[];
  readonly accessTokenValidity: number;
  readonly idTokenValidity: number;
  readonly refreshTokenValidity: number;
  readonly tokenValidityUnits: { readonly accessToken: "minutes"; readonly idToken: "minutes"; readonly refreshToken: "minutes" };
  readonly explicitAuthFlows: readonly string[];
  readonly preventUserExistenceErrors: "ENABLED";
  readonly enableTokenRevocation: true;
}

export function cognitoClientSettings(
  identity: IdentitySpec,
  client: ClientSpec,
  /** What the stack's browser sign-in routes add to this client. */
  signIn?: ClientSignInRegistration,
): CognitoClientSettings {
  const lifetime = identity.accessTokenLifetimeMinutes;
  const web = client.kind === "web";
  return {
    // Both kinds are confidential clients: client credentials need a secret, and the web client's code
    // exchange happens server side.
    generateSecret: true,
    allowedOauthFlowsUserPoolClient: true,
    allowedOauthFlows: web ? ["code"] : ["client_credentials"],
    scopes: [...client.scopes],
    oidcScopes: web ? [...new Set(["openid", ...(signIn?.oidcScopes ?? [])])] : [],
    callbackUrls: web ? withSignInRedirects(client.redirectUris, signIn) : [],
    logoutUrls: web ? [...(signIn?.postLogoutRedirectUris ?? [])] : [],
    supportedIdentityProviders: web ? ["COGNITO"] : [],
    accessTokenValidity: lifetime,
    // ID tokens live as long as access tokens (Cognito: 5 minutes to 1 day for both).
    idTokenValidity: lifetime,
    refreshTokenValidity: identity.refreshTokenLifetimeMinutes,
    tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "minutes" },
    // Only refresh: no password or SRP sign-in outside the hosted UI.
    explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
    preventUserExistenceErrors: "ENABLED",
    enableTokenRevocation: true,
  };
}

/** Cognito-specific limits the schema cannot know: settings Cognito cannot honour. */
export function cognitoConfigProblems(identity: IdentitySpec): { warnings: string[] } {
  return {
    warnings: identity.clients
      .filter((c) => c.kind === "service" && c.groups.length > 0)
      .map(
        (c) =>
          `identity.clients ${c.name}: Cognito client-credentials tokens carry no cognito:groups (there is no user), so routes that require roles reject this client; grant it scopes instead`,
      ),
  };
}
