/**
 * What the ping-auth sideband cannot do, from the plugin's Lua (1.2.0) and PingAccess's Kong integration
 * guide. `kis plan` prints these with every stack that uses PingAccess; docs/pingaccess.md explains them.
 */
export const PING_AUTH_LIMITATIONS: readonly string[] = [
  "no HTTP/2: ping-auth answers 400 to an HTTP/2 request (Kong's proxy must serve HTTP/1.1 on these routes)",
  "no Transfer-Encoding: chunked bodies are not supported by the sideband (send Content-Length)",
  "fail-closed: when PingAccess is unreachable or slow (connectionTimeoutMs) the request gets 500, so PingAccess's availability is the edge's",
  "log lines are cut at 2048 bytes by OpenResty (sideband errors and debug output may be truncated)",
  "mTLS client certificates reach PingAccess only with Kong Enterprise's mtls-auth plugin",
  "the response phase buffers the upstream response (Kong's response handler): no streaming on these routes",
];
