import type { EdgeSpec } from "../identity-edge/args";
import { AUDIT_STDOUT_PATH } from "../kong/plugins/observability";

/**
 * Where each hop of the edge writes its logs, traces and metrics: what `kis plan` shows in the summary and
 * identity.md, and what `kis trace` reads. Pure; no secret is ever part of it (collector URLs with
 * credentials are refused by the config schema).
 */
export interface LogDestination {
  readonly hop: "ZPA" | "F5" | "Kong";
  readonly what: string;
  readonly where: string;
}

/** Kong's status listener (chart default, plain http inside the pod), which serves /metrics. */
export const KONG_STATUS_PORT = 8100;

export function describeLogDestinations(config: Pick<EdgeSpec, "zpa" | "f5" | "observability">): LogDestination[] {
  const o = config.observability;
  const out: LogDestination[] = [];
  if (config.zpa?.enabled) {
    out.push({ hop: "ZPA", what: "user activity (one record per connection)", where: "LSS log receiver set up in the ZPA admin portal (not managed by this stack)" });
  }
  if (config.f5?.enabled) {
    const log = config.f5.requestLog;
    out.push({
      hop: "F5",
      what: "request log (iRule `kis-edge` lines: request id, connector address:port)",
      where: log
        ? `high-speed logging (${log.protocol}, syslog local0.info) to ${log.pool ?? `the declared pool of ${log.members!.join(", ")}:${log.port}`}`
        : "off: set f5.requestLog (an HSL pool) for kis trace to join the F5 hop",
    });
  }
  out.push({
    hop: "Kong",
    what: "identity audit log",
    where: !o?.audit.enabled ? "off (observability.audit)" : o.audit.sink === "http" ? `http-log to ${o.audit.endpoint}` : `file-log to ${AUDIT_STDOUT_PATH} of the Kong pods (cluster log shipper)`,
  });
  out.push({
    hop: "Kong",
    what: "traces (W3C traceparent to the upstream)",
    where: o?.tracing.enabled ? `opentelemetry to ${o.tracing.endpoint}, sampling ${o.tracing.samplingRate}` : "off (observability.tracing)",
  });
  out.push({
    hop: "Kong",
    what: "metrics",
    where: o?.metrics.enabled
      ? `prometheus on the status port ${KONG_STATUS_PORT} (/metrics)${o.metrics.serviceMonitor ? ", scraped through the chart's ServiceMonitor" : ""}`
      : "off (observability.metrics)",
  });
  return out;
}
