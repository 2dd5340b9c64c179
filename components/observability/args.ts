/**
 * Kong's identity audit log, OpenTelemetry traces and Prometheus metrics: component arguments with their
 * defaults (observabilitySpec applies them; the stack file's schema states the same, a unit test holds them equal).
 */
export interface ObservabilityArgs {
  readonly audit?: { readonly enabled?: boolean; readonly sink?: "stdout" | "http"; readonly endpoint?: string; readonly extraHeaders?: readonly string[] };
  readonly tracing?: { readonly enabled?: boolean; readonly endpoint?: string; readonly samplingRate?: number; readonly redactUrls?: boolean };
  readonly metrics?: { readonly enabled?: boolean; readonly serviceMonitor?: boolean; readonly perConsumer?: boolean };
  /** Keep a client's X-Request-ID (only with an edge in front that sets it). Default false. */
  readonly keepClientRequestId?: boolean;
}

export interface ObservabilitySpec {
  readonly audit: { readonly enabled: boolean; readonly sink: "stdout" | "http"; readonly endpoint?: string; readonly extraHeaders: readonly string[] };
  readonly tracing: { readonly enabled: boolean; readonly endpoint?: string; readonly samplingRate: number; readonly redactUrls: boolean };
  readonly metrics: { readonly enabled: boolean; readonly serviceMonitor: boolean; readonly perConsumer: boolean };
  readonly keepClientRequestId: boolean;
}

export const OBSERVABILITY_DEFAULTS: ObservabilitySpec = {
  audit: { enabled: false, sink: "stdout", extraHeaders: [] },
  tracing: { enabled: false, samplingRate: 0.1, redactUrls: true },
  metrics: { enabled: false, serviceMonitor: true, perConsumer: false },
  keepClientRequestId: false,
};

/** Applies the defaults. Pure; settings already complete come back equal (same keys, same order). */
export function observabilitySpec(args: ObservabilityArgs): ObservabilitySpec {
  const d = OBSERVABILITY_DEFAULTS;
  return {
    ...args,
    audit: { ...args.audit, enabled: args.audit?.enabled ?? d.audit.enabled, sink: args.audit?.sink ?? d.audit.sink, extraHeaders: args.audit?.extraHeaders ?? [] },
    tracing: { ...args.tracing, enabled: args.tracing?.enabled ?? d.tracing.enabled, samplingRate: args.tracing?.samplingRate ?? d.tracing.samplingRate, redactUrls: args.tracing?.redactUrls ?? d.tracing.redactUrls },
    metrics: { ...args.metrics, enabled: args.metrics?.enabled ?? d.metrics.enabled, serviceMonitor: args.metrics?.serviceMonitor ?? d.metrics.serviceMonitor, perConsumer: args.metrics?.perConsumer ?? d.metrics.perConsumer },
    keepClientRequestId: args.keepClientRequestId ?? d.keepClientRequestId,
  };
}
