import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../../../infra/config";
import { configProblems } from "../../../support/config-problems";
import { exampleStackRaw } from "../../../support/example-stacks";

const raw = (edit: (raw: any, route: any) => void = () => {}) => {
  const r = exampleStackRaw("signin-dev");
  edit(r, r.routes[0]);
  return r;
};
const problems = (edit: (raw: any, route: any) => void) => configProblems(raw(edit));

describe("routes[].signIn", () => {
  it("stacks/Pulumi.signin-dev.yaml parses, with defaults filled in", () => {
    const cfg = parseStackConfig(raw((_, route) => delete route.signIn.scopes));
    expect(cfg.routes[0]!.signIn).toEqual({
      client: "orders-portal",
      postLogoutPath: "/",
      scopes: ["openid", "profile", "email"],
      sessionLifetimeMinutes: 480,
      sessionIdleMinutes: 30,
      acceptBearer: false,
    });
    expect(cfg.routes[1]!.signIn).toBeUndefined();
  });

  it("lets a web client bound to a sign-in route go without hand-typed redirect URIs, but not an unbound one", () => {
    expect(configProblems(raw())).toEqual([]);
    expect(problems((r) => r.identity.clients.push({ name: "other-portal", kind: "web", scopes: ["orders.read"] }))).toEqual([
      "identity.clients[2].redirectUris: a web client needs at least one redirect URI (or a route whose signIn.client names it)",
    ]);
  });

  it("refuses the OSS edition and names the key", () => {
    expect(problems((r) => (r.kong.edition = "oss"))).toEqual([
      'routes[0].signIn: browser sign-in needs Kong Enterprise (the openid-connect plugin); kong.edition is "oss": set kong.edition: enterprise or remove routes[0].signIn',
    ]);
  });

  it("needs a declared kind: web client that is granted the route's scopes", () => {
    expect(problems((_, route) => (route.signIn.client = "nobody"))).toEqual([
      // orders-portal is then bound to no route, so it needs redirect URIs of its own again.
      "identity.clients[1].redirectUris: a web client needs at least one redirect URI (or a route whose signIn.client names it)",
      'routes[0].signIn.client: client "nobody" is not declared in identity.clients; declare it there (kind: web) or fix the name',
    ]);
    expect(problems((_, route) => (route.signIn.client = "billing-service"))).toEqual([
      "identity.clients[1].redirectUris: a web client needs at least one redirect URI (or a route whose signIn.client names it)",
      'routes[0].signIn.client: client "billing-service" is kind "service"; browser sign-in needs a kind: web client (authorization code)',
    ]);
    expect(problems((r) => (r.identity.clients[1].scopes = ["orders.write"]))).toEqual([
      'routes[0].signIn.client: the route requires scope "orders.read", which web client "orders-portal" is not granted; add it to that client\'s scopes',
    ]);
  });

  it("refuses an anonymous route", () => {
    expect(problems((_, route) => ((route.anonymous = true), (route.scopes = [])))).toEqual([
      "routes[0].signIn: an anonymous route cannot sign users in; remove signIn or set anonymous: false",
    ]);
  });

  it("needs exactly one host, and one Kong serves", () => {
    // On both hosts the "/" route would also overlap the API host's routes, which another rule reports.
    expect(problems((_, route) => delete route.hosts)).toContain(
      "routes[0].hosts: a sign-in route serves exactly one host (its session cookie and redirect URI belong to it), got 2: set routes[0].hosts to one of api.signin-dev.example.com, app.signin-dev.example.com",
    );
    expect(problems((_, route) => (route.hosts = ["portal.example.com"]))).toEqual([
      'routes[0].hosts[0]: browser sign-in needs a host Kong serves over https, and "portal.example.com" is not in kong.hostnames; add it there or use one of api.signin-dev.example.com, app.signin-dev.example.com',
    ]);
  });

  it("keeps the callback and logout paths under the route's paths, and apart", () => {
    const p = problems((_, route) => {
      route.paths = ["/app"];
      route.signIn.callbackPath = "/callback";
      route.signIn.logoutPath = "/app/bye";
    });
    expect(p).toEqual([
      'routes[0].signIn.callbackPath: "/callback" is not under the route\'s paths (/app), so Kong would not route it to this sign-in; choose a path under them',
    ]);
    expect(problems((_, route) => ((route.signIn.callbackPath = "/x"), (route.signIn.logoutPath = "/x")))).toEqual([
      "routes[0].signIn.logoutPath: the logout path equals the callback path; give each its own path",
    ]);
  });

  it("needs GET and POST on a method-restricted route", () => {
    expect(problems((_, route) => (route.methods = ["GET"]))).toEqual([
      "routes[0].methods: a sign-in route needs POST (the IdP's callback is a GET, logout a POST); add them or remove methods",
    ]);
  });

  it("checks scopes and session times", () => {
    expect(problems((_, route) => (route.signIn.scopes = ["profile"]))).toEqual([
      'routes[0].signIn.scopes: expected the list to include "openid" (without it there is no OpenID Connect sign-in)',
    ]);
    expect(problems((_, route) => (route.signIn.scopes = ["openid", "phone"]))).toEqual([
      'routes[0].signIn.scopes[1]: expected one of "openid", "profile", "email", "offline_access", got "phone"',
    ]);
    expect(problems((_, route) => (route.signIn.sessionIdleMinutes = 600))).toEqual([
      "routes[0].signIn.sessionIdleMinutes: 600 minutes exceeds sessionLifetimeMinutes (480); lower it",
    ]);
    expect(problems((_, route) => (route.signIn.sessionLifetimeMinutes = 0))).toEqual([
      "routes[0].signIn.sessionLifetimeMinutes: expected a whole number from 5 to 43200 minutes, got 0",
    ]);
  });

  it("refuses sign-in during a cut-over (two providers)", () => {
    const p = problems((r) => r.identity.providers.push({ kind: "okta", orgName: "dev-123456" }));
    expect(p).toContain(
      "routes[0].signIn: browser sign-in uses one identity provider, but identity.providers lists two (a cut-over); finish the cut-over before adding sign-in routes",
    );
  });

  it("Okta: a sign-in client must name the groups Okta assigns to its app (else user_not_assigned for everyone)", () => {
    const okta = (r: any) => (r.identity.providers = [{ kind: "okta", orgName: "dev-123456" }]);
    // The service client gets scopes on Okta (client-credentials tokens carry no groups).
    const serviceScopes = (r: any) => (r.identity.clients[0] = { name: "billing-service", kind: "service", scopes: ["orders.read"] });
    expect(problems((r) => (okta(r), serviceScopes(r)))).toEqual([]);
    expect(problems((r) => (okta(r), serviceScopes(r), delete r.identity.clients[1].groups))).toEqual([
      'identity.clients[1].groups: web client "orders-portal" signs users in on Okta but names no groups, so Okta assigns nobody to the app and answers user_not_assigned; set its groups to the access groups whose members may sign in (one of orders-readers, orders-admins)',
    ]);
    // Entra and Cognito let every user of the directory sign in: no groups needed there.
    expect(problems((r) => delete r.identity.clients[1].groups)).toEqual([]);
  });

  it("refuses unknown keys and malformed overrides", () => {
    expect(problems((_, route) => (route.signIn.redirectUri = "https://x"))[0]).toMatch(/^routes\[0\]\.signIn: unknown key "redirectUri"; expected one of client, /);
    expect(problems((_, route) => (route.signIn.kongOverrides = { "Session-Secret": "x" }))[0]).toMatch(/^routes\[0\]\.signIn\.kongOverrides/);
  });
});
