import { describe, expect, it } from "vitest";
import { findRouteOverlaps, normalizePath, overlapOf, type RouteMatch } from "../../../../components/shared/routing";
import { exampleStackRaw } from "../../../support/example-stacks";
import { configProblems } from "../../../support/config-problems";

const route = (name: string, over: Partial<RouteMatch> = {}): RouteMatch => ({
  name,
  hosts: ["api.example.com"],
  paths: ["/orders"],
  protection: "scope orders.read",
  ...over,
});

describe("overlapOf (Kong's prefix, host, method and header semantics)", () => {
  it("a prefix path overlaps every longer path it starts, as a string prefix (Kong: /orders matches /ordersx)", () => {
    expect(overlapOf(route("a"), route("b", { paths: ["/orders/1"] }))?.example.path).toBe("/orders/1");
    expect(overlapOf(route("a"), route("b", { paths: ["/ordersx"] }))).toBeDefined();
    expect(overlapOf(route("a"), route("b", { paths: ["/order"] }))).toBeDefined();
    expect(overlapOf(route("a"), route("b", { paths: ["/reports"] }))).toBeUndefined();
    expect(overlapOf(route("a", { paths: ["/"] }), route("b", { paths: ["/anything"] }))).toBeDefined();
  });

  it("compares paths as Kong normalizes them (percent-encoded unreserved characters, dot segments)", () => {
    expect(normalizePath("/%6Frders")).toBe("/orders");
    expect(normalizePath("/a/../orders/./x")).toBe("/orders/x");
    expect(overlapOf(route("a"), route("b", { paths: ["/%6frders"] }))).toBeDefined();
  });

  it("absent methods mean every method; disjoint method lists never overlap", () => {
    expect(overlapOf(route("a", { methods: ["GET"] }), route("b"))?.example.method).toBe("GET");
    expect(overlapOf(route("a", { methods: ["GET"] }), route("b", { methods: ["POST"] }))).toBeUndefined();
    expect(overlapOf(route("a", { methods: ["GET", "PUT"] }), route("b", { methods: ["POST", "PUT"] }))?.example.method).toBe("PUT");
  });

  it("hosts: exact, leading and trailing wildcards, and no hosts (any host)", () => {
    expect(overlapOf(route("a"), route("b", { hosts: ["other.example.com"] }))).toBeUndefined();
    expect(overlapOf(route("a"), route("b", { hosts: ["*.example.com"] }))?.example.host).toBe("api.example.com");
    expect(overlapOf(route("a"), route("b", { hosts: ["api.*"] }))).toBeDefined();
    expect(overlapOf(route("a"), route("b", { hosts: ["*.example.org"] }))).toBeUndefined();
    expect(overlapOf(route("a", { hosts: ["*.example.com"] }), route("b", { hosts: ["api.*"] }))?.example.host).toBe("api.example.com");
    expect(overlapOf(route("a", { hosts: [] }), route("b"))).toBeDefined();
  });

  it("headers: different plain values are disjoint; a regex (the cut-over issuer selector) is assumed able to match", () => {
    expect(overlapOf(route("a", { headers: { "X-T": ["a"] } }), route("b", { headers: { "x-t": ["b"] } }))).toBeUndefined();
    expect(overlapOf(route("a", { headers: { "X-T": ["A"] } }), route("b", { headers: { "x-t": ["a"] } }))).toBeDefined();
    expect(overlapOf(route("a", { headers: { authorization: ["~*^bearer x"] } }), route("b", { headers: { authorization: ["~*^bearer y"] } }))).toBeDefined();
    expect(overlapOf(route("a", { headers: { "X-T": ["a"] } }), route("b"))).toBeDefined();
  });

  it("winner: more kinds of conditions first, then the longer path; otherwise none", () => {
    expect(overlapOf(route("a", { methods: ["GET"] }), route("b"))?.winner?.name).toBe("a");
    expect(overlapOf(route("a"), route("b", { paths: ["/orders/x"] }))?.winner?.name).toBe("b");
    expect(overlapOf(route("a"), route("b"))?.winner).toBeUndefined();
  });
});

