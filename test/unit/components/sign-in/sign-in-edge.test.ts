import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type * as EdgeModule from "../../../../components/identity-edge";
import { parseStackConfig, type StackConfig } from "../../../../infra/config";
import { identityEdgeArgs } from "../../../../infra/wire";
import { exampleStackRaw } from "../../../support/example-stacks";
import { outputValue, startRecordingMocks } from "../../../support/pulumi-mocks";

// Mocks before the components are imported.
const { registrations, secretPaths, ready } = startRecordingMocks({ stack: "unit" });
let edges: typeof EdgeModule;
beforeAll(async () => {
  await ready;
  edges = await import("../../../../components/identity-edge");
});

const T = {
  entraApp: "azuread:index/application:Application",
  oktaApp: "okta:app/oAuth:OAuth",
  oktaRule: "okta:auth/serverPolicyRule:ServerPolicyRule",
  oktaAssignment: "okta:app/groupAssignment:GroupAssignment",
  entraSp: "azuread:index/servicePrincipal:ServicePrincipal",
  entraGrant: "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
  cognitoClient: "aws:cognito/userPoolClient:UserPoolClient",
  secret: "kubernetes:core/v1:Secret",
  release: "kubernetes:helm.sh/v3:Release",
  random: "random:index/randomPassword:RandomPassword",
};

const CALLBACK = "https://app.signin-dev.example.com/oidc/callback";
const POST_LOGOUT = "https://app.signin-dev.example.com/";

/** stacks/Pulumi.signin-dev.yaml, with its Entra provider swapped for another IdP kind where asked. */
function signInStack(provider?: Record<string, unknown>): StackConfig {
  const raw = exampleStackRaw("signin-dev");
  if (provider) raw.identity.providers = [provider];
  // Okta and Cognito client-credentials tokens carry scopes, not groups.
  if (provider) raw.identity.clients[0] = { name: "billing-service", kind: "service", scopes: ["orders.read"] };
  return parseStackConfig(raw);
}

let counter = 0;
async function edge(config: StackConfig) {
  const before = registrations.length;
  const e = new edges.IdentityEdge(`s${++counter}`, identityEdgeArgs(config, {}, new Date("2026-01-01T00:00:00Z")));
  const [kongYaml, clientIds] = await Promise.all([outputValue(e.gateway.kongYaml), outputValue(e.clientIds)]);
  await new Promise((r) => setTimeout(r, 50));
  const mine = registrations.slice(before);
  const doc = parse(kongYaml);
  const route = doc.services.flatMap((s: any) => s.routes).find((r: any) => r.name === "orders-app");
  const oidc = route?.plugins.find((p: any) => p.name === "openid-connect").config;
  const one = (type: string, suffix: string) => {
    const found = mine.filter((r) => r.type === type && r.name.endsWith(suffix));
    expect(found, `${type} *${suffix}`).toHaveLength(1);
    return found[0]!;
  };
  return { kongYaml, oidc, clientIds, mine, one };
}

