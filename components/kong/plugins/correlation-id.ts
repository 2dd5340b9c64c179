import type { KongPlugin } from "./types";

/** The request id header that joins F5, ZPA (via LSS logs) and Kong logs. */
export const REQUEST_ID_HEADER = "X-Request-ID";

/** Global: keeps an id set by the edge (F5), adds one otherwise, and returns it to the client. */
export function correlationIdPlugin(tags: readonly string[]): KongPlugin {
  return {
    name: "correlation-id",
    config: { header_name: REQUEST_ID_HEADER, generator: "uuid#counter", echo_downstream: true },
    tags,
  };
}
