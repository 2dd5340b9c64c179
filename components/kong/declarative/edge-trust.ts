import { edgeOnlyPlugin, type KongPlugin } from "../plugins";
import { compare } from "./order";
import type { EdgeClientAddress, KongDeclarativeConfig, KongRoute } from "./types";

/**
 * Identity headers set by a network edge in front of Kong (F5 APM after sign-in) and read by upstreams.
 * They are trustworthy only on requests that come from the edge, which removes any client copy first.
 */
export interface KongEdgeTrust {
  /** Header names the edge sets (case-insensitive). */
  readonly headers: readonly string[];
  /** Addresses the edge connects to Kong from (self IPs, SNAT pool), as IPs or CIDR blocks. */
  readonly sources: readonly string[];
  /** Routes whose upstreams read the headers; undefined: every route. */
  readonly routes?: readonly string[];
}

/**
 * Applies an edge trust to a built configuration:
 * - a route that trusts the headers admits only the edge's addresses (ip-restriction), so a client that
 *   reaches Kong directly cannot present them;
 * - every other route removes the headers (request-transformer), so their upstreams never see a copy.
 * Pure: returns a new configuration, plugins sorted by name as the builder sorts them.
 */
export function applyEdgeTrust(
  config: KongDeclarativeConfig,
  trust: KongEdgeTrust | undefined,
  tags: readonly string[],
): KongDeclarativeConfig {
  if (!trust || trust.headers.length === 0) return config;
  if (trust.sources.length === 0) {
    throw new Error(`Kong is told to trust ${trust.headers.join(", ")} from the edge, but no edge address is given`);
  }
  // Trust is decided per configured route, which is a Kong service: during a cut-over one configured route has
  // a Kong route per identity provider, and all of them must be treated alike.
  const known = new Set(config.services.map((s) => s.name));
  const unknown = (trust.routes ?? []).filter((r) => !known.has(r));
  if (unknown.length > 0) throw new Error(`edge-trusted route(s) ${unknown.join(", ")} do not exist`);
  const trusting = new Set(trust.routes ?? known);

  const route = (r: KongRoute, trusted: boolean): KongRoute => {
    const plugins = trusted ? [...r.plugins, edgeOnlyPlugin(trust.sources, tags)] : withHeadersRemoved(r.plugins, trust.headers, tags);
    return { ...r, plugins: plugins.sort((a, b) => compare(a.name, b.name)) };
  };
  return {
    ...config,
    services: config.services.map((s) => ({ ...s, routes: s.routes.map((r) => route(r, trusting.has(s.name))) })),
  };
}

/** Adds the headers to the route's request-transformer removal list (Kong allows one instance per route). */
function withHeadersRemoved(plugins: readonly KongPlugin[], headers: readonly string[], tags: readonly string[]): KongPlugin[] {
  const existing = plugins.find((p) => p.name === "request-transformer");
  const already = existing?.name === "request-transformer" ? existing.config.remove.headers : [];
  const seen = new Set(already.map((h) => h.toLowerCase()));
  const merged = [...already, ...headers.filter((h) => !seen.has(h.toLowerCase()))];
  const transformer: KongPlugin = { name: "request-transformer", config: { remove: { headers: merged } }, tags: existing?.tags ?? tags };
  return [...plugins.filter((p) => p !== existing), transformer];
}

/**
 * Rate limits by client address behind an edge that SNATs (F5): Kong's peer is one of the edge's few addresses, so
 * limiting by ip gives every caller one shared budget. Each route that limits by ip counts by the edge's
 * X-Forwarded-For instead (the BIG-IP removes client copies and inserts the address it saw), and admits only the
 * edge's addresses (ip-restriction), so no caller reaching Kong directly can choose its own key.
 * Kong's global trusted_ips/real_ip_header would rewrite the address ip-restriction checks for every route, which
 * would open the edge-only routes (APM identity headers) to any caller: the trust is per route here. Pure.
 */
export function applyEdgeClientAddress(config: KongDeclarativeConfig, edge: EdgeClientAddress | undefined, tags: readonly string[]): KongDeclarativeConfig {
  if (!edge) return config;
  if (edge.sources.length === 0) throw new Error("client addresses from the edge's X-Forwarded-For need the edge's addresses");
  const route = (r: KongRoute): KongRoute => {
    const limit = r.plugins.find((p) => p.name === "rate-limiting");
    if (limit?.name !== "rate-limiting" || limit.config.limit_by !== "ip") return r;
    const byHeader: KongPlugin = { ...limit, config: { ...limit.config, limit_by: "header", header_name: edge.header } };
    const plugins = [...r.plugins.filter((p) => p !== limit), byHeader, ...(r.plugins.some((p) => p.name === "ip-restriction") ? [] : [edgeOnlyPlugin(edge.sources, tags)])];
    return { ...r, plugins: plugins.sort((a, b) => compare(a.name, b.name)) };
  };
  return { ...config, services: config.services.map((s) => ({ ...s, routes: s.routes.map(route) })) };
}
