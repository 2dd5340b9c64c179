import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type * as EdgeModule from "../../../../components/identity-edge";
import { parseStackConfig, type StackConfig } from "../../../../infra/config";
import { identityEdgeArgs } from "../../../../infra/wire";
import { exampleStackRaw } from "../../../support/example-stacks";
import { outputValue, startRecordingMocks } from "../../../support/pulumi-mocks";

// ---------------------------------------------------------------- mocks (before the components are imported)
/** Per type token: outputs the mock returns instead of the filler's (what a real deployment would differ in). */
const overrides = new Map<string, Record<string, unknown>>();

const { registrations, ready: mocksReady } = startRecordingMocks({ stack: "unit", override: (type) => overrides.get(type) });

let edges: typeof EdgeModule;
beforeAll(async () => {
  await mocksReady;
  edges = await import("../../../../components/identity-edge");
});

const T = {
  server: "okta:auth/server:Server",
  claim: "okta:auth/serverClaim:ServerClaim",
  scope: "okta:auth/serverScope:ServerScope",
  policy: "okta:auth/serverPolicy:ServerPolicy",
  rule: "okta:auth/serverPolicyRule:ServerPolicyRule",
  app: "okta:app/oAuth:OAuth",
  group: "okta:group/group:Group",
  assignment: "okta:app/groupAssignment:GroupAssignment",
  pool: "aws:cognito/userPool:UserPool",
  domain: "aws:cognito/userPoolDomain:UserPoolDomain",
  resourceServer: "aws:cognito/resourceServer:ResourceServer",
  client: "aws:cognito/userPoolClient:UserPoolClient",
  userGroup: "aws:cognito/userGroup:UserGroup",
};

function stack(file: string, edit: (raw: Record<string, any>) => void = () => {}): StackConfig {
  const raw = exampleStackRaw(file);
  edit(raw);
  return parseStackConfig(raw);
}

let counter = 0;
/** Builds the whole edge (IdP registration + Kong) under a fresh name; returns kong.yml and this run's registrations. */
async function edge(config: StackConfig) {
  const before = registrations.length;
  const e = new edges.IdentityEdge(`e${++counter}`, identityEdgeArgs(config, { kongTlsPrivateKey: "test-private-key" }, new Date("2026-01-01T00:00:00Z")));
  const [kongYaml, contracts, clientIds, clientSecrets] = await Promise.all([
    outputValue(e.gateway.kongYaml),
    outputValue(e.contracts),
    outputValue(e.clientIds),
    outputValue(e.clientSecrets),
  ]);
  await new Promise((r) => setTimeout(r, 20));
  const mine = registrations.slice(before);
  return {
    kongYaml,
    contracts,
    clientIds,
    clientSecrets,
    secretFlag: await pulumi.isSecret(e.clientSecrets),
    of: (type: string) => mine.filter((r) => r.type === type),
    one: (type: string, suffix: string) => {
      const found = mine.filter((r) => r.type === type && r.name.endsWith(suffix));
      expect(found, `${type} *${suffix}`).toHaveLength(1);
      return found[0]!;
    },
  };
}

