import { z } from "zod";
import { defaultSignInPath } from "../../components/shared/routing";
import { expected, intInRange, list, oneOf, show, slug, strictObject } from "./primitives";

/**
 * `routes[].signIn`: browser sign-in at the gateway (authorization code flow with PKCE and a Kong session,
 * Enterprise openid-connect). The redirect URI is never typed: it is derived once from the route's host and
 * `callbackPath` (see components/sign-in/) and goes both to the IdP client registration and to Kong.
 */

/** A URL path under the route ("/app/callback"); Kong must route it to the same plugin instance. */
const signInPath = (what: string) =>
  z
    .string({ error: expected(`${what} starting with "/"`) })
    .regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, { error: expected(`${what} starting with "/"`) });

/**
 * OIDC scopes the sign-in asks for besides the API scopes. Only those all three IdPs grant a web client:
 * Cognito refuses anything else on a client that was not allowed it.
 */
export const SIGN_IN_OIDC_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

export const DEFAULT_SESSION_LIFETIME_MINUTES = 480;
export const DEFAULT_SESSION_IDLE_MINUTES = 30;

export const signInSchema = strictObject({
  client: slug("a web client name from identity.clients").describe(
    "The `kind: web` client of identity.clients the browser signs in with. Kong uses its client id and (by reference) its secret; the derived redirect URI is added to its registration at the IdP.",
  ),
  callbackPath: signInPath("a callback path")
    .optional()
    .describe(
      "Path on the route's host the IdP redirects back to with the authorization code. Default: `<first route path>/oidc/callback`. It must lie under one of the route's paths so Kong routes it to this route.",
    ),
  logoutPath: signInPath("a logout path")
    .optional()
    .describe(
      "Path that ends the Kong session (POST or DELETE) and then the IdP session where the IdP publishes an end-session endpoint. Default: `<first route path>/oidc/logout`; must lie under one of the route's paths.",
    ),
  postLogoutPath: signInPath("a post-logout path")
    .default("/")
    .describe(
      "Path on the route's host the browser lands on after logout; registered at the IdP as the post-logout redirect URI. Default `/`.",
    ),
  scopes: list(oneOf(SIGN_IN_OIDC_SCOPES), "OIDC scopes")
    .default(["openid", "profile", "email"])
    .describe(
      "OpenID Connect scopes requested at sign-in, besides the client's API scopes (which are always requested so the access token is issued for this API). Must include openid. Default: openid, profile, email.",
    ),
  sessionLifetimeMinutes: intInRange(5, 43_200, " minutes")
    .default(DEFAULT_SESSION_LIFETIME_MINUTES)
    .describe(
      "Absolute lifetime of the Kong session cookie: after it the browser signs in again, whatever its activity. Default 480 (8 hours); the policy pack's session-lifetime rule caps it per environment.",
    ),
  sessionIdleMinutes: intInRange(1, 1_440, " minutes")
    .default(DEFAULT_SESSION_IDLE_MINUTES)
    .describe(
      "The session ends after this long without a request. Default 30; must not exceed sessionLifetimeMinutes.",
    ),
  acceptBearer: z
    .boolean({ error: expected("true or false") })
    .default(false)
    .describe(
      "Also accept bearer tokens on this route (for API clients calling the same paths). Default false: the route serves browsers only.",
    ),
  kongOverrides: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_]*$/, { error: expected("an openid-connect config field such as session_storage") }),
      z.union([z.string(), z.number(), z.boolean(), z.array(z.string())], { error: expected("a string, number, boolean or list of strings") }),
      { error: expected("a map of openid-connect config fields to values") },
    )
    .optional()
    .describe(
      "Escape hatch: openid-connect config fields set as given on this route's plugin, after the stack's own (e.g. session_remember, preserve_query_args). The policy pack checks the result: an override that breaks a sign-in rule (redirect URI, cookie flags, literal secrets, lifetimes) is refused. Default: none.",
    ),
});

export type SignInConfig = z.output<typeof signInSchema>;

/** What the sign-in cross-checks read of the parsed stack config (kept structural so this file stays standalone). */
export interface SignInReferenceInput {
  readonly identity: {
    readonly providers: readonly { readonly kind: string }[];
    readonly accessGroups?: readonly { readonly name: string }[];
    readonly clients: readonly { readonly name: string; readonly kind: string; readonly scopes: readonly string[]; readonly groups: readonly string[] }[];
  };
  readonly kong: { readonly edition: string; readonly hostnames: readonly string[] };
  readonly routes: readonly {
    readonly name: string;
    readonly hosts?: readonly string[] | undefined;
    readonly paths: readonly string[];
    readonly methods?: readonly string[] | undefined;
    readonly scopes: readonly string[];
    readonly anonymous: boolean;
    readonly signIn?: SignInConfig | undefined;
  }[];
}

/** Whether `path` is matched by Kong's prefix path `prefix` (plain paths, no regex). */
export const underPath = (path: string, prefix: string): boolean => path.startsWith(prefix);


