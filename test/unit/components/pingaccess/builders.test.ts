import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../../../infra/config";
import { compareVersions, providerJwksHost, tokenValidationChoice, type TokenValidationChoice } from "../../../../components/shared/token-validation";
import {
  accessTokenValidatorPayload,
  pathPatternOf,
  pingAccessKongSettings,
  planPingAccessSideband,
  sharedSecretRotation,
  thirdPartyServicePayload,
  pingAccessVirtualHosts,
} from "../../../../components/pingaccess";
import { configProblems } from "../../../support/config-problems";
import { cognitoContract, entraContract, RAW_STACK_CONFIG, stackConfig } from "../kong/fixtures";

const PA = {
  adminUrl: "https://pa-admin.example.com:9000",
  version: "9.0.1",
  sidebandUrl: "https://pa.example.com:3000",
  plugin: { image: { repository: "registry.example.com/kong-ping-auth", tag: "3.9-1.2.0" } },
};
const withPa = (pa: Record<string, unknown>, edit: (raw: any) => void = () => {}) => {
  const raw = structuredClone(RAW_STACK_CONFIG) as any;
  raw.pingaccess = { ...PA, ...pa };
  edit(raw);
  return raw;
};

describe("planPingAccessSideband (pure)", () => {
  const cfg = stackConfig();
  const input = { apiName: "orders-api", environment: "test", routes: cfg.routes, virtualHosts: [{ host: "api.test.example.com", port: 443 }], secretHeaderName: "CLIENT-TOKEN" };

  it("one resource per protected route; one rule per distinct scope and group; 'any one of' for several groups", () => {
    const plan = planPingAccessSideband(input, entraContract());
    expect(plan.routes).toEqual(cfg.routes.filter((r) => !r.anonymous).map((r) => r.name).sort());
    expect(plan.rules.map((r) => `${r.kind}:${r.value}`)).toEqual(["scope:orders.read", "scope:orders.write", "group:orders-admins", "group:orders-readers"]);
    expect(plan.rules.find((r) => r.kind === "group")!.claim).toBe("roles");
    expect(plan.ruleSets).toEqual([
      { name: "orders-api-test-reports-any-group", successCriteria: "SuccessIfAnyOneSucceeds", rules: ["orders-api-test-group-orders-admins", "orders-api-test-group-orders-readers"] },
    ]);
    const write = plan.resources.find((r) => r.route === "orders-write")!;
    const route = cfg.routes.find((r) => r.name === "orders-write")!;
    expect(route.roles).toEqual(["orders-admins"]);
    expect(write.policy).toEqual([
      ...[...route.scopes].sort().map((s) => ({ type: "Rule", name: `orders-api-test-scope-${s}` })),
      { type: "Rule", name: "orders-api-test-group-orders-admins" },
    ]);
    // PingAccess wants a path on the token provider's (or a third-party service's) host, never the URL.
    expect(plan.tokenValidator).toMatchObject({ path: new URL(entraContract().jwksUri).pathname, issuer: entraContract().issuer, audience: entraContract().audience!.values[0] });
    expect(plan.tokenValidator.path).toMatch(/^\/[^/].*[^/]$/);
    expect(plan.thirdPartyServices).toEqual([]);
  });

  it("a named subset of routes; Cognito: scopes carry the resource-server prefix, no audience", () => {
    const plan = planPingAccessSideband({ ...input, routeNames: ["orders-read"] }, cognitoContract);
    expect(plan.resources.map((r) => r.route)).toEqual(["orders-read"]);
    expect(plan.rules.map((r) => r.value)).toEqual([`${cognitoContract.scopes.valuePrefix}orders.read`]);
    expect(plan.tokenValidator.audience).toBeUndefined();
  });

  it("Kong's prefix paths become WILDCARD patterns; methods default to every method", () => {
    expect(pathPatternOf("/orders")).toEqual({ type: "WILDCARD", pattern: "/orders*" });
    const plan = planPingAccessSideband(input, entraContract());
    expect(plan.resources.find((r) => r.route === "reports")!.methods).toEqual(cfg.routes.find((r) => r.name === "reports")!.methods ?? ["*"]);
  });

  it("the shared secret: two slots, Kong uses the newer, the revision follows it", () => {
    const day = 86_400_000;
    const a = sharedSecretRotation(new Date(100 * day), 90);
    const b = sharedSecretRotation(new Date(100 * day + 45 * day), 90);
    expect(a.slots).toHaveLength(2);
    expect(a.active.rotationKey).not.toBe(b.active.rotationKey);
    expect(Date.parse(a.active.endDate)).toBeGreaterThanOrEqual(Date.parse(a.slots[1 - a.active.slot]!.endDate));
  });
});

