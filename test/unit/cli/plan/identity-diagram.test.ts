import { describe, expect, it } from "vitest";
import { deriveEntraContract } from "../../../../components/contract";
import { renderIdentityDiagram, type HopDetector } from "../../../../cli/plan/artifacts/identity-diagram";
import type { PlanDocument, PlannedRoute } from "../../../../cli/plan/plan-document";

const contract = deriveEntraContract({
  name: "corp",
  tenantId: "11111111-2222-3333-4444-555555555555",
  apiClientId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  identifierUri: "api://aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  clientIds: ["c1"],
  tokenVersion: 2,
  scopeNames: ["orders.read"],
  accessGroups: ["admins"],
  leewaySeconds: 60,
  accessTokenLifetimeSeconds: 3600,
});

const route = (i: number, extra: Partial<PlannedRoute> = {}): PlannedRoute => ({
  name: `r${i}`,
  hosts: ["api.example.com"],
  paths: [`/r${i}`],
  methods: [],
  upstream: `http://svc${i % 2}.local`,
  scopes: ["orders.read"],
  roles: [],
  anonymous: false,
  rateLimitPerMinute: undefined,
  effectiveRateLimitPerMinute: 1200,
  ...extra,
});

const plan = (routes: PlannedRoute[]): PlanDocument => ({
  kind: "kis-plan",
  version: 1,
  project: "p",
  stack: "s",
  environment: "dev",
  production: false,
  summary: { resources: 0, customResources: 0, components: 0, byType: {} },
  identityContracts: [contract],
  requestPath: { hops: [], unverified: [] },
  gateway: { edition: "enterprise", namespace: "kong", hostnames: ["api.example.com"], replicas: 2 },
  routes,
  limitations: [],
  outputs: {},
  resources: [],
});

const mermaid = (text: string) => text.split("```mermaid\n")[1]!.split("```")[0]!;

describe("renderIdentityDiagram", () => {
  it("puts the contract's issuer and audience on the token edge and the JWKS on the key edge", () => {
    const text = mermaid(renderIdentityDiagram(plan([route(1)]), []));
    expect(text).toContain(`iss=${contract.issuer}, aud=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`);
    expect(text).toContain(`kong -. "JWKS: ${contract.jwksUri}" .-> idp0`);
  });

  it("draws one edge per route with its rule while routes are few", () => {
    const text = mermaid(renderIdentityDiagram(plan([route(1), route(2, { anonymous: true, scopes: [] })]), []));
    expect(text).toContain(`kong -- "r1: scopes orders.read" --> up0`);
    expect(text).toContain(`kong -- "r2: anonymous" --> up1`);
  });

  it("groups routes per upstream when there are many", () => {
    const routes = Array.from({ length: 40 }, (_, i) => route(i, { anonymous: i === 0, scopes: i === 0 ? [] : ["orders.read"] }));
    const text = mermaid(renderIdentityDiagram(plan(routes), []));
    expect(text).toContain(`kong -- "20 routes, 1 anonymous" --> up0`);
    expect(text).toContain(`kong -- "20 routes" --> up1`);
    expect(text.split("\n").filter((l) => l.startsWith("  kong -- ")).length).toBe(2);
  });

  it("inserts detected hops between the caller and Kong, outermost first", () => {
    const detectors: HopDetector[] = [
      () => ({ id: "zpa", label: "ZPA", edgeLabel: "L4 tunnel" }),
      () => undefined,
      () => ({ id: "f5", label: "F5", edgeLabel: "TLS, headers stripped" }),
    ];
    const text = mermaid(renderIdentityDiagram(plan([route(1)]), detectors));
    expect(text).toContain(`caller -- "HTTPS + Bearer access token" --> zpa`);
    expect(text).toContain(`zpa -- "L4 tunnel" --> f5`);
    expect(text).toContain(`f5 -- "TLS, headers stripped" --> kong`);
  });

  it("escapes quotes and angle brackets so labels cannot break the diagram", () => {
    const text = mermaid(renderIdentityDiagram(plan([route(1, { upstream: 'http://x.local/"<a>' })]), []));
    expect(text).toContain(`up0["http://x.local/#quot;#lt;a#gt;"]`);
  });
});
