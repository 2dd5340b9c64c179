/** Names of the objects in the AS3 tenant. The BIG-IP virtual server is /<tenant>/<application>/<service>. */
export const AS3_APPLICATION = "kong_edge";

export const AS3_OBJECTS = {
  service: "kong_https",
  pool: "kong_pool",
  monitor: "kong_monitor",
  certificate: "edge_certificate",
  tlsServer: "edge_tls",
  tlsClient: "kong_tls",
  httpProfile: "edge_http",
  iRule: "identity_header_hygiene",
  snatPool: "kong_snat",
  kongCa: "kong_ca",
  requestLogPool: "request_log_pool",
} as const;

/** One tenant per environment: kis_<environment> (dashes become underscores: partition names take neither). */
export function defaultTenantName(environment: string): string {
  return `kis_${environment.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** The BIG-IP path of the virtual server AS3 creates. */
export function virtualServerPath(tenant: string): string {
  return `/${tenant}/${AS3_APPLICATION}/${AS3_OBJECTS.service}`;
}
