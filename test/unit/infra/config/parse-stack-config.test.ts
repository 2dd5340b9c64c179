import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig } from "../../../../infra/config";
import { configProblems } from "../../../support/config-problems";
import { exampleStackRaw } from "../../../support/example-stacks";

/** The example stack file's config, keys without the project prefix (what Pulumi's Config hands the program). */
const devStackConfig = () => exampleStackRaw("dev");

const TENANT = "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f";

describe("parseStackConfig: the example stack", () => {
  it("stacks/Pulumi.dev.yaml parses", () => {
    const cfg = parseStackConfig(devStackConfig());
    expect(cfg.environment).toBe("dev");
    expect(cfg.production).toBe(false);
    expect(cfg.identity.providers).toEqual([{ kind: "entra", tenantId: TENANT, tokenVersion: 2 }]);
    expect(cfg.identity.clients.map((c) => [c.name, c.kind])).toEqual([
      ["billing-service", "service"],
      ["ops-automation", "service"],
      ["orders-portal", "web"],
    ]);
    expect(cfg.routes.map((r) => r.name)).toEqual(["orders-read", "orders-write", "orders-reports", "health"]);
  });

  it("fills defaults the file leaves out", () => {
    const cfg = parseStackConfig(devStackConfig());
    expect(cfg.identity.refreshTokenLifetimeMinutes).toBe(480);
    expect(cfg.identity.clients[0]).toMatchObject({ redirectUris: [], scopes: [] });
    expect(cfg.routes[0]).toMatchObject({ roles: [], anonymous: false });
    expect(cfg.routes[3]).toMatchObject({ scopes: [], roles: [], anonymous: true });
    expect(cfg.kong.adminApi).toEqual({ enabled: false, serviceType: "ClusterIP" });
  });

  it("accepts a bare scope name as { name, description: '' } and defaults tokenVersion to 2", () => {
    const raw = devStackConfig();
    raw["identity"].scopes = ["orders.read", "orders.write"];
    delete raw["identity"].providers[0].tokenVersion;
    const cfg = parseStackConfig(raw);
    expect(cfg.identity.scopes[0]).toEqual({ name: "orders.read", description: "" });
    expect(cfg.identity.providers[0]).toMatchObject({ kind: "entra", tokenVersion: 2 });
  });
});

describe("parseStackConfig: production rules", () => {
  it.each([
    { environment: "prod", production: false, expected: false },
    { environment: "payments-prod", production: false, expected: false },
    { environment: "dev", production: true, expected: true },
    { environment: "staging", production: true, expected: true },
  ])("environment $environment, production $production -> $expected (the setting decides, never the name)", ({ environment, production, expected }) => {
    const raw = { ...devStackConfig(), environment, production };
    expect(parseStackConfig(raw).production).toBe(expected);
  });

  it("is required: a stack file that does not say is refused, naming the key and both answers", () => {
    const { production: _, ...raw } = devStackConfig() as Record<string, unknown>;
    expect(() => parseStackConfig({ ...raw, environment: "prod" })).toThrow(/^production: missing; expected true or false: whether this stack is production/);
  });
});

