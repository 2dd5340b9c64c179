import { expect } from "vitest";
import { parse, stringify } from "yaml";
import type { IdentityContract } from "../../../../components/contract";
import { secretRotationSlots } from "../../../../components/idp/entra";
import { buildDeclarativeConfig, buildHelmValues, serializeKongYaml } from "../../../../components/kong";
import type { IdentityPolicy } from "../../../../policy-packs/identity/policies";
import type { PolicyFixture, Violation } from "../../../support/policy-harness";
import { runResourcePolicy, runStackPolicy } from "../../../support/policy-harness";
import { TENANT_ID, entraContract, stackConfig } from "../../components/kong/fixtures";

/**
 * Compliant baseline resources for the policy tests, built with the stack's own builders where it has
 * them (kong.yml, Helm values), so "compliant" means "what the stack generates".
 */

export const T = {
  app: "azuread:index/application:Application",
  uri: "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri",
  password: "azuread:index/applicationPassword:ApplicationPassword",
  oktaServer: "okta:auth/server:Server",
  oktaRule: "okta:auth/serverPolicyRule:ServerPolicyRule",
  oktaApp: "okta:app/oAuth:OAuth",
  cognitoClient: "aws:cognito/userPoolClient:UserPoolClient",
  cognitoServer: "aws:cognito/resourceServer:ResourceServer",
  configMap: "kubernetes:core/v1:ConfigMap",
  release: "kubernetes:helm.sh/v3:Release",
  service: "kubernetes:core/v1:Service",
  registration: "kong-identity-stack:idp:EntraRegistration",
} as const;

export const CONTRACT: IdentityContract = entraContract();
export { TENANT_ID };

export function kongYaml(mutate: (doc: any) => void = () => {}, contracts: readonly IdentityContract[] = [CONTRACT]): string {
  const cfg = stackConfig();
  const doc = JSON.parse(
    JSON.stringify(buildDeclarativeConfig(contracts, cfg.routes, { edition: "enterprise", hostnames: cfg.kong.hostnames, environment: "test" })),
  );
  mutate(doc);
  return serializeKongYaml(doc);
}

/** The kong.yml ConfigMap; `mutate` edits the parsed declarative config before it is serialised. */
export function configMap(mutate: (doc: any) => void = () => {}, contracts?: readonly IdentityContract[]): PolicyFixture {
  return {
    type: T.configMap,
    name: "kong-config",
    props: { metadata: { name: "kong-declarative-config", namespace: "kong" }, data: { "kong.yml": kongYaml(mutate, contracts) } },
  };
}

/** Every openid-connect plugin config of a parsed kong.yml document. */
export function eachOidc(doc: any, edit: (config: any) => void): void {
  for (const s of doc.services) for (const r of s.routes) for (const p of r.plugins) if (p.name === "openid-connect") edit(p.config);
}

export function kongRelease(mutateValues: (values: any) => void = () => {}): PolicyFixture {
  // The compliant baseline: Kong has its proxy certificate (kong.tls), as edge-tls-chain requires.
  const kong = stackConfig((raw) => (raw.kong.tls = { secretName: "kong-proxy-tls" })).kong;
  const values = JSON.parse(JSON.stringify(buildHelmValues(kong, { configMapName: "kong-declarative-config", configChecksum: "abc" })));
  mutateValues(values);
  return {
    type: T.release,
    name: "kong-release",
    props: { name: "kong", chart: "kong", version: "3.4.1", repositoryOpts: { repo: "https://charts.konghq.com" }, namespace: "kong", values },
  };
}

export function apiApp(mutate: (props: any) => void = () => {}): PolicyFixture {
  const props: any = {
    displayName: "orders-api-test",
    signInAudience: "AzureADMyOrg",
    api: {
      requestedAccessTokenVersion: 2,
      oauth2PermissionScopes: [{ id: "5d1b9d43-0000-5000-8000-000000000001", value: "orders.read", type: "Admin", enabled: true }],
    },
    appRoles: [{ id: "5d1b9d43-0000-5000-8000-000000000002", value: "orders-admins", allowedMemberTypes: ["User", "Application"], enabled: true }],
  };
  mutate(props);
  return { type: T.app, name: "entra-api", parent: "entra", props };
}

export const identifierUri = (): PolicyFixture => ({
  type: T.uri,
  name: "entra-api-uri",
  parent: "entra",
  dependsOn: ["entra-api"],
  props: { applicationId: "/applications/0000", identifierUri: `api://${CONTRACT.audience!.values[0]}` },
});

export function webClientApp(mutate: (props: any) => void = () => {}): PolicyFixture {
  const props: any = {
    displayName: "orders-api-portal-test",
    signInAudience: "AzureADMyOrg",
    web: {
      redirectUris: ["https://portal.test.example.com/auth/callback", "http://localhost:3000/auth/callback"],
      implicitGrant: { accessTokenIssuanceEnabled: false, idTokenIssuanceEnabled: false },
    },
    requiredResourceAccesses: [],
  };
  mutate(props);
  return { type: T.app, name: "entra-orders-portal", parent: "entra", props };
}

const DAY = 86_400_000;
export const isoIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().replace(/\.\d{3}Z$/, "Z");