describe("the token validator as PingAccess expects it (path form, third-party JWKS host, skip audience)", () => {
  const cfg = stackConfig();
  const input = { apiName: "orders-api", environment: "test", routes: cfg.routes, virtualHosts: [{ host: "api.test.example.com", port: 443 }], secretHeaderName: "CLIENT-TOKEN" };
  const entraHost = { host: "login.microsoftonline.com", port: 443 };

  it("a JWKS on PingAccess's token provider: the path only, no third-party service", () => {
    const choice = tokenValidationChoice({ jwksHost: entraHost, tokenProviderHost: "login.microsoftonline.com", audience: true });
    expect(choice).toEqual({ skipAudienceValidation: false });
    const plan = planPingAccessSideband({ ...input, tokenValidation: choice as TokenValidationChoice }, entraContract());
    expect(plan.thirdPartyServices).toEqual([]);
    expect(accessTokenValidatorPayload(plan.tokenValidator).configuration).toEqual({
      path: new URL(entraContract().jwksUri).pathname,
      issuer: entraContract().issuer,
      audience: entraContract().audience!.values[0],
      subjectAttributeName: "sub",
    });
  });

  it("a JWKS on another host (8.3.2+): a third-party service for it, named by the validator", () => {
    const choice = tokenValidationChoice({ jwksHost: entraHost, version: "9.0.1", audience: true }) as TokenValidationChoice;
    expect(choice.thirdParty).toEqual(entraHost);
    const plan = planPingAccessSideband({ ...input, tokenValidation: choice }, entraContract());
    expect(plan.thirdPartyServices).toEqual([{ name: "orders-api-test-jwks-host", host: "login.microsoftonline.com", port: 443 }]);
    expect(thirdPartyServicePayload(plan.thirdPartyServices[0]!)).toMatchObject({ targets: ["login.microsoftonline.com:443"], secure: true, skipHostnameVerification: false, trustedCertificateGroupId: 2 });
    expect(accessTokenValidatorPayload(plan.tokenValidator, "41").configuration).toMatchObject({ path: new URL(entraContract().jwksUri).pathname, thirdPartyService: "41" });
    // A token provider on another port is another host.
    expect((tokenValidationChoice({ jwksHost: entraHost, tokenProviderHost: "login.microsoftonline.com:8443", version: "9.0", audience: true }) as TokenValidationChoice).thirdParty).toEqual(entraHost);
  });

  it("older versions are refused with the reason; a missing version when it matters names the key", () => {
    expect(tokenValidationChoice({ jwksHost: entraHost, version: "8.3.1", audience: true })).toMatchObject({ key: "version", problem: expect.stringMatching(/^PingAccess 8\.3\.1 cannot validate these tokens: .*third-party service .* from 8\.3\.2; upgrade/) });
    expect(tokenValidationChoice({ jwksHost: entraHost, audience: true })).toMatchObject({ key: "version", problem: expect.stringMatching(/^missing; /) });
    expect(compareVersions("8.3.2", "8.3")).toBeGreaterThan(0);
    expect(compareVersions("10.0", "9.9.9")).toBeGreaterThan(0);
    expect(compareVersions("8.0", "8.0.0")).toBe(0);
  });

  it("Cognito (no aud in access tokens): skip audience validation from 8.0; before 8.0 nothing to skip; unknown version refused", () => {
    const cognitoHost = { host: "cognito-idp.eu-west-1.amazonaws.com", port: 443 };
    const at = (version?: string) => tokenValidationChoice({ jwksHost: cognitoHost, tokenProviderHost: "cognito-idp.eu-west-1.amazonaws.com", audience: false, ...(version ? { version } : {}) });
    expect(at("8.0")).toEqual({ skipAudienceValidation: true });
    expect(at("7.3")).toEqual({ skipAudienceValidation: false });
    expect(at()).toMatchObject({ key: "version", problem: expect.stringMatching(/carry no aud.*skip audience validation/) });
    const plan = planPingAccessSideband({ ...input, tokenValidation: at("9.0") as TokenValidationChoice }, cognitoContract);
    expect(accessTokenValidatorPayload(plan.tokenValidator).configuration).toMatchObject({ skipAudienceValidation: true });
    expect(accessTokenValidatorPayload(plan.tokenValidator).configuration).not.toHaveProperty("audience");
  });

  it("the config knows each IdP's JWKS host, and refuses a version too old for it (exit-2 line naming pingaccess.version)", () => {
    expect(providerJwksHost({ kind: "okta", orgName: "dev-123456", baseUrl: "okta.com" })).toEqual({ host: "dev-123456.okta.com", port: 443 });
    expect(providerJwksHost({ kind: "cognito", region: "eu-west-1" })).toEqual({ host: "cognito-idp.eu-west-1.amazonaws.com", port: 443 });
    expect(new URL(entraContract().jwksUri).host).toBe(providerJwksHost({ kind: "entra" })!.host);
    expect(configProblems(withPa({ version: "8.2" }))).toEqual([expect.stringMatching(/^pingaccess\.version: PingAccess 8\.2 cannot validate these tokens/)]);
    expect(configProblems(withPa({ version: "8.2", tokenProviderHost: "login.microsoftonline.com" }))).toEqual([]);
    expect(configProblems(withPa({ version: "nine" }))).toEqual([expect.stringMatching(/^pingaccess\.version: expected the PingAccess version such as "9\.0\.1"/)]);
  });
});

