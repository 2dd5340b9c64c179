import { describe, expect, it } from "vitest";
import { ConfigError, expandQuickstart, parseStackConfig, quickstartBlocks, quickstartAnswers } from "../../../../infra/config";

const scalars = { environment: "dev", production: false, idp: "okta", idpTenant: "dev-123456", apiName: "payments-api", hostname: "api.dev.example.com", upstream: "http://pay:8080" };

describe("quick start: the blocks built from the pulumi new scalars", () => {
  it("builds identity, kong and routes that the schema accepts, for each IdP", () => {
    for (const idp of ["entra", "okta", "cognito"] as const) {
      const config = parseStackConfig({ environment: "dev", production: false, idp });
      expect(config.identity.providers[0]!.kind).toBe(idp);
      expect(config.routes.map((r) => r.name)).toEqual(["orders-read", "orders-write", "health"]);
      expect(config.kong.hostnames).toEqual(["api.dev.example.com"]);
    }
  });

  it("names scopes, groups and routes after the API and uses the answers", () => {
    const config = parseStackConfig(scalars);
    expect(config.identity.scopes.map((s) => s.name)).toEqual(["payments.read", "payments.write"]);
    expect(config.identity.providers[0]).toMatchObject({ kind: "okta", orgName: "dev-123456" });
    expect(config.routes.find((r) => r.name === "payments-write")).toMatchObject({ scopes: ["payments.write"], roles: ["payments-admins"], upstream: "http://pay:8080" });
    expect(config.routes.find((r) => r.name === "health")!.anonymous).toBe(true);
  });

  it("explicit blocks win, each on its own", () => {
    const routes = [{ name: "only", paths: ["/only"], upstream: "http://x:80", scopes: ["payments.read"] }];
    const config = parseStackConfig({ ...scalars, routes });
    expect(config.routes.map((r) => r.name)).toEqual(["only"]);
    expect(config.identity.apiName).toBe("payments-api"); // still built
    const { config: raw } = expandQuickstart({ ...scalars, kong: { hostnames: ["mine.example.com"] } });
    expect(raw["kong"]).toEqual({ hostnames: ["mine.example.com"] });
  });

  it("without idp nothing is built: a missing block is still reported", () => {
    expect(() => parseStackConfig({ environment: "dev" })).toThrow(/identity: missing/);
  });

  it("a tenant of the wrong shape for the IdP is one line naming idpTenant", () => {
    try {
      parseStackConfig({ environment: "dev", production: false, idp: "entra", idpTenant: "dev-123456" });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems).toEqual(['idpTenant: expected the Entra tenant id (a GUID) for idp "entra", got "dev-123456"']);
    }
    expect(() => parseStackConfig({ environment: "dev", idp: "auth0" })).toThrow(/idp: expected one of "entra", "okta", "cognito", got "auth0"/);
  });

  it("production (the setting, not the name) gets 30-minute tokens and three Kong replicas; Cognito prefixes avoid the words Cognito refuses", () => {
    const prod = quickstartBlocks(quickstartAnswers({ environment: "payments", production: true, idp: "cognito" }));
    expect(prod.identity["accessTokenLifetimeMinutes"]).toBe(30);
    expect(prod.kong["replicas"]).toBe(3);
    const namedProd = quickstartBlocks(quickstartAnswers({ environment: "prod", production: false, idp: "cognito" }));
    expect(namedProd.identity["accessTokenLifetimeMinutes"]).toBe(60);
    expect(namedProd.kong["replicas"]).toBe(2);
    const cognito = quickstartBlocks(quickstartAnswers({ environment: "cognito-aws-dev", production: false, idp: "cognito" }));
    expect((cognito.identity["providers"] as { domainPrefix: string }[])[0]!.domainPrefix).toBe("orders-api-dev");
  });
});
