import type { IdentityContract } from "../../contract";
import type { BrowserSignIn } from "../../sign-in";
import type { OidcAuthMethod, OpenidConnectSignInConfig } from "./types";

/**
 * A browser sign-in route as Kong sees it: the derived URIs, the client id from the IdP registration's output,
 * and vault references (never values) for the client secret and the session secret.
 */
export interface KongBrowserSignIn extends BrowserSignIn {
  readonly clientId: string;
  /** `{vault://env/...}` of the web client's secret. */
  readonly clientSecretReference: string;
  /** `{vault://env/...}` of the session-cookie encryption secret (random, one per route). */
  readonly sessionSecretReference: string;
}

/** Kong's default rolling timeout (lua-resty-session): the cookie is re-issued at least this often. */
const ROLLING_TIMEOUT_SECONDS = 3600;

/**
 * The API scopes as the IdP expects them in an authorization request, so the access token in the session is
 * issued for this API (and passes the route's audience and scope checks): Entra wants the identifier URI as
 * prefix (`api://<app>/orders.read`), Cognito the resource-server identifier (as in its tokens), Okta the
 * bare name on the custom authorization server.
 */
export function requestedApiScopes(contract: IdentityContract, names: readonly string[]): string[] {
  if (contract.provider === "entra") {
    const uri = String(contract.details["identifierUri"] ?? "");
    return names.map((n) => `${uri}/${n}`);
  }
  return names.map((n) => contract.scopes.valuePrefix + n);
}

export const signInCookieName = (route: string, kind: "session" | "authorization"): string => `kis-${kind}-${route}`;

/** The openid-connect fields of a browser sign-in route, and its auth methods. Pure. */
export function browserSignInConfig(
  contract: IdentityContract,
  signIn: KongBrowserSignIn,
): { readonly authMethods: readonly OidcAuthMethod[]; readonly config: OpenidConnectSignInConfig } {
  return {
    // No bearer unless asked: a browser route accepts the code flow and the session it creates.
    authMethods: ["authorization_code", "session", ...(signIn.acceptBearer ? (["bearer"] as const) : [])],
    config: {
      client_id: [signIn.clientId],
      client_secret: [signIn.clientSecretReference],
      // All three registrations accept HTTP Basic at the token endpoint (Okta web apps are set to it).
      client_auth: ["client_secret_basic"],
      redirect_uri: [signIn.redirectUri],
      scopes: [...signIn.oidcScopes, ...requestedApiScopes(contract, signIn.apiScopes)],
      // Always PKCE, whatever the discovery document advertises (Cognito's does not list code_challenge_methods).
      require_proof_key_for_code_exchange: true,
      // The IdP returns with a top-level GET, which SameSite=Lax cookies accompany; form_post (a cross-site
      // POST) would arrive without the authorization cookie and loop.
      response_mode: "query",
      session_secret: signIn.sessionSecretReference,
      // A name per route: two sign-in routes on one host with the default name "session" would each fail to
      // decrypt the other's cookie, destroy it and redirect again (a login loop).
      session_cookie_name: signInCookieName(signIn.route, "session"),
      session_cookie_secure: true,
      session_cookie_http_only: true,
      session_cookie_same_site: "Lax",
      session_absolute_timeout: signIn.sessionLifetimeSeconds,
      session_idling_timeout: signIn.sessionIdleSeconds,
      session_rolling_timeout: Math.min(ROLLING_TIMEOUT_SECONDS, signIn.sessionLifetimeSeconds),
      // The authorization cookie carries state, nonce and the PKCE verifier between redirect and callback.
      authorization_cookie_name: signInCookieName(signIn.route, "authorization"),
      authorization_cookie_secure: true,
      authorization_cookie_http_only: true,
      authorization_cookie_same_site: "Lax",
      logout_uri_suffix: signIn.logoutPath,
      // Not GET: a cross-site link or image must not be able to end the session.
      logout_methods: ["POST", "DELETE"],
      logout_redirect_uri: [signIn.postLogoutRedirectUri],
      // After the code exchange Kong strips code/state; `redirect` sends the browser back to the URL it first asked
      // for, where the default `upstream` would proxy GET <callback path> to the upstream (Kong's handler, 3.9).
      login_action: "redirect",
      // Empty, not absent: absent means Kong's default ["id_token"], which puts the ID token in the URL fragment.
      login_tokens: [],
      // The session outlives the access token only if Kong may refresh it; the refresh token comes from
      // offline_access (Entra, Okta; see components/sign-in/derive.ts) or the code flow itself (Cognito).
      refresh_tokens: true,
    },
  };
}
