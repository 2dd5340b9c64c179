import { describe, expect, it } from "vitest";
import {
  buildDeclarativeConfig,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  type KongDeclarativeConfig,
  type KongPlugin,
  type KongRoute,
} from "../../../../components/kong";
import { issuerSelectorPattern } from "../../../../components/kong";
import { byName, cognitoContract, entraContract, oktaContract, stackConfig, TENANT_ID } from "./fixtures";

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

  it("adds the global correlation-id plugin, and (Kong being the first hop) the pre-function that drops a client's X-Request-ID; no consumers", () => {
    const config = build();
    expect(config.plugins).toEqual([
      {
        name: "correlation-id",
        config: { header_name: "X-Request-ID", generator: "uuid#counter", echo_downstream: true },
        tags: ["kong-identity-stack", "environment-test"],
      },
      {
        name: "pre-function",
        config: { rewrite: ['-- kong-identity-stack: request id reset\nkong.service.request.clear_header("X-Request-ID")'] },
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

  it("a cut-over emits one copy of each protected route per provider, each with only that provider's rules", () => {
    const okta = oktaContract();
    const config = build([entraContract(), okta]);
    const write = byName(config.services, "orders-write").routes;
    expect(write.map((r) => r.name)).toEqual(["orders-write", "orders-write.okta"]);
    expect(write[0]!.headers).toBeUndefined();
    expect(write[1]!.headers).toEqual({ authorization: [issuerSelectorPattern(okta.issuer)] });
    for (const r of write) expect({ ...r, name: "", headers: undefined, plugins: [] }).toEqual({ ...write[0]!, name: "", headers: undefined, plugins: [] });

    const [entraOidc, oktaOidc] = write.map((r) => pluginOf(r, "openid-connect")!.config);
    expect(entraOidc).toMatchObject({
      issuers_allowed: [entraContract().issuer],
      audience_claim: ["aud"],
      audience_required: entraContract().audience!.values,
      scopes_claim: ["scp"],
      authenticated_groups_claim: ["roles"],
      upstream_headers_claims: ["sub", "azp"],
    });
    expect(oktaOidc).toMatchObject({
      issuer: okta.discoveryUrl,
      issuers_allowed: [okta.issuer],
      audience_claim: ["aud"],
      audience_required: ["api://orders-api"],
      scopes_claim: ["scp"],
      scopes_required: ["orders.read orders.write"],
      authenticated_groups_claim: ["groups"],
      upstream_headers_claims: ["sub", "cid"],
    });
    expect(oktaOidc!.extra_jwks_uris).toBeUndefined();
    // Both copies keep the route's acl and rate limit.
    expect(write.map((r) => r.plugins.map((p) => p.name))).toEqual([
      ["acl", "openid-connect", "rate-limiting"],
      ["acl", "openid-connect", "rate-limiting"],
    ]);
    // Anonymous routes are not copied.
    expect(byName(config.services, "health").routes.map((r) => r.name)).toEqual(["health"]);
  });

  it("a cut-over to Cognito keeps each provider's binding claim and leeway", () => {
    const config = build([entraContract({ tokenVersion: 1, leewaySeconds: 120 }), cognitoContract]);
    const [v1, cognito] = byName(config.services, "orders-read").routes.map((r) => pluginOf(r, "openid-connect")!.config);
    expect([v1!.audience_claim, v1!.leeway, v1!.scopes_required]).toEqual([["aud"], 120, ["orders.read"]]);
    expect([cognito!.audience_claim, cognito!.leeway, cognito!.scopes_required]).toEqual([
      ["client_id"],
      30,
      ["orders-api/orders.read"],
    ]);
  });

  it("refuses providers Kong could not tell apart (one issuer), and protected routes without a contract", () => {
    expect(() => build([entraContract({ name: "a" }), entraContract({ name: "b" })])).toThrow(/a and b share the issuer/);
    expect(() => build([])).toThrow(/no identity contract is trusted/);
    const onlyHealth = cfg.routes.filter((r) => r.anonymous);
    expect(build([], onlyHealth).services).toHaveLength(1);
  });

  it("refuses duplicate route names", () => {
    expect(() => build([entraContract()], [cfg.routes[0]!, cfg.routes[0]!])).toThrow(/used twice/);
  });
});
