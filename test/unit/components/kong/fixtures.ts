import { generateKeyPairSync } from "node:crypto";
import {
  deriveEntraContract,
  deriveOktaContract,
  type EntraContractInputs,
  type IdentityContract,
  type OktaContractInputs,
} from "../../../../components/contract";
import type { JsonWebKey, JsonWebKeySet } from "../../../../components/kong";
import { parseStackConfig, type StackConfig } from "../../../../infra/config";

/** Shared fixtures for the Kong unit and conformance tests. */

export const TENANT_ID = "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f";
export const API_CLIENT_ID = "11111111-2222-4333-8444-555555555555";
export const BILLING_CLIENT_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

export function entraContract(overrides: Partial<EntraContractInputs> = {}): IdentityContract {
  return deriveEntraContract({
    name: "entra",
    tenantId: TENANT_ID,
    apiClientId: API_CLIENT_ID,
    identifierUri: `api://${API_CLIENT_ID}`,
    clientIds: [BILLING_CLIENT_ID],
    tokenVersion: 2,
    scopeNames: ["orders.read", "orders.write"],
    accessGroups: ["orders-readers", "orders-admins"],
    leewaySeconds: 60,
    accessTokenLifetimeSeconds: 3600,
    ...overrides,
  });
}

export const OKTA_ISSUER = "https://dev-123456.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9";

export function oktaContract(overrides: Partial<OktaContractInputs> = {}): IdentityContract {
  return deriveOktaContract({
    name: "okta",
    issuer: OKTA_ISSUER,
    audience: "api://orders-api",
    clientIds: ["0oa1billing00000000", "0oa1portal000000000"],
    groupsClaim: "groups",
    authServerId: "aus1a2b3c4d5e6f7g8h9",
    scopeNames: ["orders.read", "orders.write"],
    accessGroups: ["orders-readers", "orders-admins"],
    leewaySeconds: 60,
    accessTokenLifetimeSeconds: 3600,
    ...overrides,
  });
}

const COGNITO_ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123";

/** Cognito-like: access tokens have no `aud`; `client_id` binds them, `token_use` marks them. */
export const cognitoContract: IdentityContract = {
  provider: "cognito",
  name: "cognito",
  issuer: COGNITO_ISSUER,
  discoveryUrl: `${COGNITO_ISSUER}/.well-known/openid-configuration`,
  jwksUri: `${COGNITO_ISSUER}/.well-known/jwks.json`,
  audience: undefined,
  clients: { claim: "client_id", values: ["4p1ccl13nt1d0000000000000a", "4p1ccl13nt1d0000000000000b"] },
  scopes: { claim: "scope", shape: "space-delimited-string", valuePrefix: "orders-api/" },
  groups: { claim: "cognito:groups", shape: "array" },
  accessGroups: ["orders-readers", "orders-admins"],
  scopeNames: ["orders.read", "orders.write"],
  algorithms: ["RS256"],
  leewaySeconds: 30,
  accessTokenLifetimeSeconds: 3600,
  tokenType: [{ claim: "token_use", value: "access", reason: "ID tokens are signed by the same keys" }],
  subjectClaim: "sub",
  details: { region: "eu-west-1", userPoolId: "eu-west-1_AbCdEf123" },
};

/** A small stack config, validated like a real stack file. */
export const RAW_STACK_CONFIG = {
  environment: "test",
  production: false,
  identity: {
    apiName: "orders-api",
    scopes: ["orders.read", "orders.write"],
    accessGroups: ["orders-readers", "orders-admins"],
    providers: [{ kind: "entra", tenantId: TENANT_ID }],
  },
  kong: { edition: "enterprise", hostnames: ["api.test.example.com", "api2.test.example.com"] },
  routes: [
    {
      name: "orders-read",
      paths: ["/orders"],
      methods: ["GET"],
      upstream: "http://orders.orders.svc.cluster.local:8080",
      scopes: ["orders.read"],
      rateLimitPerMinute: 600,
    },
    {
      name: "orders-write",
      paths: ["/orders"],
      methods: ["POST", "PUT"],
      upstream: "http://orders.orders.svc.cluster.local:8080",
      scopes: ["orders.read", "orders.write"],
      roles: ["orders-admins"],
      rateLimitPerMinute: 120,
    },
    {
      name: "reports",
      hosts: ["reports.test.example.com"],
      paths: ["/reports"],
      upstream: "http://reports.orders.svc.cluster.local:8080",
      roles: ["orders-readers", "orders-admins"],
    },
    {
      name: "health",
      paths: ["/healthz"],
      methods: ["GET"],
      upstream: "http://orders.orders.svc.cluster.local:8080",
      anonymous: true,
      rateLimitPerMinute: 60,
    },
  ],
};

export function stackConfig(mutate: (raw: any) => void = () => {}): StackConfig {
  const raw = structuredClone(RAW_STACK_CONFIG);
  mutate(raw);
  return parseStackConfig(raw);
}

export interface RsaTestKey {
  readonly jwk: JsonWebKey;
  /** The SPKI PEM node:crypto produces for the public key. */
  readonly pem: string;
}

export function rsaTestKey(kid: string, extra: Partial<JsonWebKey> = {}): RsaTestKey {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const exported = publicKey.export({ format: "jwk" });
  return {
    jwk: { ...exported, kty: "RSA", kid, use: "sig", alg: "RS256", ...extra },
    pem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export function jwksOf(...keys: readonly RsaTestKey[]): JsonWebKeySet {
  return { keys: keys.map((k) => k.jwk) };
}

export const byName = <T extends { readonly name: string }>(items: readonly T[], name: string): T => {
  const found = items.find((i) => i.name === name);
  if (!found) throw new Error(`no ${name} in ${items.map((i) => i.name).join(", ")}`);
  return found;
};
