import type { StackConfig } from "../../../infra/config";

/** The one port the segment exposes: the edge's HTTPS listener. */
export const ZPA_EDGE_PORT = 443;

/**
 * The FQDN users reach through ZPA: the outermost HTTP hop in front of Kong. Today that is Kong's first host
 * name; when the stack declares an F5 virtual server in front of Kong, pass F5's host name instead (the
 * builders take the FQDN as a parameter and never read it from config themselves).
 */
export function zpaEdgeFqdn(config: Pick<StackConfig, "kong">): string {
  const fqdn = config.kong.hostnames[0];
  if (!fqdn) throw new Error("kong.hostnames: expected at least one host name for the ZPA segment");
  return fqdn;
}