describe("browser sign-in: one derived redirect URI at the IdP and in Kong", () => {
  it("Entra: the web app registers the callback and the post-logout URI; Kong uses the same values and the app's client id", async () => {
    const e = await edge(signInStack());
    const app = e.one(T.entraApp, "-orders-portal");
    expect(app.inputs["web"].redirectUris).toEqual([CALLBACK, POST_LOGOUT]);
    expect(e.oidc.redirect_uri).toEqual([CALLBACK]);
    expect(e.oidc.logout_redirect_uri).toEqual([POST_LOGOUT]);
    expect(e.oidc.client_id).toEqual([e.clientIds["entra"]!["orders-portal"]]);
    expect(e.oidc.client_id[0]).toBe(app.state["clientId"]);
    expect(e.oidc.scopes).toEqual(["openid", "profile", "email", "offline_access", expect.stringMatching(/^api:\/\/[0-9a-f-]{36}\/orders\.read$/), expect.stringMatching(/\/orders\.write$/)]);
  });

  it("Okta: redirectUris and postLogoutRedirectUris on the app; the access policy allows the sign-in scopes", async () => {
    const e = await edge(signInStack({ kind: "okta", orgName: "dev-123456" }));
    const app = e.one(T.oktaApp, "-orders-portal");
    expect(app.inputs["redirectUris"]).toEqual([CALLBACK]);
    expect(app.inputs["postLogoutRedirectUris"]).toEqual([POST_LOGOUT]);
    expect(e.one(T.oktaRule, "-orders-portal-rule").inputs["scopeWhitelists"]).toEqual(["openid", "offline_access", "profile", "email", "orders.read", "orders.write"]);
    expect(e.oidc.redirect_uri).toEqual([CALLBACK]);
    expect(e.oidc.client_id).toEqual([app.state["clientId"]]);
    expect(e.oidc.scopes).toEqual(["openid", "profile", "email", "offline_access", "orders.read", "orders.write"]);
  });

  it("Cognito: callbackUrls and logoutUrls on the app client; the OIDC scopes are allowed on it", async () => {
    const e = await edge(signInStack({ kind: "cognito", region: "eu-west-1", domainPrefix: "orders-signin-dev" }));
    const client = e.one(T.cognitoClient, "-orders-portal");
    expect(client.inputs["callbackUrls"]).toEqual([CALLBACK]);
    expect(client.inputs["logoutUrls"]).toEqual([POST_LOGOUT]);
    expect(client.inputs["allowedOauthScopes"]).toEqual(["openid", "profile", "email", "orders-api/orders.read", "orders-api/orders.write"]);
    expect(e.oidc.client_id).toEqual([client.id]);
    expect(e.oidc.scopes).toEqual(["openid", "profile", "email", "orders-api/orders.read", "orders-api/orders.write"]);
  });

  it("secrets reach Kong only by reference: a Kubernetes Secret (a Pulumi secret) read through env-vault variables", async () => {
    const e = await edge(signInStack());
    expect(e.oidc.client_secret).toEqual(["{vault://env/kis-client-secret-orders-portal}"]);
    expect(e.oidc.session_secret).toBe("{vault://env/kis-session-secret-orders-app}");
    const secret = e.one(T.secret, "-vault-secrets");
    expect(secret.inputs["metadata"]).toMatchObject({ name: "kong-vault-secrets", namespace: "kong" });
    expect(Object.keys(secret.inputs["stringData"]).sort()).toEqual(["kis-client-secret-orders-portal", "kis-session-secret-orders-app"]);
    expect(secretPaths.some((p) => p.startsWith(`${secret.name}.stringData`))).toBe(true);
    // The values in the Secret are the IdP's secret output and the random session secret, neither in kong.yml.
    const session = e.one(T.random, "-session-orders-app");
    expect(session.inputs).toMatchObject({ length: 64, special: false });
    for (const value of Object.values<string>(secret.inputs["stringData"])) {
      expect(value).toMatch(/^plan-only-secret-/);
      expect(e.kongYaml).not.toContain(value);
    }
    const values = e.one(T.release, "-release").inputs["values"];
    expect(values.customEnv).toEqual({
      KIS_CLIENT_SECRET_ORDERS_PORTAL: { valueFrom: { secretKeyRef: { name: "kong-vault-secrets", key: "kis-client-secret-orders-portal" } } },
      KIS_SESSION_SECRET_ORDERS_APP: { valueFrom: { secretKeyRef: { name: "kong-vault-secrets", key: "kis-session-secret-orders-app" } } },
    });
    // Only settings and file paths in env (Kong's proxy certificate is mounted as files); no secret value.
    expect(values.env).toEqual({ database: "off", ssl_cert: "/etc/secrets/kong-proxy-tls/tls.crt", ssl_cert_key: "/etc/secrets/kong-proxy-tls/tls.key" });
  });

  it("the API route keeps bearer-only validation without client or session settings", async () => {
    const e = await edge(signInStack());
    const api = parse(e.kongYaml).services.flatMap((s: any) => s.routes).find((r: any) => r.name === "orders-api");
    const config = api.plugins.find((p: any) => p.name === "openid-connect").config;
    expect(config.auth_methods).toEqual(["bearer"]);
    expect(Object.keys(config).filter((k) => /^(client_|redirect_|session_|logout_)/.test(k))).toEqual([]);
  });

  it("a stack without sign-in routes creates no sign-in secrets and no env variables", async () => {
    const raw = exampleStackRaw("dev");
    // Kong's proxy certificate from an existing Secret, as in signin-dev, so the stack itself creates no Secret.
    raw.kong.tls = { secretName: "kong-proxy-tls" };
    const e = await edge(parseStackConfig(raw));
    expect(e.mine.filter((r) => r.type === T.secret || r.type === T.random)).toEqual([]);
    expect(e.one(T.release, "-release").inputs["values"].customEnv).toBeUndefined();
  });
});

