import type { KongPlugin } from "./types";

/** What a caller outside the allow list gets: the same 403 Kong's ip-restriction plugin answers by default. */
export const EDGE_ONLY_STATUS = 403;
export const EDGE_ONLY_MESSAGE = "this route is reachable only through the API edge";

/**
 * Admits only the given sources (the F5 self/SNAT addresses) on a route whose upstream trusts headers the
 * edge sets (APM identity). Kong matches `ngx.var.binary_remote_addr`: the TCP peer, as long as Kong is not
 * told to take the client address from X-Forwarded-For for these sources (`trusted_ips` + `real_ip_header`).
 */
export function edgeOnlyPlugin(sources: readonly string[], tags: readonly string[]): KongPlugin {
  if (sources.length === 0) throw new Error("an edge-only route needs at least one edge address");
  return {
    name: "ip-restriction",
    config: { allow: [...sources], status: EDGE_ONLY_STATUS, message: EDGE_ONLY_MESSAGE },
    tags,
  };
}