type Edit = (raw: Record<string, any>) => void;
const bad: { name: string; edit: Edit; message: string }[] = [
  { name: "non-http upstream", edit: (r) => (r.routes[2].upstream = "ftp://x"), message: 'routes[2].upstream: expected an http(s) URL, got "ftp://x"' },
  {
    name: "unknown top-level key",
    edit: (r) => (r.kongg = {}),
    message: '(stack config): unknown key "kongg"; expected one of environment, production, identity, kong, routes, f5, f5TlsCertificate, f5TlsPrivateKey, f5Password, kongTlsPrivateKey, kubernetes, kubeconfig, zpa, idp, idpTenant, apiName, kubernetesContext, hostname, upstream, observability, pingaccess',
  },
  {
    name: "unknown nested key",
    edit: (r) => (r.identity.clients[0].secret = "s3cret"),
    message: 'identity.clients[0]: unknown key "secret"; expected one of name, kind, redirectUris, scopes, groups',
  },
  {
    name: "undeclared scope in a route",
    edit: (r) => (r.routes[0].scopes = ["orders.delete"]),
    message: 'routes[0].scopes[0]: scope "orders.delete" is not declared in identity.scopes; declare it there or fix the name',
  },
  {
    name: "undeclared role in a route",
    edit: (r) => (r.routes[2].roles = ["orders-readers", "nobody"]),
    message: 'routes[2].roles[1]: access group "nobody" is not declared in identity.accessGroups; declare it there or fix the name',
  },
  {
    name: "anonymous route with scopes",
    edit: (r) => (r.routes[3].scopes = ["orders.read"]),
    message: "routes[3].anonymous: an anonymous route cannot require scopes or roles; remove them or set anonymous: false",
  },
  {
    name: "web client without redirect URI",
    edit: (r) => delete r.identity.clients[2].redirectUris,
    message: "identity.clients[2].redirectUris: a web client needs at least one redirect URI (or a route whose signIn.client names it)",
  },
  {
    name: "service client with a redirect URI",
    edit: (r) => (r.identity.clients[0].redirectUris = ["https://billing.example.com/cb"]),
    message: "identity.clients[0].redirectUris: a service client (client credentials) takes no redirect URIs; remove them or use kind: web",
  },
  {
    name: "client with an undeclared group",
    edit: (r) => (r.identity.clients[1].groups = ["root"]),
    message: 'identity.clients[1].groups[0]: access group "root" is not declared in identity.accessGroups',
  },
  {
    name: "three providers",
    edit: (r) => (r.identity.providers = ["a", "b", "c"].map((name) => ({ kind: "entra", name, tenantId: TENANT }))),
    message: "identity.providers: expected one provider, or two during a cut-over window",
  },
  { name: "no provider", edit: (r) => (r.identity.providers = []), message: "identity.providers: expected at least one identity provider" },
  {
    name: "two providers with the same name",
    edit: (r) => r.identity.providers.push({ kind: "entra", tenantId: TENANT, tokenVersion: 1 }),
    message: "identity.providers[1].name: two providers share a name; give each a distinct name",
  },
  {
    name: "unsupported provider kind",
    edit: (r) => (r.identity.providers[0].kind = "keycloak"),
    message: 'identity.providers[0].kind: expected a provider with kind "entra", "okta" or "cognito", got "keycloak"',
  },
  {
    name: "provider without kind",
    edit: (r) => delete r.identity.providers[0].kind,
    message: 'identity.providers[0].kind: missing; expected a provider with kind "entra", "okta" or "cognito"',
  },
  {
    name: "tenant id that is not a GUID",
    edit: (r) => (r.identity.providers[0].tenantId = "contoso.onmicrosoft.com"),
    message: 'identity.providers[0].tenantId: expected a GUID such as 00000000-0000-0000-0000-000000000000, got "contoso.onmicrosoft.com"',
  },
  { name: "token version 3", edit: (r) => (r.identity.providers[0].tokenVersion = 3), message: "identity.providers[0].tokenVersion: expected 1 or 2, got 3" },
  {
    name: "token version as a string",
    edit: (r) => (r.identity.providers[0].tokenVersion = "2"),
    message: 'identity.providers[0].tokenVersion: expected 1 or 2, got "2"',
  },
  {
    name: "access-token lifetime below the IdPs' minimum",
    edit: (r) => (r.identity.accessTokenLifetimeMinutes = 2),
    message: "identity.accessTokenLifetimeMinutes: expected a whole number from 5 to 1440 minutes, got 2",
  },
  {
    name: "leeway as a string",
    edit: (r) => (r.identity.leewaySeconds = "60"),
    message: 'identity.leewaySeconds: expected a whole number from 0 to 3600 seconds, got "60"',
  },
  {
    name: "scope name with a space (and nothing else reported for it)",
    edit: (r) => (r.identity.scopes[0].name = "orders read"),
    message: 'identity.scopes[0].name: expected a scope name such as orders.read (letters, digits, . _ : -; no spaces or wildcards), got "orders read"',
  },
  { name: "no scopes at all", edit: (r) => (r.identity.scopes = []), message: "identity.scopes: expected at least one scope" },
  { name: "display name that is not text", edit: (r) => (r.identity.displayName = 42), message: "identity.displayName: expected a display name, got 42" },
  {
    name: "upper-case environment",
    edit: (r) => (r.environment = "Prod"),
    message: 'environment: expected an environment name such as dev, staging or prod (lower-case letters, digits and dashes), got "Prod"',
  },
  {
    name: "unknown HTTP method",
    edit: (r) => (r.routes[0].methods = ["FETCH"]),
    message: 'routes[0].methods[0]: expected one of "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", got "FETCH"',
  },
  { name: "relative path", edit: (r) => (r.routes[1].paths = ["orders"]), message: 'routes[1].paths[0]: expected a path starting with "/", got "orders"' },
  {
    name: "duplicate route name",
    edit: (r) => (r.routes[1].name = "orders-read"),
    message: 'routes[1].name: route name "orders-read" is used twice; route names must be unique',
  },
  {
    name: "missing kong block",
    edit: (r) => delete r.kong,
    message: "kong: missing; expected an object with edition, namespace, chartVersion, image, replicas, proxyServiceType, hostnames, licenseSecretName, configDelivery, adminApi, tokenValidationOverride, tls, proxyHttp, proxyExternalTrafficPolicy, resources, reloader, proxyLoadBalancerAddress",
  },
  { name: "routes not a list", edit: (r) => (r.routes = "all"), message: 'routes: expected a list of routes, got "all"' },
  { name: "production not a boolean", edit: (r) => (r.production = "yes"), message: 'production: expected true or false: whether this stack is production (production: true turns on production rules and selects policy-packs/identity/config/prod.json), got "yes"' },
];

describe("parseStackConfig: each bad value gives exactly one line naming its key path", () => {
  it.each(bad)("$name", ({ edit, message }) => {
    const raw = devStackConfig();
    edit(raw);
    expect(configProblems(raw)).toEqual([message]);
  });

  it("every problem is reported, one line each, and the error message joins them", () => {
    const raw = devStackConfig();
    raw["routes"][2].upstream = "ftp://x";
    raw["identity"].providers[0].tenantId = "nope";
    let error: unknown;
    try {
      parseStackConfig(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems: lines, message, name } = error as ConfigError;
    expect(name).toBe("ConfigError");
    expect(lines).toHaveLength(2);
    expect(lines).toContain('routes[2].upstream: expected an http(s) URL, got "ftp://x"');
    expect(lines.some((l) => l.startsWith("identity.providers[0].tenantId: "))).toBe(true);
    expect(message).toBe(lines.join("\n"));
    for (const line of lines) expect(line).not.toContain("\n");
  });

  it("no config at all names the top-level keys", () => {
    expect(configProblems(undefined)).toEqual(["(stack config): missing; expected an object with environment, production, identity, kong, routes, f5, f5TlsCertificate, f5TlsPrivateKey, f5Password, kongTlsPrivateKey, kubernetes, kubeconfig, zpa, idp, idpTenant, apiName, kubernetesContext, hostname, upstream, observability, pingaccess"]);
  });
});
