import { describe, expect, it } from "vitest";
import {
  clientSecretByReference,
  leastPrivilegeGrants,
  redirectUriConsistency,
  sessionCookieSecure,
  sessionLifetime,
  signInReturnAndRefresh,
} from "../../../../policy-packs/identity/policies";
import { expectViolations, runAll } from "./fixtures";
import { PORTAL_CLIENT_ID, portalApp, signInConfigMap, signInPlugin, signInRegistration, signInStack } from "./sign-in-fixtures";

const withPlugin = (edit: (config: any) => void) => signInConfigMap((doc) => edit(signInPlugin(doc)));
const stackWith = (...replacements: ReturnType<typeof signInConfigMap>[]) =>
  signInStack().map((r) => replacements.find((x) => x.type === r.type && x.name === r.name) ?? r);

describe("redirect-uri-consistency", () => {
  it("passes the stack's own sign-in: Kong's redirect and post-logout URIs are the ones registered", async () => {
    expect(await runAll(redirectUriConsistency, signInStack())).toEqual([]);
  });

  it("reports a Kong redirect_uri the client does not register", async () => {
    const cm = withPlugin((c) => (c.redirect_uri = ["https://app.signin-dev.example.com/login/callback"]));
    const messages = (await runAll(redirectUriConsistency, stackWith(cm))).map((v) => v.message);
    expect(messages.find((m) => m.includes('redirect_uri "https://app.signin-dev.example.com/login/callback" is not registered on client "orders-portal"'))).toMatch(
      /^kubernetes:ConfigMap "kong-config": route orders-app: .*\. Fix: /,
    );
  });

  it("reports a logout_redirect_uri that is not registered as post-logout URI", async () => {
    const app = portalApp((p) => (p.web.redirectUris = ["https://app.signin-dev.example.com/oidc/callback"]));
    const [m] = expectViolations(await runAll(redirectUriConsistency, stackWith(app)), "kong-config");
    expect(m).toContain('logout_redirect_uri "https://app.signin-dev.example.com/" is not registered as a post-logout URI');
  });

  it("reports a URI registered on a Kong host that no sign-in route serves", async () => {
    const app = portalApp((p) => p.web.redirectUris.push("https://app.signin-dev.example.com/auth/callback"));
    const [m] = expectViolations(await runAll(redirectUriConsistency, stackWith(app)), "entra-orders-portal");
    expect(m).toContain('registers "https://app.signin-dev.example.com/auth/callback" on a host Kong serves, but no Kong sign-in route uses it');
  });

  it("leaves URIs on hosts Kong does not serve alone (a portal of its own, localhost)", async () => {
    const app = portalApp((p) => p.web.redirectUris.push("https://portal.example.com/auth/callback", "http://localhost:3000/cb"));
    expect(await runAll(redirectUriConsistency, stackWith(app))).toEqual([]);
  });

  it("reports a client_id that no registration of the stack owns", async () => {
    const cm = withPlugin((c) => (c.client_id = ["00000000-0000-0000-0000-00000000dead"]));
    const messages = (await runAll(redirectUriConsistency, stackWith(cm))).map((v) => v.message);
    expect(messages.some((m) => m.includes('client_id "00000000-0000-0000-0000-00000000dead" is no client of this stack'))).toBe(true);
  });

  it("reports a sign-in config without redirect_uri (Kong would use the request URL)", async () => {
    const cm = withPlugin((c) => delete c.redirect_uri);
    const messages = (await runAll(redirectUriConsistency, stackWith(cm))).map((v) => v.message);
    expect(messages.some((m) => m.includes("without a redirect_uri and client_id"))).toBe(true);
  });

  it("attributes clients by the registration's clientIds output", async () => {
    const stack = [signInRegistration({ "orders-portal": "another-id" }), portalApp(), signInConfigMap()];
    const messages = (await runAll(redirectUriConsistency, stack)).map((v) => v.message);
    expect(messages.some((m) => m.includes(`client_id "${PORTAL_CLIENT_ID}" is no client`))).toBe(true);
  });
});

describe("session-cookie-secure", () => {
  it("passes the generated sign-in route (Secure, HttpOnly, SameSite=Lax on both cookies)", async () => {
    expect(await runAll(sessionCookieSecure, [signInConfigMap()])).toEqual([]);
  });

  it("reports a session cookie without Secure", async () => {
    const [m] = expectViolations(await runAll(sessionCookieSecure, [withPlugin((c) => (c.session_cookie_secure = false))]), "kong-config");
    expect(m).toContain("session_cookie_secure is not true");
  });

  it("reports Secure left unset on the authorization cookie (Kong sets no default)", async () => {
    const [m] = expectViolations(await runAll(sessionCookieSecure, [withPlugin((c) => delete c.authorization_cookie_secure)]), "kong-config");
    expect(m).toContain("authorization_cookie_secure is not true");
  });

  it("reports a script-readable cookie", async () => {
    const [m] = expectViolations(await runAll(sessionCookieSecure, [withPlugin((c) => (c.session_cookie_http_only = false))]), "kong-config");
    expect(m).toContain("session_cookie_http_only is false");
  });

  it("reports SameSite=None, and the authorization cookie's Kong default", async () => {
    const [m] = expectViolations(await runAll(sessionCookieSecure, [withPlugin((c) => (c.session_cookie_same_site = "None"))]), "kong-config");
    expect(m).toContain('session_cookie_same_site is "None"');
    const [d] = expectViolations(await runAll(sessionCookieSecure, [withPlugin((c) => delete c.authorization_cookie_same_site)]), "kong-config");
    expect(d).toContain('authorization_cookie_same_site is "Default"');
  });

  it("ignores bearer-only routes", async () => {
    const cm = signInConfigMap((doc) => {
      for (const s of doc.services) for (const r of s.routes) r.plugins = r.plugins.filter((p: any) => p.name !== "openid-connect" || r.name !== "orders-app");
    });
    expect(await runAll(sessionCookieSecure, [cm])).toEqual([]);
  });
});

