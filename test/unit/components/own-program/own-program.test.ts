import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { outputValue, startRecordingMocks } from "../../../support/pulumi-mocks";

/** Every repository source file reachable from `entry` through relative imports and requires (static and lazy). */
function importClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(/(?:from|import|require)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      const base = resolve(dirname(file), m[1]!);
      const target = [`${base}.ts`, join(base, "index.ts"), base].find((f) => existsSync(f) && f.endsWith(".ts"));
      if (target) visit(target);
    }
  };
  visit(entry);
  return [...seen];
}

// Mocks first: the program is imported only after setMocks (dynamic import in beforeAll).
const mocks = startRecordingMocks({ stack: "platform" });
let program: typeof import("./program");
let components: { KongGateway: typeof import("../../../../components/kong").KongGateway; EntraRegistration: typeof import("../../../../components/idp").EntraRegistration };
beforeAll(async () => {
  await mocks.ready;
  program = await import("./program");
  components = { KongGateway: (await import("../../../../components/kong")).KongGateway, EntraRegistration: (await import("../../../../components/idp")).EntraRegistration };
});

describe("KongGateway and EntraRegistration in a Pulumi program of their own (plain Args, no stack file)", () => {
  it("registers the Entra API and client applications and Kong's namespace, ConfigMap and chart release", async () => {
    await Promise.all([outputValue(program.kongYaml), mocks.registered("edge-config"), mocks.registered("edge-release")]);
    const types = mocks.registrations.map((r) => `${r.type} ${r.name}`);
    expect(types).toEqual(
      expect.arrayContaining([
        "kong-identity-stack:idp:EntraRegistration orders",
        "azuread:index/application:Application orders-entra-api",
        "azuread:index/servicePrincipal:ServicePrincipal orders-entra-api-sp",
        "kong-identity-stack:kong:KongGateway edge",
        "kubernetes:core/v1:Namespace edge-namespace",
        "kubernetes:core/v1:ConfigMap edge-config",
        "kubernetes:helm.sh/v3:Release edge-release",
      ]),
    );
    // The scopes given as plain names got the component's default description; the access group became an app role.
    const api = (await mocks.registered("orders-entra-api")).inputs;
    expect(api.api.oauth2PermissionScopes.map((s: { value: string }) => s.value)).toEqual(["orders.read", "orders.write"]);
    expect(api.api.requestedAccessTokenVersion).toBe(2);
    expect(api.appRoles.map((r: { value: string }) => r.value)).toEqual(["order-admins"]);
  });

  it("exposes the contract derived from the registration's outputs, and Kong validates exactly it", async () => {
    const [issuer, audience, clientIds, kongYaml] = await Promise.all([
      outputValue(program.issuer),
      outputValue(program.audience),
      outputValue(program.clientIds),
      outputValue(program.kongYaml),
    ]);
    expect(issuer).toBe("https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0");
    expect(Object.keys(clientIds)).toEqual(["billing"]);
    const config = parse(kongYaml);
    expect(config.services.map((s: { name: string }) => s.name).sort()).toEqual(["health", "orders-read"]);
    const route = config.services.flatMap((s: { routes: { name: string }[] }) => s.routes).find((r: { name: string }) => r.name === "orders-read");
    const oidc = route.plugins.find((p: { name: string }) => p.name === "openid-connect");
    expect(oidc.config.issuer).toBe(`${issuer}/.well-known/openid-configuration`);
    expect(oidc.config.audience_required).toEqual(audience);
  });

  it("applies the defaults it was not given inside the components (chart 3.4.1, namespace kong) and keeps what it was given", async () => {
    const release = (await mocks.registered("edge-release")).inputs;
    expect(release).toMatchObject({ chart: "kong", version: "3.4.1", namespace: "kong" });
    expect(release.values.replicaCount).toBe(3);
    expect(release.values.proxy.type).toBe("LoadBalancer");
  });

  it("reaches nothing of infra/ (no stack-file schema, no pulumi.Config read) through any import of the program", () => {
    const reached = importClosure(join(__dirname, "program.ts"));
    expect(reached.some((f) => f.includes(`${sep}components${sep}kong${sep}gateway${sep}`))).toBe(true);
    expect(reached.filter((f) => f.includes(`${sep}infra${sep}`))).toEqual([]);
    expect(reached.filter((f) => readFileSync(f, "utf8").includes("new pulumi.Config("))).toEqual([]);
  });

  it("refuses Args a component cannot serve, with the argument named", () => {
    expect(
      () =>
        new components.KongGateway("bad", {
          contracts: [],
          environment: "platform",
          kong: { hostnames: ["api.platform.example.com"] },
          routes: [{ name: "open", paths: ["/"], upstream: "http://x.svc", anonymous: true, scopes: ["orders.read"] }],
        }),
    ).toThrow(/route "open": an anonymous route cannot require scopes or roles/);
    expect(
      () =>
        new components.EntraRegistration("bad", {
          provider: { kind: "entra", tenantId: "11111111-2222-3333-4444-555555555555" },
          environment: "platform",
          identity: { apiName: "orders", scopes: ["orders.read"], clients: [{ name: "billing", kind: "service", scopes: ["orders.delete"] }] },
        }),
    ).toThrow(/client "billing": scope "orders.delete" is not one of the API's scopes/);
  });
});
