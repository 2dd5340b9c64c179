import { describe, expect, it } from "vitest";
import { applyEdgeTrust, buildDeclarativeConfig, EDGE_ONLY_MESSAGE, IDENTITY_HEADERS, type KongDeclarativeConfig } from "../../../../components/kong";
import { byName, entraContract, jwksOf, rsaTestKey, stackConfig } from "./fixtures";

const cfg = stackConfig();
const KEY = rsaTestKey("edge-trust-kid");
const TRUST = { headers: ["X-APM-User", "X-APM-Groups"], sources: ["10.1.20.5", "10.1.20.50/31"] };
const build = (edition: "enterprise" | "oss", edgeTrust?: typeof TRUST & { routes?: string[] }) =>
  buildDeclarativeConfig([entraContract()], cfg.routes, {
    edition,
    hostnames: cfg.kong.hostnames,
    environment: cfg.environment,
    ...(edition === "oss" ? { jwks: { [entraContract().issuer]: jwksOf(KEY) } } : {}),
    ...(edgeTrust ? { edgeTrust } : {}),
  });
const routeOf = (config: KongDeclarativeConfig, name: string) => byName(config.services, name).routes[0]!;
const pluginsOf = (config: KongDeclarativeConfig, name: string) => routeOf(config, name).plugins;

describe("Kong accepts edge identity headers only from the edge", () => {
  it("a trusting route admits only the edge's addresses (ip-restriction)", () => {
    const config = build("enterprise", { ...TRUST, routes: ["reports"] });
    const plugins = pluginsOf(config, "reports");
    expect(plugins.find((p) => p.name === "ip-restriction")).toEqual({
      name: "ip-restriction",
      config: { allow: ["10.1.20.5", "10.1.20.50/31"], status: 403, message: EDGE_ONLY_MESSAGE },
      tags: ["kong-identity-stack", "environment-test"],
    });
    expect(plugins.some((p) => p.name === "request-transformer")).toBe(false);
    expect(plugins.map((p) => p.name)).toEqual([...plugins.map((p) => p.name)].sort());
  });

  it("every other route removes the headers, merged into the route's one request-transformer", () => {
    const config = build("enterprise", { ...TRUST, routes: ["reports"] });
    for (const name of ["orders-read", "orders-write"]) {
      expect(pluginsOf(config, name).find((p) => p.name === "request-transformer")?.config).toEqual({ remove: { headers: TRUST.headers } });
      expect(pluginsOf(config, name).some((p) => p.name === "ip-restriction")).toBe(false);
    }
    // The anonymous route already strips Kong's identity headers: one plugin instance does both.
    const health = pluginsOf(config, "health").filter((p) => p.name === "request-transformer");
    expect(health).toHaveLength(1);
    expect(health[0]!.config).toEqual({ remove: { headers: [...IDENTITY_HEADERS, ...TRUST.headers] } });
  });

  it("without a route list, every route is edge-only (OSS edition as well)", () => {
    for (const edition of ["enterprise", "oss"] as const) {
      const config = build(edition, TRUST);
      for (const s of config.services) expect(s.routes[0]!.plugins.some((p) => p.name === "ip-restriction"), `${edition} ${s.name}`).toBe(true);
    }
  });

  it("no edge trust, or no header, leaves the configuration exactly as before", () => {
    expect(build("enterprise", { headers: [], sources: [] })).toEqual(build("enterprise"));
    expect(applyEdgeTrust(build("oss"), undefined, [])).toEqual(build("oss"));
  });

  it("refuses trust without an address, and unknown routes", () => {
    expect(() => build("enterprise", { headers: ["X-APM-User"], sources: [] })).toThrow(/no edge address is given/);
    expect(() => build("enterprise", { ...TRUST, routes: ["nope"] })).toThrow("edge-trusted route(s) nope do not exist");
  });
});

describe("edge trust during an IdP cut-over", () => {
  it("treats every provider's copy of a trusting route alike", async () => {
    const { oktaContract } = await import("./fixtures");
    const config = buildDeclarativeConfig([entraContract(), oktaContract()], cfg.routes, {
      edition: "enterprise",
      hostnames: cfg.kong.hostnames,
      environment: cfg.environment,
      edgeTrust: { ...TRUST, routes: ["reports"] },
    });
    const copies = byName(config.services, "reports").routes;
    expect(copies.length).toBe(2);
    for (const copy of copies) {
      expect(copy.plugins.some((p) => p.name === "ip-restriction"), copy.name).toBe(true);
    }
    for (const copy of byName(config.services, "orders-read").routes) {
      expect(copy.plugins.some((p) => p.name === "ip-restriction"), copy.name).toBe(false);
    }
  });
});