const PROVIDERS = {
  entra: undefined,
  okta: { kind: "okta", orgName: "dev-123456" },
  cognito: { kind: "cognito", region: "eu-west-1", domainPrefix: "orders-signin-dev" },
} as const;

describe("sign-in keeps the page and the session (issue 23): read from kong.yml per IdP", () => {
  it.each(Object.keys(PROVIDERS) as (keyof typeof PROVIDERS)[])(
    "%s: login_action redirect, no login tokens, refresh_tokens on; offline_access where the IdP needs it",
    async (kind) => {
      const e = await edge(signInStack(PROVIDERS[kind]));
      // kong.yml as Kong loads it, not the builder's object.
      expect(e.oidc.login_action).toBe("redirect");
      expect(e.oidc.login_tokens).toEqual([]);
      expect(e.oidc.refresh_tokens).toBe(true);
      expect(e.oidc.session_absolute_timeout).toBe(480 * 60);
      expect(e.oidc.scopes.includes("offline_access")).toBe(kind !== "cognito");
    },
  );

  it("Entra: the web app declares the Graph OIDC permissions it requests, and they are granted (admin consent)", async () => {
    const e = await edge(signInStack());
    const app = e.one(T.entraApp, "-orders-portal");
    const graph = app.inputs["requiredResourceAccesses"].find((r: any) => r.resourceAppId === "00000003-0000-0000-c000-000000000000");
    expect(graph.resourceAccesses).toEqual([
      { id: "37f7f235-527c-4136-accd-4a02d197296e", type: "Scope" },
      { id: "14dad69e-099b-42c9-810b-d002981feec1", type: "Scope" },
      { id: "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0", type: "Scope" },
      { id: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", type: "Scope" },
    ]);
    const graphSp = e.one(T.entraSp, "-microsoft-graph");
    expect(graphSp.inputs).toMatchObject({ clientId: "00000003-0000-0000-c000-000000000000", useExisting: true });
    const grant = e.one(T.entraGrant, "-orders-portal-graph-consent");
    expect(grant.inputs["claimValues"]).toEqual(e.oidc.scopes.filter((s: string) => !s.startsWith("api://")));
    expect(grant.inputs["resourceServicePrincipalObjectId"]).toBe(graphSp.state["objectId"]);
  });

  it("Okta: refresh_token allowed on the app and the policy rule, refresh tokens rotated, the client's groups assigned", async () => {
    const e = await edge(signInStack(PROVIDERS.okta));
    const app = e.one(T.oktaApp, "-orders-portal");
    expect(app.inputs["grantTypes"]).toContain("refresh_token");
    expect(app.inputs).toMatchObject({ refreshTokenRotation: "ROTATE" });
    expect(e.one(T.oktaRule, "-orders-portal-rule").inputs["grantTypeWhitelists"]).toEqual(["authorization_code", "refresh_token"]);
    expect(e.mine.filter((r) => r.type === T.oktaAssignment && r.name.includes("-orders-portal-group-")).map((r) => r.name.replace(/^.*-group-/, ""))).toEqual([
      "orders-readers",
      "orders-admins",
    ]);
  });

  it("Cognito: the code flow on the app client, which issues refresh tokens valid at least as long as the session", async () => {
    const e = await edge(signInStack(PROVIDERS.cognito));
    const client = e.one(T.cognitoClient, "-orders-portal");
    expect(client.inputs["allowedOauthFlows"]).toEqual(["code"]);
    const units = client.inputs["tokenValidityUnits"]?.refreshToken ?? "days";
    const minutes = client.inputs["refreshTokenValidity"] * ({ minutes: 1, hours: 60, days: 1440 } as Record<string, number>)[units]!;
    expect(minutes).toBeGreaterThanOrEqual(480);
  });
});
