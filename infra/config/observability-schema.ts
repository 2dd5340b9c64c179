import { z } from "zod";
import { expected, httpUrl, list, oneOf, strictObject } from "./primitives";
import { headerName } from "./f5-schema";

/**
 * The optional `observability` block: Kong's identity audit log, OpenTelemetry traces and Prometheus metrics.
 * Everything is off unless a stack turns it on (the dev examples leave it off, the prod example turns it on).
 */

/**
 * A collector URL lands in kong.yml, plan.json and the summary: it must not carry credentials (user:password@).
 * A collector that needs them belongs behind an in-cluster agent, which Kong reaches without any.
 */
const collectorUrl = httpUrl.refine(
  (v) => {
    const u = new URL(v);
    return u.username === "" && u.password === "";
  },
  { error: "expected a URL without user:password@ (it would be written into kong.yml and plan.json); send to an in-cluster collector that holds the credentials" },
);

const enabled = (what: string) =>
  z.boolean({ error: expected("true or false") }).default(false).describe(`Turns ${what} on. Default false.`);

export const auditLogSchema = strictObject({
  enabled: enabled("the identity audit log (one JSON line per request: who, what, when, from where)"),
  sink: oneOf(["stdout", "http"] as const)
    .default("stdout")
    .describe(
      "Where Kong writes audit lines: stdout (file-log to /dev/stdout, collected by the cluster's log shipper) or http " +
        "(http-log, batched POSTs to `endpoint`). Default stdout; choose http when no log shipper reads container output.",
    ),
  endpoint: collectorUrl
    .optional()
    .describe("Collector URL for sink http (https in production, no user:password@). Required with sink http."),
  extraHeaders: list(headerName, "HTTP header names")
    .default([])
    .describe(
      "Request headers recorded in addition to the identity facts, such as User-Agent. Default none. " +
        "Credential headers (Authorization, Cookie, ...) are refused by the policy audit-log-no-credentials.",
    ),
}).describe("Kong's identity audit log: per request the time, request id, client address, route, status, latency and the validated token's sub, client id, issuer, scopes and groups; never the token, Authorization header or cookies.");

export const tracingSchema = strictObject({
  enabled: enabled("OpenTelemetry tracing (Kong's opentelemetry plugin, W3C traceparent)"),
  endpoint: collectorUrl
    .optional()
    .describe("OTLP/HTTP traces endpoint, such as http://otel-collector.observability:4318/v1/traces. Required when tracing is enabled."),
  samplingRate: z
    .number({ error: expected("a number from 0 to 1") })
    .min(0, { error: expected("a number from 0 to 1") })
    .max(1, { error: expected("a number from 0 to 1") })
    .default(0.1)
    .describe("Share of requests without a sampled parent that are traced (0 to 1). Default 0.1; a sampled W3C parent is always followed."),
  redactUrls: z
    .boolean({ error: expected("true or false") })
    .default(true)
    .describe(
      "Cut every span URL at ? (Kong's request span records the full URI: an OIDC callback's code and state, tokens in query parameters) and drop credential-named attributes before export (a global pre-function). Default true; false is refused by the policy traces-without-credentials.",
    ),
}).describe("OpenTelemetry traces from Kong, continuing the caller's W3C traceparent and passing it to the upstream.");

export const metricsSchema = strictObject({
  enabled: enabled("Prometheus metrics (Kong's prometheus plugin on the status listener)"),
  serviceMonitor: z
    .boolean({ error: expected("true or false") })
    .default(true)
    .describe("Also create the chart's ServiceMonitor (Prometheus Operator) for the status port. Default true; set false without the operator."),
  perConsumer: z
    .boolean({ error: expected("true or false") })
    .default(false)
    .describe("Label request metrics by consumer. Default false: with thousands of callers it multiplies the series count."),
}).describe("Prometheus metrics: status codes, latencies and bandwidth per route and service, scraped from Kong's status listener.");

export const observabilitySchema = strictObject({
  audit: auditLogSchema.default({ enabled: false, sink: "stdout", extraHeaders: [] }),
  tracing: tracingSchema.default({ enabled: false, samplingRate: 0.1, redactUrls: true }),
  metrics: metricsSchema.default({ enabled: false, serviceMonitor: true, perConsumer: false }),
  keepClientRequestId: z
    .boolean({ error: expected("true or false") })
    .default(false)
    .describe(
      "Keep an X-Request-ID the client sends when Kong is the first hop (no F5). Default false: Kong drops it and correlation-id makes one, so a client cannot choose the key kis trace joins logs on; true is refused by the policy request-id-not-client-chosen. Behind the F5 the iRule replaces it.",
    ),
}).describe("Audit log, traces and metrics of the edge. Optional; everything is off by default.");

export type ObservabilityConfig = z.output<typeof observabilitySchema>;

/** Checks that need two keys of the block at once. */
export function observabilityCrossReferences(
  c: { readonly observability?: ObservabilityConfig | undefined },
  fail: (path: (string | number)[], message: string) => void,
): void {
  const o = c.observability;
  if (!o) return;
  if (o.audit.enabled && o.audit.sink === "http" && !o.audit.endpoint) {
    fail(["observability", "audit", "endpoint"], "missing; sink http sends audit lines to a collector: set endpoint, or use sink stdout");
  }
  if (o.tracing.enabled && !o.tracing.endpoint) {
    fail(["observability", "tracing", "endpoint"], "missing; set the OTLP/HTTP traces endpoint (such as http://otel-collector:4318/v1/traces) or disable tracing");
  }
}