describe("Okta registration: contract values come from resource outputs", () => {
  it("the issuer is the authorization server's issuer output (the planned org), and kong.yml uses it", async () => {
    const e = await edge(stack("Pulumi.okta-dev.yaml"));
    const server = e.one(T.server, "okta-auth-server");
    expect(server.state["issuer"]).toMatch(/^https:\/\/dev-123456\.okta\.com\/oauth2\/aus[0-9A-Za-z]{17}$/);
    const [contract] = e.contracts;
    expect(contract!.issuer).toBe(server.state["issuer"]);
    expect(contract!.audience).toEqual({ claim: "aud", values: ["api://orders-api"] });
    expect(contract!.clients.values).toEqual(["billing-service", "ops-automation", "orders-portal"].map((n) => e.one(T.app, `okta-${n}`).state["clientId"]));
    expect(e.kongYaml).toContain(`issuer: ${server.state["issuer"]}/.well-known/openid-configuration`);
  });

  it("change the mocked issuer and audience: the contract and kong.yml follow", async () => {
    overrides.set(T.server, { issuer: "https://login.example.org/oauth2/ausOVERRIDDEN0000001", audiences: ["api://moved"] });
    try {
      const e = await edge(stack("Pulumi.okta-dev.yaml"));
      expect(e.contracts[0]!.issuer).toBe("https://login.example.org/oauth2/ausOVERRIDDEN0000001");
      expect(e.kongYaml).toContain("issuer: https://login.example.org/oauth2/ausOVERRIDDEN0000001/.well-known/openid-configuration");
      expect(e.kongYaml).toContain("- https://login.example.org/oauth2/ausOVERRIDDEN0000001\n");
      expect(e.kongYaml).toContain("- api://moved\n");
      expect(e.kongYaml).not.toContain("dev-123456.okta.com");
    } finally {
      overrides.delete(T.server);
    }
  });

  it("one server with one audience, a scope per API scope, a REGEX groups claim limited to the access groups", async () => {
    const e = await edge(stack("Pulumi.okta-dev.yaml"));
    const server = e.one(T.server, "okta-auth-server");
    expect(server.inputs).toMatchObject({ name: "orders-api-okta-dev", audiences: ["api://orders-api"], issuerMode: "ORG_URL" });
    expect(e.of(T.scope).map((s) => s.inputs["name"])).toEqual(["orders.read", "orders.write"]);
    expect(e.of(T.scope).every((s) => s.inputs["authServerId"] === server.id)).toBe(true);
    expect(e.one(T.claim, "groups-claim").inputs).toMatchObject({
      name: "groups",
      claimType: "RESOURCE",
      valueType: "GROUPS",
      groupFilterType: "REGEX",
      value: "^(?:orders\\-readers|orders\\-admins)$",
      alwaysIncludeInToken: true,
    });
    expect(e.of(T.group).map((g) => g.inputs["name"])).toEqual(["orders-readers", "orders-admins"]);
    // Every Okta resource goes to the configured org through the component's own provider.
    expect(e.of(T.server)[0]!.provider).toMatch(/::dev-123456\.okta\.com$/);
  });

  it("apps: service = client credentials; web = authorization code + PKCE with its redirect URIs and group assignments", async () => {
    const e = await edge(stack("Pulumi.okta-dev.yaml"));
    expect(e.one(T.app, "okta-billing-service").inputs).toMatchObject({
      type: "service",
      grantTypes: ["client_credentials"],
      tokenEndpointAuthMethod: "client_secret_basic",
      omitSecret: false,
    });
    const portal = e.one(T.app, "okta-orders-portal");
    expect(portal.inputs).toMatchObject({
      type: "web",
      grantTypes: ["authorization_code", "refresh_token"],
      responseTypes: ["code"],
      pkceRequired: true,
      redirectUris: ["https://portal.dev.example.com/auth/callback", "http://localhost:3000/auth/callback"],
    });
    const groupIds = e.of(T.group).map((g) => g.id);
    expect(e.of(T.assignment).map((a) => [a.inputs["appId"], a.inputs["groupId"]])).toEqual(groupIds.map((g) => [portal.id, g]));
  });

  it("one access policy per client, allowing only that client, with a rule for its grant and scopes and the configured lifetime", async () => {
    const e = await edge(stack("Pulumi.okta-dev.yaml"));
    const policies = e.of(T.policy);
    expect(policies.map((p) => [p.inputs["clientWhitelists"], p.inputs["priority"]])).toEqual(
      ["billing-service", "ops-automation", "orders-portal"].map((n, i) => [[e.one(T.app, `okta-${n}`).state["clientId"]], i + 1]),
    );
    const ops = e.one(T.rule, "ops-automation-rule").inputs;
    expect(ops).toMatchObject({
      policyId: e.one(T.policy, "ops-automation-policy").id,
      grantTypeWhitelists: ["client_credentials"],
      scopeWhitelists: ["orders.read", "orders.write"],
      accessTokenLifetimeMinutes: 60,
    });
    expect(e.one(T.rule, "orders-portal-rule").inputs).toMatchObject({
      grantTypeWhitelists: ["authorization_code", "refresh_token"],
      scopeWhitelists: ["openid", "offline_access", "orders.read", "orders.write"],
      refreshTokenLifetimeMinutes: 480,
      refreshTokenWindowMinutes: 480,
    });
    expect(e.contracts[0]!.accessTokenLifetimeSeconds).toBe(3600);
  });

  it("private_key_jwt: service apps get the client's JWKS URL and no secret; clientSecrets is a secret without them", async () => {
    const e = await edge(
      stack("Pulumi.okta-dev.yaml", (raw) => {
        Object.assign(raw["identity"].providers[0], {
          serviceClientAuth: "private_key_jwt",
          clientJwksUris: { "billing-service": "https://billing.example.com/jwks.json", "ops-automation": "https://ops.example.com/jwks.json" },
        });
      }),
    );
    expect(e.one(T.app, "okta-billing-service").inputs).toMatchObject({
      tokenEndpointAuthMethod: "private_key_jwt",
      jwksUri: "https://billing.example.com/jwks.json",
      omitSecret: true,
    });
    expect(e.secretFlag).toBe(true);
    expect(Object.keys(e.clientSecrets["okta"]!)).toEqual(["orders-portal"]);
    expect(e.clientSecrets["okta"]!["orders-portal"]).toMatch(/^plan-only-secret-/);
  });

  it("warns where Okta cannot honour the shared config (groups on a client-credentials client)", async () => {
    const warn = vi.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      await edge(stack("Pulumi.okta-dev.yaml", (raw) => (raw["identity"].clients[0].groups = ["orders-readers"])));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("billing-service: Okta client-credentials tokens carry no groups"), expect.anything());
    } finally {
      warn.mockRestore();
    }
  });
});