/** One of the stack's two staggered secret slots for a client, valid `lifetimeDays` (secretRotationSlots). */
export function password(slot: 0 | 1, lifetimeDays = 60, mutate: (props: any) => void = () => {}): PolicyFixture {
  const s = secretRotationSlots(new Date(), lifetimeDays)[slot];
  const props: any = {
    applicationId: "/applications/portal",
    displayName: `kis-${s.rotationKey}`,
    endDate: s.endDate,
    rotateWhenChanged: { bucket: s.rotationKey },
  };
  mutate(props);
  return { type: T.password, name: `entra-orders-portal-secret-${slot}`, parent: "entra", dependsOn: ["entra-orders-portal"], props };
}

/** The registration component with its registered outputs, as stack policies see it. */
export function registration(contract: IdentityContract = CONTRACT, name = "entra"): PolicyFixture {
  return { type: T.registration, name, props: { contract, apiClientId: contract.audience?.values[0] ?? "" } };
}

/** A compliant Entra + Kong stack. */
export function baselineStack(): PolicyFixture[] {
  return [
    registration(),
    apiApp(),
    identifierUri(),
    webClientApp(),
    password(0),
    password(1),
    configMap(),
    kongRelease(),
  ];
}

export function replace(stack: PolicyFixture[], replacement: PolicyFixture): PolicyFixture[] {
  return stack.map((r) => (r.name === replacement.name && r.type === replacement.type ? replacement : r));
}

// ---------------------------------------------------------------- Okta and Cognito (documented input shapes)

export function oktaServer(props: any = {}): PolicyFixture {
  return { type: T.oktaServer, name: "okta-server", props: { name: "orders-api", audiences: ["api://orders"], issuerMode: "ORG_URL", ...props } };
}

export function oktaRule(props: any = {}): PolicyFixture {
  return {
    type: T.oktaRule,
    name: "okta-rule",
    props: {
      authServerId: "aus1",
      policyId: "00p1",
      priority: 1,
      name: "orders-api",
      grantTypeWhitelists: ["client_credentials", "authorization_code"],
      scopeWhitelists: ["orders.read", "orders.write"],
      accessTokenLifetimeMinutes: 30,
      refreshTokenLifetimeMinutes: 1440,
      refreshTokenWindowMinutes: 720,
      ...props,
    },
  };
}

export function oktaApp(props: any = {}): PolicyFixture {
  return {
    type: T.oktaApp,
    name: "okta-portal",
    props: {
      label: "orders-portal",
      type: "web",
      grantTypes: ["authorization_code", "refresh_token"],
      responseTypes: ["code"],
      redirectUris: ["https://portal.example.com/callback"],
      tokenEndpointAuthMethod: "client_secret_basic",
      pkceRequired: true,
      ...props,
    },
  };
}

export function cognitoClient(props: any = {}): PolicyFixture {
  return {
    type: T.cognitoClient,
    name: "cognito-portal",
    props: {
      userPoolId: "eu-west-1_AbCdEf123",
      name: "orders-portal",
      generateSecret: true,
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthFlows: ["code"],
      allowedOauthScopes: ["openid", "orders-api/orders.read"],
      callbackUrls: ["https://portal.example.com/callback"],
      accessTokenValidity: 30,
      refreshTokenValidity: 1,
      tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
      ...props,
    },
  };
}

export function cognitoServer(props: any = {}): PolicyFixture {
  return {
    type: T.cognitoServer,
    name: "cognito-api",
    props: { userPoolId: "eu-west-1_AbCdEf123", identifier: "orders-api", name: "orders-api", scopes: [{ scopeName: "orders.read", scopeDescription: "Read" }], ...props },
  };
}

// ---------------------------------------------------------------- running and asserting

export const asStack = (policy: IdentityPolicy) => {
  if (!policy.validateStack) throw new Error(`${policy.name} has no stack validation`);
  return policy as IdentityPolicy & { validateStack: NonNullable<IdentityPolicy["validateStack"]> };
};

/** Resource policy over every fixture, then (if any) stack policy over all of them. */
export async function runAll(policy: IdentityPolicy, resources: readonly PolicyFixture[], config: object = {}): Promise<Violation[]> {
  const out: Violation[] = [];
  if (policy.validateResource) {
    for (const r of resources) out.push(...(await runResourcePolicy(policy, r, config)));
  }
  if (policy.validateStack) out.push(...(await runStackPolicy(asStack(policy), resources, config)));
  return out;
}

/**
 * Each violation names the resource (`<type> "<name>"`) and says how to fix it. Returns the messages so
 * the caller can assert what they say.
 */
export function expectViolations(violations: readonly Violation[], resourceName: string, count = 1): string[] {
  expect(violations.map((v) => v.message), JSON.stringify(violations, null, 2)).toHaveLength(count);
  for (const v of violations) {
    expect(v.message).toContain(`"${resourceName}"`);
    expect(v.message).toMatch(/\. Fix: \S/);
  }
  return violations.map((v) => v.message);
}

export const yamlOf = (fixture: PolicyFixture): any => parse(fixture.props["data"]["kong.yml"]);
export { stringify };