/** Cross-checks of `routes[].signIn` with the edition, the clients, the hosts Kong serves and the route itself. */
export function signInCrossReferences(c: SignInReferenceInput, fail: (path: (string | number)[], message: string) => void): void {
  c.routes.forEach((route, r) => {
    const signIn = route.signIn;
    if (!signIn) return;
    const at = (...rest: (string | number)[]) => ["routes", r, "signIn", ...rest];
    if (c.kong.edition !== "enterprise") {
      fail(
        at(),
        `browser sign-in needs Kong Enterprise (the openid-connect plugin); kong.edition is ${show(c.kong.edition)}: set kong.edition: enterprise or remove routes[${r}].signIn`,
      );
    }
    if (route.anonymous) {
      fail(at(), "an anonymous route cannot sign users in; remove signIn or set anonymous: false");
    }
    if (c.identity.providers.length > 1) {
      fail(
        at(),
        "browser sign-in uses one identity provider, but identity.providers lists two (a cut-over); finish the cut-over before adding sign-in routes",
      );
    }
    const client = c.identity.clients.find((cl) => cl.name === signIn.client);
    if (!client) {
      fail(at("client"), `client ${show(signIn.client)} is not declared in identity.clients; declare it there (kind: web) or fix the name`);
    } else if (client.kind !== "web") {
      fail(at("client"), `client ${show(signIn.client)} is kind ${show(client.kind)}; browser sign-in needs a kind: web client (authorization code)`);
    } else {
      if (client.scopes.length === 0) {
        fail(
          at("client"),
          `web client ${show(client.name)} is granted no scopes, so the IdP would issue its access token for no API of this stack; grant it the route's scopes in identity.clients`,
        );
      }
      // Okta lets only users assigned to the app sign in (others get user_not_assigned at the callback); the stack
      // assigns the client's groups, so a sign-in client without groups would let nobody in.
      if (c.identity.providers.some((p) => p.kind === "okta") && client.groups.length === 0) {
        fail(
          ["identity", "clients", c.identity.clients.indexOf(client), "groups"],
          `web client ${show(client.name)} signs users in on Okta but names no groups, so Okta assigns nobody to the app and answers user_not_assigned; set its groups to the access groups whose members may sign in (one of ${(c.identity.accessGroups ?? []).map((g) => g.name).join(", ") || "identity.accessGroups"})`,
        );
      }
      route.scopes
        .filter((s) => !client.scopes.includes(s))
        .forEach((s) =>
          fail(at("client"), `the route requires scope ${show(s)}, which web client ${show(client.name)} is not granted; add it to that client's scopes`),
        );
    }
    // One host: the session cookie and the redirect URI belong to one host name.
    const hosts = route.hosts ?? c.kong.hostnames;
    if (hosts.length !== 1) {
      fail(
        ["routes", r, "hosts"],
        `a sign-in route serves exactly one host (its session cookie and redirect URI belong to it), got ${hosts.length}: set routes[${r}].hosts to one of ${c.kong.hostnames.join(", ")}`,
      );
    } else if (!c.kong.hostnames.includes(hosts[0]!)) {
      fail(
        ["routes", r, "hosts", 0],
        `browser sign-in needs a host Kong serves over https, and ${show(hosts[0])} is not in kong.hostnames; add it there or use one of ${c.kong.hostnames.join(", ")}`,
      );
    }
    if (!signIn.scopes.includes("openid")) fail(at("scopes"), 'expected the list to include "openid" (without it there is no OpenID Connect sign-in)');
    if (c.identity.providers.some((p) => p.kind === "cognito") && signIn.scopes.includes("offline_access")) {
      fail(at("scopes"), 'Cognito does not know "offline_access" (it issues refresh tokens to code-flow clients anyway); remove it');
    }
    if (signIn.sessionIdleMinutes > signIn.sessionLifetimeMinutes) {
      fail(at("sessionIdleMinutes"), `${signIn.sessionIdleMinutes} minutes exceeds sessionLifetimeMinutes (${signIn.sessionLifetimeMinutes}); lower it`);
    }
    const first = route.paths[0]!;
    const callback = signIn.callbackPath ?? defaultSignInPath(first, "callback");
    const logout = signIn.logoutPath ?? defaultSignInPath(first, "logout");
    for (const [key, path] of [["callbackPath", callback], ["logoutPath", logout]] as const) {
      if (!route.paths.some((p) => underPath(path, p))) {
        fail(at(key), `${show(path)} is not under the route's paths (${route.paths.join(", ")}), so Kong would not route it to this sign-in; choose a path under them`);
      }
    }
    if (callback === logout) fail(at("logoutPath"), "the logout path equals the callback path; give each its own path");
    // The callback is a GET (response_mode query) and logout a POST: a method-restricted route must allow both.
    const missing = route.methods ? ["GET", "POST"].filter((m) => !route.methods!.includes(m)) : [];
    if (missing.length > 0) {
      fail(["routes", r, "methods"], `a sign-in route needs ${missing.join(" and ")} (the IdP's callback is a GET, logout a POST); add them or remove methods`);
    }
  });
}
