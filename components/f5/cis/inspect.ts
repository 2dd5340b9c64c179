import { EDGE_ANNOTATIONS } from "./resources";

/** Static checks of CIS custom resources (plain objects, as the policy pack sees them). */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** f5-tls-only for a VirtualServer: TLS towards clients (a TLSProfile) and no plain HTTP except a redirect. */
export function cisVirtualServerTlsProblems(name: string, spec: unknown): string[] {
  if (!isObject(spec)) return [];
  const problems: string[] = [];
  if (typeof spec["tlsProfileName"] !== "string") problems.push(`VirtualServer ${name}: no tlsProfileName: the virtual server serves plain HTTP`);
  else if (spec["httpTraffic"] === "allow") problems.push(`VirtualServer ${name}: httpTraffic "allow" proxies plain HTTP on port 80 (use "redirect" or "none")`);
  return problems;
}

/** f5-tls-only for a TLSProfile: "edge" termination would send bearer tokens in clear from the BIG-IP to Kong. */
export function cisTlsProfileProblems(name: string, spec: unknown): string[] {
  if (!isObject(spec) || !isObject(spec["tls"])) return [];
  return spec["tls"]["termination"] === "edge"
    ? [`TLSProfile ${name}: termination "edge" sends requests (bearer tokens included) in clear from the BIG-IP to Kong; use "reencrypt"`]
    : [];
}

/**
 * f5-strips-identity-headers for a VirtualServer: it must attach the header-hygiene iRule its annotation names.
 * The iRule's text lives on the BIG-IP (CIS cannot create iRules), so its content is not visible here.
 */
export function cisHygieneProblems(name: string, metadata: unknown, spec: unknown): string[] {
  if (!isObject(spec)) return [];
  const annotations = isObject(metadata) && isObject(metadata["annotations"]) ? metadata["annotations"] : {};
  const expected = annotations[EDGE_ANNOTATIONS.hygieneIRule];
  const attached = Array.isArray(spec["iRules"]) ? spec["iRules"] : [];
  if (typeof expected !== "string") {
    return [`VirtualServer ${name}: no ${EDGE_ANNOTATIONS.hygieneIRule} annotation names the iRule that strips identity headers`];
  }
  return attached.includes(expected) ? [] : [`VirtualServer ${name}: the header-hygiene iRule ${expected} is not in spec.iRules`];
}

/** The edge trust a VirtualServer declares through its annotations. */
export function cisEdgeTrust(metadata: unknown): { headers: string[]; sources: string[]; routes?: string[] } | undefined {
  const annotations = isObject(metadata) && isObject(metadata["annotations"]) ? metadata["annotations"] : {};
  const split = (key: string) => {
    const v = annotations[key];
    return typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : undefined;
  };
  const headers = split(EDGE_ANNOTATIONS.trustedHeaders) ?? [];
  if (headers.length === 0) return undefined;
  const routes = split(EDGE_ANNOTATIONS.trustedRoutes);
  return { headers, sources: split(EDGE_ANNOTATIONS.sources) ?? [], ...(routes ? { routes } : {}) };
}
