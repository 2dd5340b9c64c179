/**
 * Whether two Kong routes can match the same request, and whether Kong then has a defined winner.
 *
 * Kong (traditional and traditional_compatible routers, kong/router/*.lua) matches a request against a
 * route's hosts (exact, or one leading/trailing `*` label), paths (a plain path is a string prefix of the
 * normalized request path, case-sensitive; `~` starts a regex), methods (absent: every method) and headers
 * (absent: any value). Among routes that match, the one with more kinds of conditions wins, then the one
 * whose matching path is longer; two routes equal on both have no defined winner (the order Kong loaded them).
 *
 * Pure code over plain data, so it runs in config validation and over a rendered kong.yml alike.
 */
export interface RouteMatch {
  readonly name: string;
  readonly hosts: readonly string[];
  readonly paths: readonly string[];
  /** Absent: every method. */
  readonly methods?: readonly string[] | undefined;
  /** Header name (any case) → accepted values; a value starting with `~*` is a regular expression. */
  readonly headers?: Readonly<Record<string, readonly string[]>> | undefined;
  /** What the route demands of a caller; routes with different keys differ in protection. */
  readonly protection: string;
}

export interface RouteOverlap {
  readonly a: RouteMatch;
  readonly b: RouteMatch;
  /** One request both routes match, for the message. */
  readonly example: { readonly method: string; readonly host: string; readonly path: string };
  /** The route Kong picks for that request, or undefined when Kong has no defined winner. */
  readonly winner: RouteMatch | undefined;
  readonly sameProtection: boolean;
}

const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE"];

/** Every pair of routes that can match one request. Grouped by host and path prefix: 5000 routes stay fast. */
export function findRouteOverlaps(routes: readonly RouteMatch[]): RouteOverlap[] {
  const found: RouteOverlap[] = [];
  const seen = new Set<string>();
  const consider = (i: number, j: number) => {
    if (i === j) return;
    const key = i < j ? `${i}/${j}` : `${j}/${i}`;
    if (seen.has(key)) return;
    seen.add(key);
    const overlap = overlapOf(routes[Math.min(i, j)]!, routes[Math.max(i, j)]!);
    if (overlap) found.push(overlap);
  };
  // Exact hosts: index every (host, normalized path); a path's candidates are the routes holding one of its prefixes.
  const byHost = new Map<string, Map<string, number[]>>();
  const wildcard: number[] = [];
  routes.forEach((r, i) => {
    if (r.paths.some(isRegexPath) || r.hosts.length === 0) wildcard.push(i);
    for (const host of r.hosts) {
      if (host.includes("*")) {
        wildcard.push(i);
        continue;
      }
      const paths = byHost.get(host) ?? byHost.set(host, new Map()).get(host)!;
      for (const p of r.paths.filter((p) => !isRegexPath(p)).map(normalizePath)) (paths.get(p) ?? paths.set(p, []).get(p)!).push(i);
    }
  });
  for (const paths of byHost.values()) {
    for (const [path, holders] of paths) {
      for (let len = 1; len <= path.length; len++) {
        for (const j of paths.get(path.slice(0, len)) ?? []) for (const i of holders) consider(i, j);
      }
    }
  }
  // Routes with a wildcard host, no host or a regex path are few: compare them with everything.
  for (const i of new Set(wildcard)) routes.forEach((_, j) => consider(i, j));
  const index = new Map(routes.map((r, i) => [r, i] as const));
  return found.sort((x, y) => index.get(x.a)! - index.get(y.a)! || index.get(x.b)! - index.get(y.b)!);
}

/** Whether `a` and `b` can match one request, with an example and Kong's pick. */
export function overlapOf(a: RouteMatch, b: RouteMatch): RouteOverlap | undefined {
  const host = commonHost(a.hosts, b.hosts);
  if (host === undefined) return undefined;
  const methods = a.methods && b.methods ? a.methods.filter((m) => b.methods!.includes(m)) : (a.methods ?? b.methods ?? ALL_METHODS);
  if (methods.length === 0) return undefined;
  if (!headersCanAgree(a.headers, b.headers)) return undefined;
  const paths = commonPath(a.paths, b.paths);
  if (!paths) return undefined;
  const weight = (r: RouteMatch) => (r.hosts.length ? 1 : 0) + 1 + (r.methods ? 1 : 0) + (r.headers && Object.keys(r.headers).length ? 1 : 0);
  const winner =
    weight(a) !== weight(b) ? (weight(a) > weight(b) ? a : b) : paths.a.length !== paths.b.length ? (paths.a.length > paths.b.length ? a : b) : undefined;
  return {
    a,
    b,
    example: { method: methods[0]!, host, path: paths.request },
    winner,
    sameProtection: a.protection === b.protection,
  };
}