describe("session-lifetime", () => {
  it("passes 480 minutes with 30 idle under the defaults and under production's limits", async () => {
    expect(await runAll(sessionLifetime, [signInConfigMap()])).toEqual([]);
    expect(await runAll(sessionLifetime, [signInConfigMap()], { maxMinutes: 480, maxIdleMinutes: 30 })).toEqual([]);
  });

  it("reports a lifetime over the environment's maximum", async () => {
    const [m] = expectViolations(await runAll(sessionLifetime, [signInConfigMap()], { maxMinutes: 240 }), "kong-config");
    expect(m).toContain("sessions last 480 minutes, more than the 240 allowed");
  });

  it("reports an idle timeout over the maximum", async () => {
    const [m] = expectViolations(await runAll(sessionLifetime, [withPlugin((c) => (c.session_idling_timeout = 7200))]), "kong-config");
    expect(m).toContain("sessions survive 120 idle minutes, more than the 60 allowed");
  });

  it("reports checks turned off (0), and Kong's 24-hour default when unset", async () => {
    const off = await runAll(sessionLifetime, [withPlugin((c) => ((c.session_absolute_timeout = 0), (c.session_idling_timeout = 0)))]);
    expect(expectViolations(off, "kong-config", 2).join("\n")).toMatch(/session_absolute_timeout is 0[\s\S]*session_idling_timeout is 0/);
    const [d] = expectViolations(await runAll(sessionLifetime, [withPlugin((c) => delete c.session_absolute_timeout)]), "kong-config");
    expect(d).toContain("sessions last 1440 minutes");
  });
});

describe("client-secret-by-reference", () => {
  it("passes vault references for the client secret and the session secret", async () => {
    expect(await runAll(clientSecretByReference, [signInConfigMap()])).toEqual([]);
  });

  it("reports a literal client secret without quoting it", async () => {
    const [m] = expectViolations(await runAll(clientSecretByReference, [withPlugin((c) => (c.client_secret = ["hunter2-literal"]))]), "kong-config");
    expect(m).toContain("client_secret is a literal value in kong.yml");
    expect(m).not.toContain("hunter2");
  });

  it("reports a literal session secret", async () => {
    const [m] = expectViolations(await runAll(clientSecretByReference, [withPlugin((c) => (c.session_secret = "abc123abc123"))]), "kong-config");
    expect(m).toContain("session_secret is a literal value");
  });
});

describe("least-privilege-grants on sign-in routes", () => {
  it("allows authorization_code and session on a route set up for sign-in", async () => {
    expect(await runAll(leastPrivilegeGrants, [signInConfigMap()])).toEqual([]);
  });

  it("still refuses them on a route without redirect URI, client and PKCE", async () => {
    const cm = withPlugin((c) => delete c.require_proof_key_for_code_exchange);
    const [m] = expectViolations(await runAll(leastPrivilegeGrants, [cm]), "kong-config");
    expect(m).toContain('auth_methods includes "authorization_code", "session" besides bearer');
  });
});

describe("sign-in-return-and-refresh", () => {
  it("passes the stack's own sign-in (redirect back, no tokens in the URL, refresh tokens with offline_access)", async () => {
    expect(await runAll(signInReturnAndRefresh, signInStack())).toEqual([]);
  });

  it.each([
    ["login_action upstream", (c: any) => (c.login_action = "upstream"), 'login_action is "upstream"'],
    ["login_action unset (Kong's default upstream)", (c: any) => delete c.login_action, 'login_action is "upstream"'],
    ["login_tokens unset (Kong's default id_token)", (c: any) => delete c.login_tokens, 'login_tokens ["id_token"] puts tokens into the URL'],
    ["login_tokens with the access token", (c: any) => (c.login_tokens = ["access_token"]), 'login_tokens ["access_token"]'],
    ["refresh_tokens off", (c: any) => (c.refresh_tokens = false), "refresh_tokens is false"],
    ["no offline_access on Entra", (c: any) => (c.scopes = c.scopes.filter((x: string) => x !== "offline_access")), "scopes lack offline_access"],
  ])("reports %s", async (_, edit, expected) => {
    const [m] = expectViolations(await runAll(signInReturnAndRefresh, stackWith(withPlugin(edit))), "kong-config");
    expect(m).toContain(`routes orders-app: openid-connect ${expected}`);
  });

  it("does not ask a Cognito issuer for offline_access (Cognito refuses it and refreshes anyway)", async () => {
    const cm = withPlugin((c) => {
      c.issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/openid-configuration";
      c.scopes = c.scopes.filter((x: string) => x !== "offline_access");
    });
    expect(await runAll(signInReturnAndRefresh, stackWith(cm))).toEqual([]);
  });
});
