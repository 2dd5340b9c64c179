import type { EdgeSpec } from "../identity-edge/args";
import type { RouteSpec } from "../kong/args";
import { defaultSignInPath } from "../shared/routing";

/**
 * One browser sign-in route, with every URI derived ONCE from the route's host and paths. The same values go
 * to the IdP client registration (redirect and post-logout URIs) and to Kong's openid-connect plugin
 * (`redirect_uri`, `logout_redirect_uri`): a login loop from two hand-typed URIs that differ cannot happen.
 */
export interface BrowserSignIn {
  readonly route: string;
  /** The `kind: web` client of identity.clients the browser signs in with. */
  readonly client: string;
  readonly host: string;
  /** `https://<host><callbackPath>`: Kong's redirect_uri and the IdP's registered redirect URI. */
  readonly redirectUri: string;
  readonly callbackPath: string;
  /** Request path (suffix) that ends the session. */
  readonly logoutPath: string;
  /** `https://<host><postLogoutPath>`: where the browser lands after logout; registered at the IdP. */
  readonly postLogoutRedirectUri: string;
  /** OIDC scopes (openid, profile, ...) requested besides the API scopes. */
  readonly oidcScopes: readonly string[];
  /** The client's API scopes (names without the IdP prefix), requested so the access token is for this API. */
  readonly apiScopes: readonly string[];
  readonly sessionLifetimeSeconds: number;
  readonly sessionIdleSeconds: number;
  readonly acceptBearer: boolean;
  /** routes[].signIn.kongOverrides: raw openid-connect fields applied last (checked by the policy pack). */
  readonly kongOverrides: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

type SignInStack = Pick<EdgeSpec, "identity" | "kong" | "routes">;

/**
 * The OIDC scopes a sign-in requests: the configured ones, plus `offline_access` where the IdP issues a refresh
 * token only for it (Entra, Okta). Without a refresh token Kong ends the session with a 401 when the first access
 * token expires (its handler: "access token cannot be refreshed in absence of refresh token"), long before
 * sessionLifetimeMinutes. Cognito issues one with every code exchange and refuses the scope. Pure.
 */
export function signInOidcScopes(configured: readonly string[], providerKind: string | undefined): string[] {
  const needsOfflineAccess = providerKind === "entra" || providerKind === "okta";
  return needsOfflineAccess && !configured.includes("offline_access") ? [...configured, "offline_access"] : [...configured];
}

/** The browser sign-in of one route, or undefined when the route has none. Pure. */
export function browserSignIn(route: Pick<RouteSpec, "name" | "hosts" | "paths" | "signIn">, stack: SignInStack): BrowserSignIn | undefined {
  const signIn = route.signIn;
  if (!signIn) return undefined;
  // The schema's cross-checks guarantee exactly one host for a sign-in route.
  const host = (route.hosts ?? stack.kong.hostnames)[0]!;
  const first = route.paths[0]!;
  const callbackPath = signIn.callbackPath ?? defaultSignInPath(first, "callback");
  const client = stack.identity.clients.find((c) => c.name === signIn.client);
  return {
    route: route.name,
    client: signIn.client,
    host,
    redirectUri: `https://${host}${callbackPath}`,
    callbackPath,
    logoutPath: signIn.logoutPath ?? defaultSignInPath(first, "logout"),
    postLogoutRedirectUri: `https://${host}${signIn.postLogoutPath}`,
    // Sign-in routes exist only with one provider (the schema refuses them during a cut-over).
    oidcScopes: signInOidcScopes(signIn.scopes, stack.identity.providers[0]?.kind),
    apiScopes: [...(client?.scopes ?? [])],
    sessionLifetimeSeconds: signIn.sessionLifetimeMinutes * 60,
    sessionIdleSeconds: signIn.sessionIdleMinutes * 60,
    acceptBearer: signIn.acceptBearer,
    kongOverrides: { ...(signIn.kongOverrides ?? {}) },
  };
}

/** Every browser sign-in of the stack, in route order. */
export function browserSignIns(stack: SignInStack): BrowserSignIn[] {
  return stack.routes.flatMap((r) => browserSignIn(r, stack) ?? []);
}
