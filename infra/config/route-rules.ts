import type { z } from "zod";
import { findRouteOverlaps, type RouteMatch } from "../../components/shared/routing";
import { show } from "./primitives";

/**
 * Rules between routes and between declared names that no single field can check:
 *   - two routes that can match one request must demand the same of the caller, and Kong must have a
 *     defined winner between them (a more specific path or more kinds of conditions);
 *   - declared scope, access-group and host names are unique (the IdPs refuse duplicates at deploy time).
 * Cut-over copies of a route (one per provider, told apart by an issuer header) share the route's protection,
 * so checking the configured routes covers the copies too.
 */

interface RouteLike {
  readonly name: string;
  readonly hosts?: readonly string[] | undefined;
  readonly paths: readonly string[];
  readonly methods?: readonly string[] | undefined;
  readonly anonymous: boolean;
  readonly scopes: readonly string[];
  readonly roles: readonly string[];
}

/** At most this many overlap lines: a stack of 5000 copied routes must not print 5000 lines. */
const MAX_OVERLAP_LINES = 20;

export function protectionOf(r: RouteLike): string {
  if (r.anonymous) return "anonymous (no token)";
  const parts = [
    r.scopes.length ? `scopes ${[...r.scopes].sort().join(" ")}` : "",
    r.roles.length ? `one of roles ${[...r.roles].sort().join(" ")}` : "",
  ].filter(Boolean);
  return parts.length ? `a token with ${parts.join(" and ")}` : "any valid token";
}

export function routeOverlapProblems(
  routes: readonly RouteLike[],
  defaultHosts: readonly string[],
  fail: (path: (string | number)[], message: string) => void,
): void {
  const matches: RouteMatch[] = routes.map((r) => ({
    name: r.name,
    hosts: r.hosts ?? defaultHosts,
    paths: r.paths,
    methods: r.methods,
    protection: protectionOf(r),
  }));
  const index = new Map(matches.map((m, i) => [m, i] as const));
  const overlaps = findRouteOverlaps(matches);
  overlaps.slice(0, MAX_OVERLAP_LINES).forEach((o) => {
    const i = index.get(o.a)!;
    const j = index.get(o.b)!;
    const request = `${o.example.method} ${o.example.host}${o.example.path}`;
    const both = `routes[${i}] ${show(o.a.name)} and routes[${j}] ${show(o.b.name)} both match ${request}`;
    if (!o.sameProtection) {
      fail(
        ["routes", j],
        `${both} but demand different things (${o.a.protection} vs ${o.b.protection}), so one can shadow the other's protection; ` +
          "give them disjoint paths, methods or hosts, or the same scopes, roles and anonymous setting",
      );
    } else if (!o.winner) {
      fail(
        ["routes", j],
        `${both} and Kong has no defined winner between them (same conditions, same path length); ` +
          "merge them into one route, or make one more specific (a longer path, or methods on one only)",
      );
    }
  });
  const shown = overlaps.slice(0, MAX_OVERLAP_LINES).length;
  const refused = overlaps.filter((o) => !o.sameProtection || !o.winner).length;
  if (refused > shown) fail(["routes"], `${refused - shown} more overlapping route pairs not listed; fix the ones above and plan again`);
}

/** Indexes of values that repeat an earlier one. */
export function duplicateIndexes(values: readonly string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => (seen.has(v) ? [i] : (seen.add(v), [])));
}

interface NamesLike {
  readonly identity: { readonly scopes: readonly { name: string }[]; readonly accessGroups: readonly { name: string }[] };
  readonly kong: { readonly hostnames: readonly string[] };
  readonly routes: readonly RouteLike[];
}

export function routeAndNameRules(c: NamesLike, ctx: z.RefinementCtx): void {
  const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  duplicateIndexes(c.identity.scopes.map((s) => s.name)).forEach((i) =>
    fail(["identity", "scopes", i, "name"], `scope ${show(c.identity.scopes[i]!.name)} is declared twice; the IdP refuses duplicate scopes: remove one`),
  );
  duplicateIndexes(c.identity.accessGroups.map((g) => g.name)).forEach((i) =>
    fail(["identity", "accessGroups", i, "name"], `access group ${show(c.identity.accessGroups[i]!.name)} is declared twice; the IdP refuses duplicate groups: remove one`),
  );
  duplicateIndexes(c.kong.hostnames).forEach((i) => fail(["kong", "hostnames", i], `host name ${show(c.kong.hostnames[i])} is listed twice: remove one`));
  c.routes.forEach((r, k) => {
    duplicateIndexes(r.hosts ?? []).forEach((i) => fail(["routes", k, "hosts", i], `host name ${show(r.hosts![i])} is listed twice: remove one`));
    duplicateIndexes(r.paths).forEach((i) => fail(["routes", k, "paths", i], `path ${show(r.paths[i])} is listed twice: remove one`));
    duplicateIndexes(r.methods ?? []).forEach((i) => fail(["routes", k, "methods", i], `method ${show(r.methods![i])} is listed twice: remove one`));
  });
  routeOverlapProblems(c.routes, c.kong.hostnames, fail);
}
