import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../../../infra/config";
import { configProblems } from "../../../support/config-problems";
import { exampleStackRaw } from "../../../support/example-stacks";

/** The example stack file's config, keys without the project prefix. */
const stackFile = exampleStackRaw;

const TENANT = "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f";

describe("Okta and Cognito providers", () => {
  it("the example stacks parse, with the provider defaults filled in", () => {
    const okta = parseStackConfig(stackFile("Pulumi.okta-dev.yaml"));
    expect(okta.identity.providers).toEqual([
      { kind: "okta", orgName: "dev-123456", baseUrl: "okta.com", serviceClientAuth: "client_secret_basic", clientJwksUris: {}, groupsClaim: "groups" },
    ]);
    const cognito = parseStackConfig(stackFile("Pulumi.cognito-dev.yaml"));
    expect(cognito.identity.providers).toEqual([
      { kind: "cognito", region: "eu-west-1", domainPrefix: "orders-api-dev-example", identifier: "orders-api", issuerHost: "cognito-idp" },
    ]);
    const cutover = parseStackConfig(stackFile("Pulumi.cutover-dev.yaml"));
    expect(cutover.identity.providers.map((p) => [p.kind, p.name])).toEqual([
      ["entra", "entra"],
      ["okta", "okta"],
    ]);
  });

  it("switching IdP swaps only the provider entry: the okta and cognito stacks differ from each other only there (and in names)", () => {
    const okta = stackFile("Pulumi.okta-dev.yaml");
    const cognito = stackFile("Pulumi.cognito-dev.yaml");
    const strip = (raw: Record<string, any>) => ({
      ...raw,
      environment: "x",
      production: false,
      identity: { ...raw["identity"], displayName: "x", providers: [] },
      // Each stack's Kong certificate is issued for its own host name.
      kong: { ...raw["kong"], hostnames: [], tls: { certificate: "x" } },
    });
    expect(strip(cognito)).toEqual(strip(okta));
  });

  type Edit = (raw: Record<string, any>) => void;
  const okta = (): Record<string, any> => structuredClone(stackFile("Pulumi.okta-dev.yaml"));
  const cognito = (): Record<string, any> => structuredClone(stackFile("Pulumi.cognito-dev.yaml"));
  const cases: { name: string; base: () => Record<string, any>; edit: Edit; message: string }[] = [
    {
      name: "okta: upper-case org name",
      base: okta,
      edit: (r) => (r.identity.providers[0].orgName = "Dev-1"),
      message: 'identity.providers[0].orgName: expected an Okta org name such as dev-123456 (lower case), got "Dev-1"',
    },
    {
      name: "okta: unknown client auth method",
      base: okta,
      edit: (r) => (r.identity.providers[0].serviceClientAuth = "client_secret_post"),
      message: 'identity.providers[0].serviceClientAuth: expected one of "client_secret_basic", "private_key_jwt", got "client_secret_post"',
    },
    {
      name: "okta: private_key_jwt without a service client's JWKS URL",
      base: okta,
      edit: (r) => Object.assign(r.identity.providers[0], { serviceClientAuth: "private_key_jwt", clientJwksUris: { "billing-service": "https://b.example.com/jwks" } }),
      message: 'identity.providers[0].clientJwksUris: service client "ops-automation" uses private_key_jwt and needs its JWKS URL here (clientJwksUris.ops-automation)',
    },
    {
      name: "okta: a JWKS URL for a client that is not a service client",
      base: okta,
      edit: (r) => (r.identity.providers[0].clientJwksUris = { "orders-portal": "https://p.example.com/jwks" }),
      message: 'identity.providers[0].clientJwksUris.orders-portal: "orders-portal" is not a service client in identity.clients',
    },
    {
      name: "okta: a JWKS URL over http",
      base: okta,
      edit: (r) => (r.identity.providers[0].clientJwksUris = { "billing-service": "http://b.example.com/jwks" }),
      message: 'identity.providers[0].clientJwksUris.billing-service: expected an https URL, got "http://b.example.com/jwks"',
    },
    {
      name: "okta: refresh tokens shorter than access tokens",
      base: okta,
      edit: (r) => Object.assign(r.identity, { accessTokenLifetimeMinutes: 600, refreshTokenLifetimeMinutes: 120 }),
      message: "identity.refreshTokenLifetimeMinutes: Okta needs refresh tokens to live at least as long as access tokens (600 minutes); raise it or lower accessTokenLifetimeMinutes",
    },
    {
      name: "cognito: region that is not one",
      base: cognito,
      edit: (r) => (r.identity.providers[0].region = "Ireland"),
      message: 'identity.providers[0].region: expected an AWS region such as eu-west-1, got "Ireland"',
    },
    {
      name: "cognito: clients but no domain",
      base: cognito,
      edit: (r) => delete r.identity.providers[0].domainPrefix,
      message: "identity.providers[0].domainPrefix: missing; Cognito issues OAuth tokens only through a user-pool domain: set domainPrefix",
    },
    {
      name: "cognito: a domain prefix with a reserved word",
      base: cognito,
      edit: (r) => (r.identity.providers[0].domainPrefix = "orders-cognito"),
      message: 'identity.providers[0].domainPrefix: expected a domain prefix without "aws", "amazon" or "cognito", got "orders-cognito"',
    },
    {
      name: "cognito: a service client without scopes",
      base: cognito,
      edit: (r) => (r.identity.clients[0].scopes = []),
      message:
        "identity.clients[0].scopes: a Cognito service client (client credentials) needs at least one scope: its tokens carry resource-server scopes and no groups",
    },
    {
      name: "entra: access tokens shorter than Entra allows",
      base: () => ({ ...okta(), identity: { ...okta()["identity"], accessTokenLifetimeMinutes: 5, providers: [{ kind: "entra", tenantId: TENANT }] } }),
      edit: () => {},
      message: "identity.accessTokenLifetimeMinutes: Entra ID token-lifetime policies accept 10 to 1440 minutes, got 5; raise it to at least 10",
    },
    {
      name: "cut-over: two Okta providers creating the same authorization server",
      base: okta,
      edit: (r) => r.identity.providers.push({ ...r.identity.providers[0], name: "okta-2" }),
      message: "identity.providers[1].authServerName: both providers would create the same Okta authorization server; give each its own authServerName",
    },
    {
      name: "cut-over: two Cognito providers with the same domain",
      base: cognito,
      edit: (r) => r.identity.providers.push({ ...r.identity.providers[0], name: "cognito-2" }),
      message: "identity.providers[1].domainPrefix: both providers would create the same Cognito domain; give each its own domainPrefix",
    },
    {
      name: "cut-over: two Entra providers with one issuer",
      base: okta,
      edit: (r) =>
        (r.identity.providers = [
          { kind: "entra", name: "a", tenantId: TENANT },
          { kind: "entra", name: "b", tenantId: TENANT },
        ]),
      message:
        "identity.providers[1].tokenVersion: both Entra providers would issue tokens with the same issuer (same tenant and token version), which Kong cannot tell apart; use another tenant or token version",
    },
  ];

  it.each(cases)("$name: one line naming the key", ({ base, edit, message }) => {
    const raw = base();
    edit(raw);
    expect(configProblems(raw)).toEqual([message]);
  });

  it("a cut-over between two Okta orgs, or Entra and Cognito, is accepted", () => {
    const two = okta();
    two["identity"].providers.push({ kind: "okta", name: "okta-emea", orgName: "acme-emea", baseUrl: "okta-emea.com" });
    expect(configProblems(two)).toEqual([]);
    const mixed = cognito();
    mixed["identity"].providers.unshift({ kind: "entra", name: "entra", tenantId: TENANT });
    expect(configProblems(mixed)).toEqual([]);
  });
});
