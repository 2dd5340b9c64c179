import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { deriveEntraContract, type IdentityContract } from "../../components/contract";
import {
  buildDeclarativeConfig,
  buildHelmValues,
  serializeKongYaml,
  type JsonWebKeySet,
  type KongDeclarativeConfig,
} from "../../components/kong";
import { stableUuid } from "../../components/shared";
import { type StackConfig } from "../../infra/config";
import { cognitoContract, entraContract, jwksOf, oktaContract, rsaTestKey, stackConfig } from "../unit/components/kong/fixtures";
import { schemasDir } from "./schemas";
import { exampleStackConfig } from "../support/example-stacks";
import {
  closeObjects,
  pluginSchemaFileName,
  validateHelmValueKeys,
  validateKongDeclarative,
  validateKongYamlText,
} from "./validators";

const key = rsaTestKey("conformance-kid");

/** What Kong reads: the serialized kong.yml, parsed back. */
const asKongReadsIt = (config: KongDeclarativeConfig): unknown => parse(serializeKongYaml(config));

function buildFor(stack: StackConfig, contracts: readonly IdentityContract[], edition: "enterprise" | "oss") {
  const jwks: Record<string, JsonWebKeySet> = Object.fromEntries(contracts.map((c) => [c.issuer, jwksOf(key)]));
  return buildDeclarativeConfig(contracts, stack.routes, {
    edition,
    hostnames: stack.kong.hostnames,
    environment: stack.environment,
    jwks: edition === "oss" ? jwks : undefined,
  });
}

/** The example stack file, read like `kis plan` reads it. */
const readStackFile = exampleStackConfig;

/** Contracts as the IdP components would derive them, with deterministic stand-ins for provider outputs. */
function contractsOf(stack: StackConfig): IdentityContract[] {
  return stack.identity.providers.flatMap((p) => {
    if (p.kind !== "entra") return [];
    const name = p.name ?? p.kind;
    const apiClientId = stableUuid("conformance:api", `${stack.identity.apiName}:${name}`);
    return deriveEntraContract({
      name,
      tenantId: p.tenantId,
      apiClientId,
      identifierUri: `api://${apiClientId}`,
      clientIds: stack.identity.clients.map((c) => stableUuid("conformance:client", `${c.name}:${name}`)),
      tokenVersion: p.tokenVersion,
      scopeNames: stack.identity.scopes.map((s) => s.name),
      accessGroups: stack.identity.accessGroups.map((g) => g.name),
      leewaySeconds: stack.identity.leewaySeconds,
      accessTokenLifetimeSeconds: stack.identity.accessTokenLifetimeMinutes * 60,
    });
  });
}

describe("kong.yml conforms to Kong's declarative and plugin schemas", () => {
  const fixture = stackConfig();
  const cases: [string, IdentityContract[]][] = [
    ["Entra v2", [entraContract()]],
    ["Entra v1", [entraContract({ tokenVersion: 1 })]],
    ["Cognito-like", [cognitoContract]],
    ["Entra cut-over", [entraContract({ name: "new" }), entraContract({ name: "old", tokenVersion: 1 })]],
    ["Okta", [oktaContract()]],
    ["Entra → Okta cut-over", [entraContract(), oktaContract()]],
    ["Okta → Cognito cut-over", [oktaContract(), cognitoContract]],
  ];

  for (const [label, contracts] of cases) {
    for (const edition of ["enterprise", "oss"] as const) {
      it(`${label}, ${edition}`, () => {
        const config = buildFor(fixture, contracts, edition);
        expect(validateKongYamlText(serializeKongYaml(config))).toEqual([]);
      });
    }
  }

  const dev = readStackFile("Pulumi.dev.yaml");
  for (const edition of ["enterprise", "oss"] as const) {
    it(`stacks/Pulumi.dev.yaml, ${edition}`, () => {
      const config = buildFor(dev, contractsOf(dev), edition);
      const pluginNames = new Set(config.services.flatMap((s) => s.routes.flatMap((r) => r.plugins.map((p) => p.name))));
      expect(pluginNames.has(edition === "enterprise" ? "openid-connect" : "jwt")).toBe(true);
      expect(validateKongDeclarative(asKongReadsIt(config))).toEqual([]);
    });
  }
});