describe("the pingaccess config block", () => {
  it("parses with defaults; virtual hosts default to Kong's host names on 443", () => {
    const pa = parseStackConfig(withPa({})).pingaccess!;
    expect(pa).toMatchObject({ enabled: true, secretHeaderName: "CLIENT-TOKEN", verifyServiceCertificate: true, connectionTimeoutMs: 10_000, sharedSecretLifetimeDays: 90 });
    expect(pa.credentials).toEqual({ source: "environment", username: "Administrator", passwordEnv: "PINGACCESS_ADMIN_PASSWORD", passwordKey: "pingaccess:adminPassword" });
    expect(pingAccessVirtualHosts(pa, ["a.example.com", "b.example.com"])).toEqual([{ host: "a.example.com", port: 443 }, { host: "b.example.com", port: 443 }]);
    expect(pingAccessVirtualHosts({ virtualHost: "edge.example.com:8443" }, ["a.example.com"])).toEqual([{ host: "edge.example.com", port: 8443 }]);
  });

  it.each([
    [{ sidebandUrl: "http://pa.example.com:3000" }, 'pingaccess.sidebandUrl: expected an https URL, got "http://pa.example.com:3000"; the shared secret travels in a header: use https, or set allowHttpSideband: true for a lab'],
    [{ sidebandUrl: "https://pa.example.com/sideband/request" }, "pingaccess.sidebandUrl: expected an http(s) URL of the PingAccess engine without /sideband/... (the plugin appends /sideband/request and /sideband/response), got \"https://pa.example.com/sideband/request\""],
    [{ adminUrl: "http://pa-admin.example.com" }, 'pingaccess.adminUrl: expected an https URL of the admin host without a path, such as https://pingaccess-admin.example.com:9000 (http only for a local stand-in), got "http://pa-admin.example.com"'],
    [{ routes: ["nope"] }, 'pingaccess.routes[0]: route "nope" is not in routes; name a configured route'],
    [{ routes: ["health"] }, 'pingaccess.routes[0]: route "health" is anonymous; PingAccess decides on token scopes and groups, so name a protected route'],
    [{ plugin: {} }, "pingaccess.plugin: missing; the Kong pods need the ping-auth plugin: set pingaccess.plugin.image (a Kong image with the LuaRocks package kong-plugin-ping-auth) or pingaccess.plugin.configMap (a ConfigMap with the plugin's Lua files)"],
    [{ plugin: { image: PA.plugin.image, configMap: "ping-auth-lua" } }, "pingaccess.plugin: set image or configMap, not both: the plugin must be installed once"],
    [{ credentials: { passwordKey: "kong-identity-stack:pw" } }, "pingaccess.credentials.passwordKey: expected a key outside the kong-identity-stack namespace (such as pingaccess:adminPassword): this project's own keys are stack settings, not secrets"],
    [{ connectionTimeoutMs: 0 }, "pingaccess.connectionTimeoutMs: expected a whole number from 100 to 120000 ms, got 0"],
  ])("%j → one line naming the key and the fix", (pa, message) => {
    expect(configProblems(withPa(pa))).toEqual([message]);
  });

  it("refuses two providers (a cut-over): one access token validator per application", () => {
    const problems = configProblems(
      withPa({}, (raw) => raw.identity.providers.push({ kind: "okta", orgName: "dev-123456" })),
    );
    expect(problems).toContain(
      "pingaccess.enabled: a PingAccess application has one access token validator, so it cannot accept both providers of a cut-over; finish the cut-over first, or disable pingaccess",
    );
  });

  it("Kong settings: ping-auth on the chosen routes, the plugin from an image or a ConfigMap", () => {
    const image = pingAccessKongSettings(parseStackConfig(withPa({})).pingaccess!, stackConfig().routes);
    expect(image.pingAuth).toMatchObject({ secretId: "pingaccess-shared-secret", serviceUrl: "https://pa.example.com:3000", verifyServiceCertificate: true });
    expect(image.customPlugins).toEqual({ names: ["ping-auth"], image: PA.plugin.image });
    const cm = pingAccessKongSettings(parseStackConfig(withPa({ plugin: { configMap: "ping-auth-lua" } })).pingaccess!, stackConfig().routes);
    expect(cm.customPlugins).toEqual({ names: ["ping-auth"], configMaps: [{ pluginName: "ping-auth", name: "ping-auth-lua" }] });
  });
});