const isRegexPath = (p: string) => p.startsWith("~");

/**
 * Kong normalizes the request path before matching (RFC 3986 section 6.2.2: percent-encoded unreserved
 * characters decoded, dot segments removed); route paths are compared in the same form.
 */
export function normalizePath(path: string): string {
  const decoded = path.replace(/%([0-9A-Fa-f]{2})/g, (m, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9._~-]/.test(c) ? c : m.toUpperCase();
  });
  const out: string[] = [];
  const segments = decoded.split("/");
  segments.forEach((s, i) => {
    if (s === ".") {
      if (i === segments.length - 1) out.push("");
    } else if (s === "..") {
      if (out.length > 1) out.pop();
      if (i === segments.length - 1) out.push("");
    } else out.push(s);
  });
  return out.join("/") || "/";
}

/** Two prefix paths match one request when one is a prefix of the other; a regex path is assumed to (conservative). */
function commonPath(as: readonly string[], bs: readonly string[]): { a: string; b: string; request: string } | undefined {
  for (const pa of as) {
    for (const pb of bs) {
      if (isRegexPath(pa) || isRegexPath(pb)) return { a: pa, b: pb, request: isRegexPath(pa) ? pb : pa };
      const na = normalizePath(pa);
      const nb = normalizePath(pb);
      if (na.startsWith(nb) || nb.startsWith(na)) return { a: na, b: nb, request: na.length >= nb.length ? na : nb };
    }
  }
  return undefined;
}

/** A host both lists accept (no hosts: any host). Kong wildcards are one `*` label at the start or the end. */
function commonHost(as: readonly string[], bs: readonly string[]): string | undefined {
  if (as.length === 0) return bs.length === 0 ? "any-host" : instantiate(bs[0]!);
  if (bs.length === 0) return instantiate(as[0]!);
  for (const a of as) for (const b of bs) {
    const h = hostIntersection(a.toLowerCase(), b.toLowerCase());
    if (h !== undefined) return h;
  }
  return undefined;
}

const instantiate = (host: string) => host.replace(/^\*/, "x").replace(/\*$/, "com");

function hostIntersection(a: string, b: string): string | undefined {
  const matches = (pattern: string, host: string) =>
    pattern.startsWith("*.") ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
      : pattern.endsWith(".*") ? host.startsWith(pattern.slice(0, -1)) && host.length > pattern.length - 1
        : pattern === host;
  if (!a.includes("*")) return matches(b, a) ? a : undefined;
  if (!b.includes("*")) return matches(a, b) ? b : undefined;
  // Both wildcards: `*.x` and `*.y` meet when one suffix ends the other; a leading and a trailing one always can.
  if (a.startsWith("*.") && b.startsWith("*.")) return a.endsWith(b.slice(1)) ? instantiate(a) : b.endsWith(a.slice(1)) ? instantiate(b) : undefined;
  if (a.endsWith(".*") && b.endsWith(".*")) return a.startsWith(b.slice(0, -1)) ? instantiate(a) : b.startsWith(a.slice(0, -1)) ? instantiate(b) : undefined;
  const [lead, trail] = a.startsWith("*.") ? [a, b] : [b, a];
  return `${trail.slice(0, -2)}${lead.slice(1)}`;
}

/**
 * Header conditions on different headers can both hold; on the same header, plain values must share one
 * (compared lower-cased, as Kong does), and a regular expression is assumed able to match (a crafted token
 * can carry two `iss` members, so even the cut-over issuer selectors are not treated as exclusive).
 */
function headersCanAgree(a: RouteMatch["headers"], b: RouteMatch["headers"]): boolean {
  if (!a || !b) return true;
  const lower = (h: Readonly<Record<string, readonly string[]>>) => new Map(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
  const la = lower(a);
  for (const [name, bv] of lower(b)) {
    const av = la.get(name);
    if (!av) continue;
    if (av.some((v) => v.startsWith("~*")) || bv.some((v) => v.startsWith("~*"))) continue;
    if (!av.some((v) => bv.some((w) => w.toLowerCase() === v.toLowerCase()))) return false;
  }
  return true;
}
