import { describe, expect, it } from "vitest";
import { browserSignIns, signInOidcScopes, signInRegistrations, withSignInRedirects } from "../../../../components/sign-in";
import {
  browserSignInConfig,
  kongBrowserSignIns,
  clientSecretId,
  kongSecretEnv,
  kongSecretRefs,
  requestedApiScopes,
  sessionSecretId,
  vaultEnvironmentVariable,
  vaultReference,
} from "../../../../components/kong";
import { parseStackConfig } from "../../../../infra/config";
import { exampleStackRaw } from "../../../support/example-stacks";
import { cognitoContract, entraContract, oktaContract } from "../kong/fixtures";

const config = (edit: (raw: any) => void = () => {}) => {
  const raw = exampleStackRaw("signin-dev");
  edit(raw);
  return parseStackConfig(raw);
};

describe("browser sign-in derivation", () => {
  it("derives every URI once from the route's host and paths", () => {
    expect(browserSignIns(config())).toEqual([
      {
        route: "orders-app",
        client: "orders-portal",
        host: "app.signin-dev.example.com",
        redirectUri: "https://app.signin-dev.example.com/oidc/callback",
        callbackPath: "/oidc/callback",
        logoutPath: "/oidc/logout",
        postLogoutRedirectUri: "https://app.signin-dev.example.com/",
        // Entra (the example's IdP) issues a refresh token only for offline_access: added to the configured scopes.
        oidcScopes: ["openid", "profile", "email", "offline_access"],
        apiScopes: ["orders.read", "orders.write"],
        sessionLifetimeSeconds: 28_800,
        sessionIdleSeconds: 1800,
        acceptBearer: false,
        kongOverrides: {},
      },
    ]);
  });

  it("requests offline_access on Entra and Okta (refresh tokens only for it), never on Cognito, and never twice", () => {
    expect(signInOidcScopes(["openid"], "entra")).toEqual(["openid", "offline_access"]);
    expect(signInOidcScopes(["openid", "offline_access", "email"], "okta")).toEqual(["openid", "offline_access", "email"]);
    expect(signInOidcScopes(["openid", "email"], "cognito")).toEqual(["openid", "email"]);
  });

  it("puts the defaults under the route's first path and honours explicit paths", () => {
    const [s] = browserSignIns(
      config((raw) => {
        raw.routes[0].paths = ["/portal/"];
        raw.routes[0].signIn.logoutPath = "/portal/sign-out";
        raw.routes[0].signIn.postLogoutPath = "/bye";
      }),
    );
    expect(s).toMatchObject({ callbackPath: "/portal/oidc/callback", logoutPath: "/portal/sign-out", postLogoutRedirectUri: "https://app.signin-dev.example.com/bye" });
  });

  it("groups registrations per client and keeps hand-typed redirect URIs first, without duplicates", () => {
    const cfg = config((raw) => {
      raw.kong.hostnames.push("admin.signin-dev.example.com");
      raw.routes.push({ ...structuredClone(raw.routes[0]), name: "orders-admin", hosts: ["admin.signin-dev.example.com"] });
    });
    const regs = signInRegistrations(browserSignIns(cfg));
    expect(regs).toEqual({
      "orders-portal": {
        redirectUris: ["https://app.signin-dev.example.com/oidc/callback", "https://admin.signin-dev.example.com/oidc/callback"],
        postLogoutRedirectUris: ["https://app.signin-dev.example.com/", "https://admin.signin-dev.example.com/"],
        oidcScopes: ["openid", "profile", "email", "offline_access"],
      },
    });
    expect(withSignInRedirects(["https://portal.example.com/cb", "https://app.signin-dev.example.com/oidc/callback"], regs["orders-portal"])).toEqual([
      "https://portal.example.com/cb",
      "https://app.signin-dev.example.com/oidc/callback",
      "https://admin.signin-dev.example.com/oidc/callback",
    ]);
  });
});

describe("Kong's side of the sign-in", () => {
  const [signIn] = Object.values(kongBrowserSignIns(browserSignIns(config()), { "orders-portal": "portal-client-id" }));

  it("asks each IdP for the API scopes the way it names them", () => {
    expect(requestedApiScopes(entraContract(), ["orders.read"])).toEqual([`${entraContract().details["identifierUri"]}/orders.read`]);
    expect(requestedApiScopes(oktaContract(), ["orders.read"])).toEqual(["orders.read"]);
    expect(requestedApiScopes(cognitoContract, ["orders.read"])).toEqual([`${cognitoContract.scopes.valuePrefix}orders.read`]);
  });

  it("code flow with PKCE, cookies Secure/HttpOnly/Lax with per-route names, logout, secrets by reference", () => {
    const { authMethods, config: c } = browserSignInConfig(oktaContract(), signIn!);
    expect(authMethods).toEqual(["authorization_code", "session"]);
    expect(c).toMatchObject({
      client_id: ["portal-client-id"],
      client_secret: ["{vault://env/kis-client-secret-orders-portal}"],
      session_secret: "{vault://env/kis-session-secret-orders-app}",
      redirect_uri: ["https://app.signin-dev.example.com/oidc/callback"],
      require_proof_key_for_code_exchange: true,
      response_mode: "query",
      session_cookie_name: "kis-session-orders-app",
      authorization_cookie_name: "kis-authorization-orders-app",
      session_cookie_secure: true,
      session_cookie_same_site: "Lax",
      session_absolute_timeout: 28_800,
      session_idling_timeout: 1800,
      session_rolling_timeout: 3600,
      logout_uri_suffix: "/oidc/logout",
      logout_methods: ["POST", "DELETE"],
      logout_redirect_uri: ["https://app.signin-dev.example.com/"],
    });
    expect(browserSignInConfig(oktaContract(), { ...signIn!, acceptBearer: true }).authMethods).toEqual(["authorization_code", "session", "bearer"]);
    expect(browserSignInConfig(oktaContract(), { ...signIn!, sessionLifetimeSeconds: 600 }).config.session_rolling_timeout).toBe(600);
  });

  it("fails clearly when the IdP output lacks the client", () => {
    expect(() => kongBrowserSignIns(browserSignIns(config()), {})).toThrow("route orders-app: the IdP registration has no client orders-portal");
  });
});

describe("env-vault ids of the sign-in secrets", () => {
  it("name variables Kong's env vault reads (dashes to underscores, upper case)", () => {
    expect(vaultReference(clientSecretId("orders-portal"))).toBe("{vault://env/kis-client-secret-orders-portal}");
    expect(vaultEnvironmentVariable(clientSecretId("orders-portal"))).toBe("KIS_CLIENT_SECRET_ORDERS_PORTAL");
    expect(vaultEnvironmentVariable(sessionSecretId("orders-app"))).toBe("KIS_SESSION_SECRET_ORDERS_APP");
  });

  it("become chart customEnv entries read from the vault Secret", () => {
    const refs = kongSecretRefs([clientSecretId("orders-portal"), sessionSecretId("orders-app")]);
    expect(kongSecretEnv(refs)).toEqual({
      customEnv: {
        KIS_CLIENT_SECRET_ORDERS_PORTAL: { valueFrom: { secretKeyRef: { name: "kong-vault-secrets", key: "kis-client-secret-orders-portal" } } },
        KIS_SESSION_SECRET_ORDERS_APP: { valueFrom: { secretKeyRef: { name: "kong-vault-secrets", key: "kis-session-secret-orders-app" } } },
      },
    });
  });
});
