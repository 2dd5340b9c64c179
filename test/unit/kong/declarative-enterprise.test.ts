import { describe, expect, it } from "vitest";
import {
  buildDeclarativeConfig,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  type KongDeclarativeConfig,
  type KongPlugin,
  type KongRoute,
} from "../../../components/kong";
import { byName, cognitoContract, entraContract, stackConfig, TENANT_ID } from "./fixtures";

const cfg = stackConfig();
const build = (contracts = [entraContract()], routes = cfg.routes): KongDeclarativeConfig =>
  buildDeclarativeConfig(contracts, routes, { edition: "enterprise", hostnames: cfg.kong.hostnames, environment: cfg.environment });

const routeOf = (config: KongDeclarativeConfig, name: string): KongRoute => byName(config.services, name).routes[0]!;
const pluginOf = <N extends KongPlugin["name"]>(route: KongRoute, name: N) =>
  route.plugins.find((p): p is Extract<KongPlugin, { name: N }> => p.name === name);

describe("buildDeclarativeConfig (enterprise)", () => {
  it("emits one service per route, named after it, pointing at its upstream", () => {
    const config = build();
    expect(config._format_version).toBe("3.0");
    expect(config.services.map((s) => s.name)).toEqual(["health", "orders-read", "orders-write", "reports"]);
    expect(byName(config.services, "reports").url).toBe("http://reports.orders.svc.cluster.local:8080");
    for (const service of config.services) {
      expect(service.routes).toHaveLength(1);
      expect(service.routes[0]!.name).toBe(service.name);
    }
  });

  it("routes take the kong host names unless they name their own, keep the path, and accept https only", () => {
    const config = build();
    const read = routeOf(config, "orders-read");
    expect(read.hosts).toEqual(["api.test.example.com", "api2.test.example.com"]);
    expect(read.paths).toEqual(["/orders"]);
    expect(read.methods).toEqual(["GET"]);
    expect(read.strip_path).toBe(false);
    expect(read.protocols).toEqual(["https"]);
    expect(routeOf(config, "reports").hosts).toEqual(["reports.test.example.com"]);
    expect(routeOf(config, "reports").methods).toBeUndefined();
  });

  it("configures openid-connect from the contract: discovery, issuer, audience, claims, leeway", () => {
    const contract = entraContract();
    const oidc = pluginOf(routeOf(build([contract]), "orders-read"), "openid-connect")!;
    expect(oidc.config).toMatchObject({
      issuer: `https://login.microsoftonline.com/${TENANT_ID}/v2.0/.well-known/openid-configuration`,
      issuers_allowed: [contract.issuer],
      auth_methods: ["bearer"],
      bearer_token_param_type: ["header"],
      audience_claim: ["aud"],
      audience_required: contract.audience!.values,
      scopes_claim: ["scp"],
      leeway: 60,
      verify_claims: true,
      verify_signature: true,
      enable_hs_signatures: false,
      authenticated_groups_claim: ["roles"],
      credential_claim: ["sub"],
      upstream_headers_claims: ["sub", "azp"],
      upstream_headers_names: ["x-authenticated-subject", "x-authenticated-client"],
    });
    expect(oidc.config.extra_jwks_uris).toBeUndefined();
    expect(oidc.config.rediscovery_lifetime).toBeGreaterThan(0);
  });

  it("follows the contract when the issuer changes (v1 tokens: other issuer, discovery, audiences, client claim)", () => {
    const v1 = entraContract({ tokenVersion: 1 });
    const oidc = pluginOf(routeOf(build([v1]), "orders-read"), "openid-connect")!;
    expect(oidc.config.issuer).toBe(v1.discoveryUrl);
    expect(oidc.config.issuers_allowed).toEqual([`https://sts.windows.net/${TENANT_ID}/`]);
    expect(oidc.config.audience_required).toEqual(v1.audience!.values);
    expect(oidc.config.upstream_headers_claims).toEqual(["sub", "appid"]);
    expect(oidc.config.leeway).toBe(v1.leewaySeconds);
    const other = entraContract({ tenantId: "99999999-8888-4777-8666-555555555555", leewaySeconds: 120 });
    const moved = pluginOf(routeOf(build([other]), "orders-read"), "openid-connect")!;
    expect(moved.config.issuers_allowed).toEqual([other.issuer]);
    expect(moved.config.leeway).toBe(120);
  });

  it("requires all of a route's scopes in one space-joined string (AND), with the IdP's prefix", () => {
    expect(pluginOf(routeOf(build(), "orders-write"), "openid-connect")!.config.scopes_required).toEqual([
      "orders.read orders.write",
    ]);
    const cognito = pluginOf(routeOf(build([cognitoContract]), "orders-write"), "openid-connect")!;
    expect(cognito.config.scopes_claim).toEqual(["scope"]);
    expect(cognito.config.scopes_required).toEqual(["orders-api/orders.read orders-api/orders.write"]);
    expect(pluginOf(routeOf(build(), "reports"), "openid-connect")!.config.scopes_required).toBeUndefined();
  });

  it("binds Cognito tokens by client_id, since its access tokens carry no audience", () => {
    const oidc = pluginOf(routeOf(build([cognitoContract]), "orders-read"), "openid-connect")!;
    expect(oidc.config.audience_claim).toEqual(["client_id"]);
    expect(oidc.config.audience_required).toEqual(cognitoContract.clients.values);
    expect(oidc.config.authenticated_groups_claim).toEqual(["cognito:groups"]);
    expect(oidc.config.leeway).toBe(30);
  });

  it("adds an acl only to routes that require roles, allowing any one of them", () => {
    const config = build();
    expect(pluginOf(routeOf(config, "orders-read"), "acl")).toBeUndefined();
    expect(pluginOf(routeOf(config, "orders-write"), "acl")!.config).toEqual({ allow: ["orders-admins"], hide_groups_header: true });
    expect(pluginOf(routeOf(config, "reports"), "acl")!.config.allow).toEqual(["orders-readers", "orders-admins"]);
  });

  it("leaves anonymous routes unauthenticated but rate limited by address, stripping identity headers", () => {
    const health = routeOf(build(), "health");
    expect(health.plugins.map((p) => p.name)).toEqual(["rate-limiting", "request-transformer"]);
    expect(pluginOf(health, "rate-limiting")!.config).toEqual({ minute: 60, policy: "local", limit_by: "ip" });
    expect(pluginOf(health, "request-transformer")!.config.remove.headers).toEqual([
      "x-authenticated-subject",
      "x-authenticated-client",
    ]);
  });

  it("rate limits protected routes per caller, with the default where the route names no limit", () => {
    const config = build();
    expect(pluginOf(routeOf(config, "orders-write"), "rate-limiting")!.config).toEqual({
      minute: 120,
      policy: "local",
      limit_by: "consumer",
    });
    expect(pluginOf(routeOf(config, "reports"), "rate-limiting")!.config.minute).toBe(DEFAULT_RATE_LIMIT_PER_MINUTE);
    expect(pluginOf(routeOf(config, "orders-read"), "request-transformer")).toBeUndefined();
  });

  it("adds one global correlation-id plugin and no consumers", () => {
    const config = build();
    expect(config.plugins).toEqual([
      {
        name: "correlation-id",
        config: { header_name: "X-Request-ID", generator: "uuid#counter", echo_downstream: true },
        tags: ["kong-identity-stack", "environment-test"],
      },
    ]);
    expect(config.consumers).toEqual([]);
  });

  it("is deterministic: same input, same output, whatever the route order", () => {
    const reversed = [...cfg.routes].reverse();
    expect(JSON.stringify(build())).toBe(JSON.stringify(build()));
    expect(JSON.stringify(build([entraContract()], reversed))).toBe(JSON.stringify(build()));
  });

  it("serves a cut-over between two providers with the same claims in one plugin per route", () => {
    const from = entraContract({ name: "entra-old", tokenVersion: 1, leewaySeconds: 30 });
    const to = entraContract({ name: "entra-new" });
    const oidc = pluginOf(routeOf(build([to, from]), "orders-write"), "openid-connect")!;
    expect(oidc.config.issuer).toBe(to.discoveryUrl);
    expect(oidc.config.issuers_allowed).toEqual([to.issuer, from.issuer]);
    expect(oidc.config.extra_jwks_uris).toEqual([from.jwksUri]);
    expect(oidc.config.audience_required).toEqual([...new Set([...to.audience!.values, ...from.audience!.values])]);
    expect(oidc.config.leeway).toBe(60);
    expect(oidc.config.upstream_headers_claims).toEqual(["sub", "azp", "appid"]);
    expect(oidc.config.upstream_headers_names).toEqual(["x-authenticated-subject", "x-authenticated-client", "x-authenticated-client"]);
  });

  it("refuses a cut-over between providers whose claims differ, and protected routes without a contract", () => {
    expect(() => build([entraContract(), cognitoContract])).toThrow(/different audience\/client binding claims \(aud vs client_id\)/);
    expect(() => build([])).toThrow(/no identity contract is trusted/);
    const onlyHealth = cfg.routes.filter((r) => r.anonymous);
    expect(build([], onlyHealth).services).toHaveLength(1);
  });

  it("refuses duplicate route names", () => {
    expect(() => build([entraContract()], [cfg.routes[0]!, cfg.routes[0]!])).toThrow(/used twice/);
  });
});
