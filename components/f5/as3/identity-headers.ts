import { IDENTITY_HEADERS } from "../../kong/plugins/identity-headers";
import { REQUEST_ID_HEADER } from "../../kong/plugins/correlation-id";

/**
 * Request headers the edge removes from every client request, as case-insensitive glob patterns (the iRule's
 * `switch -glob`). Kong, its plugins and the upstreams treat them as facts about the caller, so only the edge
 * (APM) or Kong may set them:
 * - `x-authenticated-*`: Kong openid-connect/oauth2/ldap upstream headers (this stack's subject and client);
 * - `x-consumer-*`, `x-credential-*`, `x-anonymous-*`: Kong consumer and credential headers;
 * - `x-userinfo`: openid-connect's userinfo header;
 * - `x-forwarded-*`, `forwarded`, `x-real-ip`: client-address claims; the HTTP profile inserts a fresh
 *   X-Forwarded-For carrying the address the BIG-IP saw;
 * - `x-request-id`: replaced by the edge's own request id.
 * APM's forwarded headers are added per stack (exact names).
 */
export const EDGE_STRIPPED_PATTERNS: readonly string[] = [
  "x-authenticated-*",
  "x-consumer-*",
  "x-credential-*",
  "x-anonymous-*",
  "x-userinfo",
  "x-forwarded-*",
  "forwarded",
  "x-real-ip",
  REQUEST_ID_HEADER.toLowerCase(),
];

/**
 * Concrete header names a client could send that the edge must remove: what the policy pack checks an iRule
 * against. Every name matches one of EDGE_STRIPPED_PATTERNS (tested).
 */
export const REQUIRED_STRIPPED_HEADERS: readonly string[] = [
  ...IDENTITY_HEADERS,
  "x-authenticated-groups",
  "x-authenticated-scope",
  "x-authenticated-userid",
  "x-consumer-id",
  "x-consumer-custom-id",
  "x-consumer-username",
  "x-consumer-groups",
  "x-credential-identifier",
  "x-credential-username",
  "x-anonymous-consumer",
  "x-anonymous-groups",
  "x-userinfo",
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-forwarded-host",
  "x-forwarded-port",
  "x-forwarded-prefix",
  "x-forwarded-path",
  "forwarded",
  "x-real-ip",
  REQUEST_ID_HEADER.toLowerCase(),
].filter((h, i, all) => all.indexOf(h) === i);

/** The request id header the edge inserts; the same constant configures Kong's correlation-id plugin. */
export const EDGE_REQUEST_ID_HEADER = REQUEST_ID_HEADER;

/** Case-insensitive glob match (`*` any run, `?` one character), as TCL's `string match` on lower-case names. */
export function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .toLowerCase()
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`).test(name.toLowerCase());
}
