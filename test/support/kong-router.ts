import type { KongDeclarativeConfig, KongRoute } from "../../components/kong";

/**
 * A small model of how Kong picks a route for a request, for the routes this stack emits (plain hosts, prefix
 * paths, methods, header conditions). Modelled on Kong's traditional router (kong/router/traditional.lua):
 * header values are lower-cased before matching; a condition value starting with `~*` is a regular expression
 * (the ATC-based default router lower-cases the pattern too, which is why the stack writes it in lower case);
 * a route with more kinds of conditions wins, then the one with the longer path.
 * It is a test model, not Kong: conformance with real Kong is not claimed.
 */
export interface ModelRequest {
  readonly host: string;
  readonly path: string;
  readonly method: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export function selectRoute(config: KongDeclarativeConfig, request: ModelRequest): KongRoute | undefined {
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
  const candidates = config.services
    .flatMap((s) => s.routes)
    .filter(
      (r) =>
        r.hosts.includes(request.host) &&
        r.paths.some((p) => request.path.startsWith(p)) &&
        (!r.methods || r.methods.includes(request.method)) &&
        Object.entries(r.headers ?? {}).every(([name, values]) => headerMatches(headers[name.toLowerCase()], values)),
    );
  const weight = (r: KongRoute) => [r.methods ? 1 : 0, r.headers ? 1 : 0, 1, 1].reduce((a, b) => a + b, 0);
  const longest = (r: KongRoute) => Math.max(...r.paths.map((p) => p.length));
  return candidates.sort((a, b) => weight(b) - weight(a) || longest(b) - longest(a))[0];
}

function headerMatches(value: string | undefined, conditions: readonly string[]): boolean {
  if (value === undefined) return false;
  return conditions.some((c) => (c.startsWith("~*") ? new RegExp(c.slice(2).toLowerCase()).test(value) : c.toLowerCase() === value));
}
