import type { EdgeSpec } from "../../identity-edge/args";

/** The one port the segment exposes: the edge's HTTPS listener. */
export const ZPA_EDGE_PORT = 443;

/**
 * The FQDN users reach through ZPA when Kong is the outermost HTTP hop: Kong's first host name. With an F5
 * virtual server in front of Kong, IdentityEdge passes the F5's host name instead (the builders take the FQDN
 * as a parameter and never read it from config themselves).
 */
export function zpaEdgeFqdn(config: Pick<EdgeSpec, "kong">): string {
  const fqdn = config.kong.hostnames[0];
  if (!fqdn) throw new Error("kong.hostnames: expected at least one host name for the ZPA segment");
  return fqdn;
}
