import { REQUEST_ID_HEADER } from "./correlation-id";
import type { KongPlugin } from "./types";

/**
 * Kong's `pre-function` (bundled with OSS and Enterprise, priority 1000000: its phases run before every other
 * plugin's) as the stack's request hygiene. Chunks run in Kong's Lua sandbox (`untrusted_lua` default), which
 * allows the `kong.*` PDK calls used here (kong/tools/sandbox/environment/handler.lua) and the string and
 * table functions (…/lua.lua): no `require`, no method calls on strings.
 */

/** First line of each chunk: policies and tests find the chunks by it. */
export const SPAN_REDACTION_MARK = "-- kong-identity-stack: span redaction";
export const REQUEST_ID_RESET_MARK = "-- kong-identity-stack: request id reset";

/**
 * Span attributes that carry a URL: Kong's request span sets `http.url` to scheme://host + request_uri, the
 * query string included (kong/observability/tracing/instrumentation.lua, `_M.request`), and the http_client
 * instrumentation records the full URI of Kong's own calls. Newer semantic conventions name them url.full,
 * url.query and http.target.
 */
export const SPAN_URL_ATTRIBUTES: readonly string[] = ["http.url", "url.full", "http.target", "url.original"];
/** Span attributes removed outright: a query on its own, and anything named like a credential. */
export const SPAN_DROPPED_ATTRIBUTES: readonly string[] = ["url.query", "http.query"];
/** Lower-case fragments of attribute keys that name a credential (a header recorded as an attribute, say). */
export const SPAN_CREDENTIAL_KEY_PATTERNS: readonly string[] = ["authorization", "cookie", "token", "secret", "password", "api-key", "api_key", "apikey", "code_verifier"];

const luaList = (values: readonly string[]) => `{ ${values.map((v) => JSON.stringify(v)).join(", ")} }`;

/**
 * The log-phase chunk: before the opentelemetry plugin (priority 14) encodes and queues the request's spans
 * (`kong.tracing.process_span`, log phase), cut every URL attribute at `?` or `#`, drop user:password@, and
 * remove query and credential-named attributes. `?code=…&state=…` of an OIDC callback, a token passed as a
 * query parameter or a client secret in a URL never reach the collector.
 */
export function spanRedactionLua(): string {
  return [
    SPAN_REDACTION_MARK,
    `local url_keys = ${luaList(SPAN_URL_ATTRIBUTES)}`,
    `local dropped = ${luaList(SPAN_DROPPED_ATTRIBUTES)}`,
    `local credential = ${luaList(SPAN_CREDENTIAL_KEY_PATTERNS)}`,
    "kong.tracing.process_span(function(span)",
    "  local attributes = span.attributes",
    "  if type(attributes) ~= \"table\" then return end",
    "  for _, key in ipairs(url_keys) do",
    "    local value = attributes[key]",
    "    if type(value) == \"string\" then",
    "      local cut = string.find(value, \"[?#]\")",
    "      if cut then value = string.sub(value, 1, cut - 1) end",
    "      value = string.gsub(value, \"^(%a[%w+.-]*://)[^/@]*@\", \"%1\")",
    "      span:set_attribute(key, value)",
    "    end",
    "  end",
    "  local remove = {}",
    "  for key in pairs(attributes) do",
    "    local lower = string.lower(tostring(key))",
    "    for _, name in ipairs(dropped) do if lower == name then remove[#remove + 1] = key end end",
    "    for _, part in ipairs(credential) do",
    "      if string.find(lower, part, 1, true) then remove[#remove + 1] = key break end",
    "    end",
    "  end",
    "  for _, key in ipairs(remove) do span:set_attribute(key, nil) end",
    "end)",
  ].join("\n");
}

/**
 * The rewrite-phase chunk where Kong is the first hop the stack controls (no F5 in front): the client's
 * X-Request-ID is removed, so correlation-id (access phase) generates one, and a client cannot choose the
 * key `kis trace` joins the logs on. Behind the F5 the iRule replaces it instead and Kong keeps the edge's.
 */
export function requestIdResetLua(): string {
  return [REQUEST_ID_RESET_MARK, `kong.service.request.clear_header(${JSON.stringify(REQUEST_ID_HEADER)})`].join("\n");
}

export interface RequestHygieneOptions {
  /** No F5 (or other stack-controlled hop) replaces X-Request-ID before Kong. */
  readonly resetRequestId: boolean;
  /** The opentelemetry plugin exports spans: redact them first. */
  readonly redactSpans: boolean;
}

/** The global pre-function, or undefined when neither job applies. */
export function requestHygienePlugin(options: RequestHygieneOptions, tags: readonly string[]): KongPlugin | undefined {
  if (!options.resetRequestId && !options.redactSpans) return undefined;
  return {
    name: "pre-function",
    config: {
      ...(options.resetRequestId ? { rewrite: [requestIdResetLua()] } : {}),
      ...(options.redactSpans ? { log: [spanRedactionLua()] } : {}),
    },
    tags,
  };
}
