import { isIP } from "node:net";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKongConfig } from "./kong-config";
import { readConfig } from "./policy-config";
import { isRecord, list, text } from "./props";
import { K8S_CONFIG_MAP } from "./resource-types";
import { groupBy, nameList, quote, violation } from "./violation";

export interface UpstreamMetadataConfig {
  /** Upstream URLs allowed all the same (exactly as written in the route's upstream): the rare real case. */
  allowedUpstreams: string[];
}

export const UPSTREAM_METADATA_DEFAULTS: UpstreamMetadataConfig = { allowedUpstreams: [] };

/** Cloud instance-metadata names (AWS, GCP, Azure, Alibaba, OpenStack, Oracle use the addresses below). */
const METADATA_HOSTS = ["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"];
/** Kong's own listeners (kong.conf defaults): Admin API, Kong Manager, status, hybrid-mode cluster and telemetry. */
const KONG_INTERNAL_PORTS: Readonly<Record<number, string>> = {
  8001: "Admin API",
  8444: "Admin API (TLS)",
  8002: "Kong Manager",
  8445: "Kong Manager (TLS)",
  8100: "status API",
  8005: "hybrid-mode cluster listener",
  8006: "hybrid-mode telemetry listener",
};

/**
 * Why an upstream URL is internal, or undefined. The WHATWG URL parser has already turned the other spellings
 * of an address (2852039166, 0xa9.0xfe.0xa9.0xfe) into dotted form, so one check covers them.
 */
export function internalUpstreamReason(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const host = u.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  const v4 = ipv4Of(host);
  if (v4 && v4[0] === 169 && v4[1] === 254) return "a link-local address (169.254.0.0/16: cloud instance metadata, credentials of the node's role)";
  if (v4 && v4.join(".") === "100.100.100.200") return "the Alibaba Cloud instance-metadata address";
  if (isIP(host) === 6 && (/^fe[89ab]/.test(host) || host === "fd00:ec2::254")) {
    return host === "fd00:ec2::254" ? "the AWS IPv6 instance-metadata address" : "an IPv6 link-local address (fe80::/10)";
  }
  if (METADATA_HOSTS.includes(host)) return "a cloud instance-metadata host name";
  const loopback = host === "localhost" || host.endsWith(".localhost") || (v4 !== undefined && (v4[0] === 127 || v4.join(".") === "0.0.0.0")) || host === "::1" || host === "::";
  const port = Number(u.port || (u.protocol === "https:" ? 443 : 80));
  if (loopback && KONG_INTERNAL_PORTS[port]) return `Kong's own ${KONG_INTERNAL_PORTS[port]} on loopback (port ${port})`;
  return undefined;
}

/** The four octets of an IPv4 address, also inside an IPv4-mapped IPv6 address (::ffff:a9fe:a9fe). */
function ipv4Of(host: string): number[] | undefined {
  if (isIP(host) === 4) return host.split(".").map(Number);
  const mapped = /^::ffff:(?:([0-9.]+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(host);
  if (!mapped) return undefined;
  if (mapped[1]) return isIP(mapped[1]) === 4 ? mapped[1].split(".").map(Number) : undefined;
  const hi = parseInt(mapped[2]!, 16);
  const lo = parseInt(mapped[3]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255];
}

/**
 * upstream-not-internal-metadata: a route whose upstream is a metadata service or Kong's own admin listener
 * hands every caller who passes the route's checks the node's cloud credentials or control of Kong itself
 * (server-side request forgery by configuration). Reads the services of the kong.yml ConfigMap.
 */
export const upstreamNotInternalMetadata: ResourceValidationPolicy = {
  name: "upstream-not-internal-metadata",
  description:
    "No Kong upstream points at a link-local or cloud instance-metadata address (169.254.169.254, fd00:ec2::254, metadata.google.internal) or at Kong's own Admin/Manager/status ports on loopback.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: {
    properties: {
      allowedUpstreams: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "upstream URLs allowed all the same, exactly as written in routes[].upstream (the rare real case, e.g. a metadata proxy)",
      },
    },
  },
  remediationSteps: "Point the route's upstream at the service it is meant to reach; for a deliberate exception list the URL in allowedUpstreams.",
  validateResource: (args, report) => {
    if (args.type !== K8S_CONFIG_MAP) return;
    const kong = readKongConfig(args.props);
    if (!kong) return;
    const { allowedUpstreams } = readConfig(args, UPSTREAM_METADATA_DEFAULTS);
    const internal = list(kong.document["services"]).flatMap((s) => {
      if (!isRecord(s)) return [];
      const url = text(s["url"]) ?? (text(s["host"]) ? `${text(s["protocol"]) ?? "http"}://${text(s["host"])}${s["port"] ? `:${s["port"]}` : ""}` : undefined);
      const reason = url && !allowedUpstreams.includes(url) ? internalUpstreamReason(url) : undefined;
      return reason ? [{ service: text(s["name"]) ?? "?", url: url!, reason }] : [];
    });
    for (const [, hits] of groupBy(internal, (h) => h.url)) {
      const { url, reason } = hits[0]!;
      report(
        violation(
          args,
          `services ${nameList(hits.map((h) => h.service))} send traffic to ${quote(url)}, ${reason}`,
          `point routes[].upstream at the intended service; if this upstream is deliberate, list ${quote(url)} in the policy config's upstream-not-internal-metadata.allowedUpstreams`,
        ),
      );
    }
  },
};