describe("helm values use only keys of the kong chart 3.4.1", () => {
  const options = { configMapName: "kong-declarative-config", configChecksum: "0".repeat(64) };
  it.each([
    ["enterprise, admin API off", stackConfig().kong],
    ["oss", stackConfig((raw) => (raw.kong.edition = "oss")).kong],
    ["admin API on (TLS only)", stackConfig((raw) => (raw.kong.adminApi = { enabled: true, serviceType: "ClusterIP", clientCaCertificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", allowedNamespaces: ["ops"] })).kong],
    ["stacks/Pulumi.dev.yaml", readStackFile("Pulumi.dev.yaml").kong],
  ])("%s", (_label, kong) => {
    expect(validateHelmValueKeys(buildHelmValues(kong, options))).toEqual([]);
  });

  it("with env-vault secrets (customEnv) and their revision annotation", () => {
    const kongSecrets = [{ id: "pingaccess-shared-secret", secretName: "kong-vault-secrets", secretKey: "pingaccess-shared-secret" }];
    const values = buildHelmValues(stackConfig().kong, { ...options, kongSecrets, secretsRevision: "0-12" });
    expect(values.customEnv).toBeDefined();
    expect(validateHelmValueKeys(values)).toEqual([]);
  });
});

describe("the validators catch broken configs", () => {
  const valid = asKongReadsIt(buildFor(stackConfig(), [entraContract()], "enterprise")) as any;
  const oidcOf = (config: any) =>
    config.services.find((s: any) => s.name === "orders-read").routes[0].plugins.find((p: any) => p.name === "openid-connect");
  const broken = (mutate: (config: any) => void) => {
    const config = structuredClone(valid);
    mutate(config);
    return validateKongDeclarative(config);
  };

  it("kong.yml text that is not YAML", () => {
    expect(validateKongYamlText("services: [unclosed")[0]).toMatch(/^kong\.yml: not valid YAML/);
  });

  it("an unknown plugin config field", () => {
    const problems = broken((c) => (oidcOf(c).config.issuer_url = "https://idp"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/services\[\d\]\.routes\[0\]\.plugins\[\d\] \(openid-connect\)\.config: unknown field "issuer_url"/);
  });

  it("a value outside a plugin enum", () => {
    expect(broken((c) => (oidcOf(c).config.auth_methods = ["bearer", "magic"])).join("\n")).toMatch(
      /config\.auth_methods\[1\]: must be equal to one of the allowed values \(.*"bearer".*\)/,
    );
    expect(broken((c) => (c.plugins[0].config.generator = "uuid4")).join("\n")).toMatch(/correlation-id\)\.config\.generator/);
  });

  it("a plugin config that misses a required field or breaks a bound", () => {
    expect(broken((c) => delete oidcOf(c).config.issuer).join("\n")).toMatch(/must have required property 'issuer'/);
    const oss = asKongReadsIt(buildFor(stackConfig(), [entraContract()], "oss")) as any;
    oss.services[1].routes[0].plugins.find((p: any) => p.name === "jwt").config.maximum_expiration = 31_536_001;
    expect(validateKongDeclarative(oss).join("\n")).toMatch(/maximum_expiration: must be <= 31536000/);
  });

  it("an unknown plugin, an unknown entity field, a jwt credential without secret", () => {
    expect(broken((c) => c.plugins.push({ name: "no-such-plugin", config: {} }))).toEqual([
      // plugins[0] correlation-id, [1] the request-hygiene pre-function: the pushed one is [2].
      'kong.yml.plugins[2]: unknown plugin "no-such-plugin" (no NoSuchPlugin.json in kong/plugins/3.15)',
    ]);
    expect(broken((c) => (c.services[0].routes[0].pathz = ["/x"])).join("\n")).toMatch(/services\[0\]\.routes\[0\]: unknown field "pathz"/);
    const oss = asKongReadsIt(buildFor(stackConfig(), [entraContract()], "oss")) as any;
    delete oss.consumers[0].jwt_secrets[0].secret;
    expect(validateKongDeclarative(oss).join("\n")).toMatch(/consumers\[0\]\.jwt_secrets\[0\]: must have required property 'secret'/);
  });

  it("a rate-limiting policy that needs a database, in DB-less mode only", () => {
    const cluster = (c: any) =>
      (c.services[0].routes[0].plugins.find((p: any) => p.name === "rate-limiting").config.policy = "cluster");
    expect(broken(cluster).join("\n")).toMatch(/"cluster" needs a database/);
    const config = structuredClone(valid);
    cluster(config);
    expect(validateKongDeclarative(config, { dbless: false })).toEqual([]);
  });

  it("helm values with keys the chart does not have, but not below open maps", () => {
    const values = buildHelmValues(stackConfig().kong, { configMapName: "cm", configChecksum: "x" }) as any;
    expect(validateHelmValueKeys({ ...values, imagee: { tag: "1" }, proxy: { ...values.proxy, typo: true } })).toEqual([
      "values.proxy.typo: not a key of the kong chart's values.yaml",
      "values.imagee: not a key of the kong chart's values.yaml",
    ]);
    expect(validateHelmValueKeys({ admin: true })).toEqual(["values.admin: expected a map like the chart's default, got true"]);
    expect(
      validateHelmValueKeys({
        env: { trusted_ips: "10.0.0.0/8", real_ip_header: "X-Forwarded-For" },
        podAnnotations: { "example.com/anything": "x" },
        podLabels: { team: "edge" },
        enterprise: { enabled: true, license_secret: "s" },
      }),
    ).toEqual([]);
  });
});

describe("schema location", () => {
  it("is found by default beside the repository", () => {
    expect(schemasDir({})).toMatch(/shared[\\/]schemas$/);
  });

  it("fails with a clear message when KIS_SCHEMAS_DIR points nowhere", () => {
    expect(() => schemasDir({ KIS_SCHEMAS_DIR: "/nonexistent/schemas" })).toThrow(
      /vendor schemas not found: .*declarative\.schema\.json does not exist\. KIS_SCHEMAS_DIR is set to "\/nonexistent\/schemas"/,
    );
  });
});

describe("validator helpers", () => {
  it("maps plugin names to the schema file names", () => {
    expect(["openid-connect", "acl", "rate-limiting", "correlation-id", "jwt", "request-transformer"].map(pluginSchemaFileName)).toEqual([
      "OpenidConnect.json",
      "Acl.json", // found case-insensitively as ACL.json
      "RateLimiting.json",
      "CorrelationId.json",
      "Jwt.json",
      "RequestTransformer.json",
    ]);
  });

  it("closes objects that list properties, and leaves maps and explicit choices alone", () => {
    expect(
      closeObjects({
        type: "object",
        properties: { a: { type: "object", properties: { b: { type: "string" } } }, m: { type: "object", additionalProperties: { type: "string" } } },
      }),
    ).toEqual({
      type: "object",
      additionalProperties: false,
      properties: {
        a: { type: "object", additionalProperties: false, properties: { b: { type: "string" } } },
        m: { type: "object", additionalProperties: { type: "string" } },
      },
    });
  });
});
