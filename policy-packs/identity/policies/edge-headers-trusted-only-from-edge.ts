import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { parse } from "yaml";
import { cisEdgeTrust } from "../../../components/f5/cis/inspect";
import { AS3_TENANT_TYPE, CIS_VIRTUAL_SERVER_TYPE, CONFIG_MAP_TYPE, displayName } from "./f5-resource-types";
import { violation } from "./violation";

const REMEDIATION =
  "Limit every route whose upstream reads these headers to the F5 self/SNAT addresses (Kong ip-restriction allow list, " +
  "what the stack generates from f5.selfIps/f5.snatAddresses and f5.apm.trustedRoutes) and remove the headers (request-transformer) on every other route.";

const SOURCES_FIX = "list only the F5 self and SNAT addresses in f5.selfIps and f5.snatAddresses (no /0 block): Kong admits the headers from those alone";
const routeFix = (route: string) =>
  `admit the headers on route ${route} only from the F5 self/SNAT addresses (ip-restriction allow list, which the stack generates from ` +
  "f5.selfIps/f5.snatAddresses, without a /0 block, for the routes in f5.apm.trustedRoutes) or remove them on it (request-transformer)";

interface EdgeTrust {
  readonly headers: readonly string[];
  readonly sources: readonly string[];
  readonly declaredBy: string;
  /** The AS3 tenant or CIS VirtualServer that declares the trust. */
  readonly resource: PolicyResource;
}

type Json = Record<string, any>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Identity headers an edge in front of Kong says it sets (AS3 tenant input, or CIS VirtualServer annotations). */
function edgeTrusts(resources: readonly PolicyResource[]): EdgeTrust[] {
  return resources.flatMap((r): EdgeTrust[] => {
    const props = r.props as Json;
    if (r.type === AS3_TENANT_TYPE && isObject(props["edgeTrust"])) {
      const headers = strings(props["edgeTrust"]["headers"]);
      return headers.length ? [{ headers, sources: strings(props["edgeTrust"]["sources"]), declaredBy: `AS3 tenant ${String(props["tenant"] ?? r.name)}`, resource: r }] : [];
    }
    if (r.type === CIS_VIRTUAL_SERVER_TYPE) {
      const trust = cisEdgeTrust(props["metadata"]);
      return trust ? [{ ...trust, declaredBy: `CIS VirtualServer ${displayName(props, r.name)}`, resource: r }] : [];
    }
    return [];
  });
}

/** A source that admits every address: a /0 block. */
const isEverywhere = (source: string) => /\/0$/.test(source.trim());

/**
 * edge-headers-trusted-only-from-edge: identity headers that the F5 edge (APM) sets are trusted by the
 * upstreams only if no one else can send them. For each such header and each Kong route (from the kong.yml
 * ConfigMap): either the route removes the header, or it admits only the edge's self/SNAT addresses.
 */
export const edgeHeadersTrustedOnlyFromEdge: StackValidationPolicy = {
  name: "edge-headers-trusted-only-from-edge",
  description: "Identity headers the F5 edge forwards reach Kong's upstreams only on requests from the edge's own addresses.",
  enforcementLevel: "mandatory",
  remediationSteps: REMEDIATION,
  validateStack: (args, reportViolation) => {
    const trusts = edgeTrusts(args.resources);
    if (trusts.length === 0) return;
    for (const trust of trusts) {
      if (trust.sources.length === 0 || trust.sources.some(isEverywhere)) {
        reportViolation(
          violation(
            trust.resource,
            `${trust.declaredBy} forwards ${trust.headers.join(", ")} but names no edge address to trust them from (or a /0 block)`,
            SOURCES_FIX,
          ),
          trust.resource.urn,
        );
      }
    }
    for (const r of args.resources) {
      if (r.type !== CONFIG_MAP_TYPE) continue;
      const text = (r.props as Json)["data"]?.["kong.yml"];
      if (typeof text !== "string") continue;
      let kong: Json;
      try {
        kong = parse(text) as Json;
      } catch {
        continue;
      }
      const globalPlugins = Array.isArray(kong?.["plugins"]) ? (kong["plugins"] as Json[]) : [];
      for (const service of Array.isArray(kong?.["services"]) ? (kong["services"] as Json[]) : []) {
        for (const route of Array.isArray(service?.["routes"]) ? (service["routes"] as Json[]) : []) {
          const plugins = [...globalPlugins, ...(Array.isArray(service["plugins"]) ? service["plugins"] : []), ...(Array.isArray(route["plugins"]) ? route["plugins"] : [])];
          for (const trust of trusts) {
            const problem = routeProblem(plugins, trust);
            if (problem) {
              const routeName = String(route["name"] ?? "?");
              reportViolation(
                violation(
                  r,
                  `Kong route ${routeName} (service ${String(service["name"] ?? "?")}) ${problem}; ${trust.declaredBy} sets ${trust.headers.join(", ")} and the upstream trusts them`,
                  routeFix(routeName),
                ),
                r.urn,
              );
            }
          }
        }
      }
    }
  },
};

/** Why a route would let a client's copy of the trusted headers through, or undefined when it does not. */
function routeProblem(plugins: readonly Json[], trust: EdgeTrust): string | undefined {
  const removed = new Set(
    plugins.filter((p) => p?.["name"] === "request-transformer").flatMap((p) => strings(p?.["config"]?.["remove"]?.["headers"]).map((h) => h.toLowerCase())),
  );
  const passed = trust.headers.filter((h) => !removed.has(h.toLowerCase()));
  if (passed.length === 0) return undefined;
  const restrictions = plugins.filter((p) => p?.["name"] === "ip-restriction" && p?.["enabled"] !== false);
  const allow = restrictions.flatMap((p) => strings(p?.["config"]?.["allow"]));
  if (restrictions.length === 0 || allow.length === 0) return `accepts ${passed.join(", ")} from any address (no ip-restriction allow list)`;
  const foreign = allow.filter((a) => isEverywhere(a) || !trust.sources.includes(a));
  return foreign.length > 0 ? `accepts ${passed.join(", ")} from ${foreign.join(", ")}, which is not an address of the edge` : undefined;
}