describe("findRouteOverlaps", () => {
  // Brute force over every pair and a grid of requests, with the same matching rules as test/support/kong-router.ts.
  const matches = (r: RouteMatch, host: string, path: string, method: string) =>
    r.hosts.includes(host) && r.paths.some((p) => path.startsWith(p)) && (!r.methods || r.methods.includes(method));

  it("finds exactly the pairs a request can reach both of (random route sets, brute force over requests)", () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const segments = ["/a", "/ab", "/a/b", "/b", "/a/bc", "/"];
    const hosts = ["h1.example.com", "h2.example.com"];
    const methods = ["GET", "POST", "PUT"];
    let compared = 0;
    for (let round = 0; round < 60; round++) {
      const routes = Array.from({ length: 6 }, (_, i) =>
        route(`r${i}`, {
          hosts: hosts.filter(() => rand(2) === 0).concat(rand(3) === 0 ? [] : [hosts[rand(2)]!]).filter((h, k, all) => all.indexOf(h) === k),
          paths: [segments[rand(segments.length)]!],
          ...(rand(2) ? { methods: methods.filter(() => rand(2) === 0).concat(methods[rand(3)]!) } : {}),
        }),
      ).filter((r) => r.hosts.length > 0);
      const found = new Set(findRouteOverlaps(routes).map((o) => `${o.a.name}/${o.b.name}`));
      const requests = hosts.flatMap((h) => ["/a", "/ab", "/a/b", "/a/bc", "/b", "/", "/abc", "/a/b/c"].flatMap((p) => methods.map((m) => [h, p, m] as const)));
      for (let i = 0; i < routes.length; i++)
        for (let j = i + 1; j < routes.length; j++) {
          const both = requests.some(([h, p, m]) => matches(routes[i]!, h, p, m) && matches(routes[j]!, h, p, m));
          expect(found.has(`${routes[i]!.name}/${routes[j]!.name}`), `${JSON.stringify([routes[i], routes[j]])}`).toBe(both);
          compared++;
        }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("5000 routes with distinct paths: no overlap reported, found by index not by comparing all 12.5 million pairs", () => {
    const routes = Array.from({ length: 5000 }, (_, i) => route(`r${i}`, { paths: [`/svc${i}/`] }));
    expect(findRouteOverlaps(routes)).toEqual([]);
  });
});

describe("stack config: overlapping routes and duplicate names", () => {
  const devWith = (...routes: Record<string, unknown>[]) => {
    const raw = exampleStackRaw("dev");
    raw["routes"].push(...routes);
    return raw;
  };

  it("refuses the issue's shadowing route: an anonymous GET /orders beside orders-read, naming both routes and the fix", () => {
    const problems = configProblems(devWith({ name: "orders-open", paths: ["/orders"], methods: ["GET"], upstream: "http://orders.orders.svc.cluster.local:8080", anonymous: true }));
    expect(problems).toEqual([
      expect.stringMatching(/^routes\[4\]: routes\[0\] "orders-read" and routes\[4\] "orders-open" both match GET api\.dev\.example\.com\/orders but demand different things \(a token with scopes orders\.read vs anonymous \(no token\)\).*give them disjoint paths, methods or hosts/),
    ]);
  });

  it("refuses a carve-out with weaker protection even where Kong has a winner (a longer anonymous path under a protected one)", () => {
    const problems = configProblems(devWith({ name: "open-sub", paths: ["/orders/public"], methods: ["GET"], upstream: "http://o.svc:80", anonymous: true }));
    expect(problems).toEqual([expect.stringMatching(/routes\[0\] "orders-read" and routes\[4\] "open-sub" both match GET api\.dev\.example\.com\/orders\/public but demand different things/)]);
  });

  it("refuses two equally protected routes with no defined winner, accepts one made more specific", () => {
    const same = { name: "orders-read-2", paths: ["/orders"], methods: ["GET"], upstream: "http://o.svc:80", scopes: ["orders.read"] };
    expect(configProblems(devWith(same))).toEqual([expect.stringMatching(/"orders-read" and routes\[4\] "orders-read-2" both match GET .* Kong has no defined winner/)]);
    expect(configProblems(devWith({ ...same, paths: ["/orders/archive"] }))).toEqual([]);
  });

  it("routes on different hosts or methods do not overlap", () => {
    expect(configProblems(devWith({ name: "open", paths: ["/orders"], hosts: ["public.example.com"], upstream: "http://o.svc:80", anonymous: true }))).toEqual([]);
    expect(configProblems(devWith({ name: "open", paths: ["/orders"], methods: ["OPTIONS"], upstream: "http://o.svc:80", anonymous: true }))).toEqual([]);
  });

  it("refuses methods: [] (Kong would read it as every method)", () => {
    expect(configProblems(devWith({ name: "x", paths: ["/x"], methods: [], upstream: "http://o.svc:80", anonymous: true }))).toEqual([
      "routes[4].methods: expected at least one method; leave methods out to match every method",
    ]);
  });

  it("refuses duplicate scope, access group, host and path names", () => {
    const raw = exampleStackRaw("dev");
    raw["identity"].scopes.push({ name: "orders.read", description: "again" });
    raw["identity"].accessGroups.push("orders-admins");
    raw["kong"].hostnames.push("api.dev.example.com");
    raw["routes"][3].paths.push("/healthz");
    expect(configProblems(raw)).toEqual([
      'identity.scopes[2].name: scope "orders.read" is declared twice; the IdP refuses duplicate scopes: remove one',
      'identity.accessGroups[2].name: access group "orders-admins" is declared twice; the IdP refuses duplicate groups: remove one',
      'kong.hostnames[1]: host name "api.dev.example.com" is listed twice: remove one',
      'routes[3].paths[1]: path "/healthz" is listed twice: remove one',
    ]);
  });
});