describe("Cognito registration: contract values come from resource outputs", () => {
  it("issuer = https:// + the pool's endpoint output; clients = the app clients' ids; kong.yml uses both", async () => {
    const e = await edge(stack("Pulumi.cognito-dev.yaml"));
    const pool = e.one(T.pool, "cognito-user-pool");
    expect(pool.state["endpoint"]).toMatch(/^cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_[0-9A-Za-z]{9}$/);
    const [contract] = e.contracts;
    expect(contract!.issuer).toBe(`https://${pool.state["endpoint"]}`);
    const clientIds = ["billing-service", "ops-automation", "orders-portal"].map((n) => e.one(T.client, `cognito-${n}`).id);
    expect(contract!.clients).toEqual({ claim: "client_id", values: clientIds });
    expect(e.kongYaml).toContain(`issuer: https://${pool.state["endpoint"]}/.well-known/openid-configuration`);
    for (const id of clientIds) expect(e.kongYaml).toContain(`- ${id}\n`);
  });

  it("change the mocked pool endpoint and resource-server identifier: the contract and kong.yml follow", async () => {
    overrides.set(T.pool, { endpoint: "cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_Override1" });
    overrides.set(T.resourceServer, { identifier: "https://orders.example.com" });
    try {
      const e = await edge(stack("Pulumi.cognito-dev.yaml"));
      expect(e.contracts[0]!.issuer).toBe("https://cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_Override1");
      expect(e.kongYaml).toContain(
        "issuer: https://cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_Override1/.well-known/openid-configuration",
      );
      expect(e.kongYaml).toContain("- https://orders.example.com/orders.read\n");
      expect(e.kongYaml).not.toContain("eu-west-1_");
      // The clients are granted scopes spelt with the identifier output too.
      expect(e.one(T.client, "cognito-billing-service").inputs["allowedOauthScopes"]).toEqual(["https://orders.example.com/orders.read"]);
    } finally {
      overrides.delete(T.pool);
      overrides.delete(T.resourceServer);
    }
  });

  it("pool, domain, resource server, groups and clients in the configured region with explicit validity units", async () => {
    const e = await edge(stack("Pulumi.cognito-dev.yaml"));
    const pool = e.one(T.pool, "cognito-user-pool");
    expect(pool.inputs).toMatchObject({ region: "eu-west-1", name: "orders-api-cognito-dev", adminCreateUserConfig: { allowAdminCreateUserOnly: true } });
    expect(e.one(T.domain, "cognito-domain").inputs).toEqual({ region: "eu-west-1", domain: "orders-api-dev-example", userPoolId: pool.id });
    expect(e.one(T.resourceServer, "cognito-resource-server").inputs).toMatchObject({
      identifier: "orders-api",
      userPoolId: pool.id,
      scopes: [
        { scopeName: "orders.read", scopeDescription: "Read orders" },
        { scopeName: "orders.write", scopeDescription: "Create and change orders" },
      ],
    });
    expect(e.of(T.userGroup).map((g) => g.inputs["name"])).toEqual(["orders-readers", "orders-admins"]);
    expect(e.one(T.client, "cognito-ops-automation").inputs).toMatchObject({
      generateSecret: true,
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthFlows: ["client_credentials"],
      allowedOauthScopes: ["orders-api/orders.read", "orders-api/orders.write"],
      accessTokenValidity: 60,
      idTokenValidity: 60,
      refreshTokenValidity: 480,
      tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "minutes" },
      enableTokenRevocation: true,
      preventUserExistenceErrors: "ENABLED",
    });
    expect(e.one(T.client, "cognito-orders-portal").inputs).toMatchObject({
      allowedOauthFlows: ["code"],
      allowedOauthScopes: ["openid", "orders-api/orders.read", "orders-api/orders.write"],
      callbackUrls: ["https://portal.dev.example.com/auth/callback", "http://localhost:3000/auth/callback"],
      supportedIdentityProviders: ["COGNITO"],
    });
  });

  it("the contract's lifetime is the clients' access-token validity; secrets are a secret output", async () => {
    const e = await edge(stack("Pulumi.cognito-dev.yaml", (raw) => (raw["identity"].accessTokenLifetimeMinutes = 15)));
    expect(e.contracts[0]!.accessTokenLifetimeSeconds).toBe(900);
    expect(e.secretFlag).toBe(true);
    expect(Object.keys(e.clientSecrets["cognito"]!)).toEqual(["billing-service", "ops-automation", "orders-portal"]);
  });
});

describe("cut-over stack: both registrations side by side", () => {
  it("Entra and Okta resources and both contracts; kong.yml has a copy of each protected route for Okta", async () => {
    const e = await edge(stack("Pulumi.cutover-dev.yaml"));
    expect(e.contracts.map((c) => [c.name, c.provider])).toEqual([
      ["entra", "entra"],
      ["okta", "okta"],
    ]);
    expect(e.of("azuread:index/application:Application").length).toBeGreaterThan(0);
    expect(e.of(T.server)).toHaveLength(1);
    for (const route of ["orders-read", "orders-write", "orders-reports"]) {
      expect(e.kongYaml).toContain(`name: ${route}\n`);
      expect(e.kongYaml).toContain(`name: ${route}.okta\n`);
    }
    expect(e.kongYaml).not.toContain("name: health.okta");
  });
});
