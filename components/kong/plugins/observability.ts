import { REQUEST_ID_HEADER } from "./correlation-id";
import { CLIENT_HEADER, GROUPS_HEADER, ISSUER_HEADER, SCOPE_HEADER, SUBJECT_HEADER } from "./identity-headers";
import type { CustomFieldsByLua, KongPlugin } from "./types";

/**
 * Kong's audit log, traces and metrics.
 *
 * Kong's log plugins write `kong.log.serialize()` (kong/pdk/log.lua): request and response headers (Cookie,
 * Set-Cookie; Authorization is redacted only by recent Kong versions), the query string and the full URL (a
 * token passed as a query parameter), the whole route and service entities, `client_ip`, `started_at`,
 * `latencies`, `response.status`. `custom_fields_by_lua` runs after serialize (sandboxed, `untrusted_lua`
 * default) and sets each named field to its chunk's return value; `return nil` deletes the field. The audit
 * log uses it to drop everything that can carry a credential and to add the identity facts, which it reads
 * from the headers openid-connect set after validating the token (never from the token itself).
 */

/** Where the stdout sink writes: the container's standard output, read by the cluster's log shipper. */
export const AUDIT_STDOUT_PATH = "/dev/stdout";

/** Fields of `kong.log.serialize()` that can carry a credential or a token: always removed. */
export const AUDIT_REMOVED_FIELDS: readonly string[] = [
  "request.headers",
  "request.querystring",
  "request.url",
  "upstream_uri",
  "response.headers",
];

/** Lua that returns one request header as Kong holds it in the log phase (a string, or a list when repeated). */
const header = (name: string) => `return kong.request.get_headers(100)[${luaString(name.toLowerCase())}]`;
/** Identity facts only on requests a plugin authenticated: an anonymous request carries no identity. */
const identityHeader = (name: string) =>
  `if kong.client.get_credential() == nil and kong.client.get_consumer() == nil then return nil end ${header(name)}`;

export interface AuditLogOptions {
  readonly sink: "stdout" | "http";
  readonly endpoint?: string;
  /** Extra request headers to record (e.g. User-Agent), under `request_headers.<lower-case name>`. */
  readonly extraHeaders: readonly string[];
}

/** The audit log's `custom_fields_by_lua`: what is removed, replaced and added to each serialized request. */
export function auditCustomFields(extraHeaders: readonly string[] = []): CustomFieldsByLua {
  const fields: Record<string, string> = {};
  for (const f of AUDIT_REMOVED_FIELDS) fields[f] = "return nil";
  // The path without the query string, and the route and service by name (their entities are large).
  fields["request.uri"] = "return kong.request.get_path()";
  fields["route"] = "local r = kong.router.get_route() return r and r.name";
  fields["service"] = "local s = kong.router.get_service() return s and s.name";
  // Join keys for `kis trace`: the edge's (or Kong's) request id, and the client port beside client_ip.
  fields["request_id"] = header(REQUEST_ID_HEADER);
  fields["client_port"] = "return kong.client.get_port()";
  fields["identity.sub"] = identityHeader(SUBJECT_HEADER);
  fields["identity.client_id"] = identityHeader(CLIENT_HEADER);
  fields["identity.iss"] = identityHeader(ISSUER_HEADER);
  fields["identity.scopes"] = identityHeader(SCOPE_HEADER);
  fields["identity.groups"] = identityHeader(GROUPS_HEADER);
  // OSS: the jwt plugin maps every token of one IdP to that IdP's consumer; it is the only identity fact.
  fields["identity.consumer"] = "local c = kong.client.get_consumer() return c and c.username";
  for (const h of extraHeaders) fields[`request_headers.${h.toLowerCase()}`] = header(h);
  return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The audit log plugin (global). Both plugins are bundled with Kong OSS and Enterprise alike, so the choice
 * is by destination, not edition: stdout (file-log) needs no endpoint or credentials and lets the cluster's
 * log shipper carry the lines; http (http-log) batches lines to a collector without blocking requests.
 */
export function auditLogPlugin(options: AuditLogOptions, tags: readonly string[]): KongPlugin {
  const custom_fields_by_lua = auditCustomFields(options.extraHeaders);
  if (options.sink === "http") {
    if (!options.endpoint) throw new Error("observability.audit: sink http needs an endpoint");
    return {
      name: "http-log",
      config: {
        http_endpoint: options.endpoint,
        method: "POST",
        content_type: "application/json",
        timeout: 10_000,
        keepalive: 60_000,
        custom_fields_by_lua,
        // Batches keep one POST from being sent per request at high rates; a collector outage queues at most
        // max_entries lines per worker before Kong drops the oldest.
        queue: { max_batch_size: 200, max_coalescing_delay: 1, max_entries: 100_000 },
      },
      tags,
    };
  }
  return { name: "file-log", config: { path: AUDIT_STDOUT_PATH, reopen: false, custom_fields_by_lua }, tags };
}

/**
 * OpenTelemetry traces. W3C only: the caller's `traceparent` is continued (extract) and passed on (inject),
 * and a request without one starts a W3C trace, so the upstream always receives a traceparent.
 */
export function opentelemetryPlugin(endpoint: string, samplingRate: number, environment: string, tags: readonly string[]): KongPlugin {
  return {
    name: "opentelemetry",
    config: {
      traces_endpoint: endpoint,
      propagation: { extract: ["w3c"], inject: ["w3c"], default_format: "w3c" },
      sampling_rate: samplingRate,
      resource_attributes: { "service.name": "kong", "deployment.environment": environment },
    },
    tags,
  };
}

/** Prometheus metrics per route and service; consumer labels only on request (series grow with callers). */
export function prometheusPlugin(perConsumer: boolean, tags: readonly string[]): KongPlugin {
  return {
    name: "prometheus",
    config: { status_code_metrics: true, latency_metrics: true, bandwidth_metrics: true, upstream_health_metrics: false, per_consumer: perConsumer },
    tags,
  };
}

function luaString(value: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(value)) throw new Error(`header name ${JSON.stringify(value)} may hold letters, digits and dashes only`);
  return `"${value}"`;
}
