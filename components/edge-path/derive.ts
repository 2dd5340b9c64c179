import type { IdentityContract } from "../contract";
import { kongTlsNodePort, resolveF5Settings, type F5EdgeSettings } from "../f5/settings";
import { KONG_PROXY_TLS_CONTAINER_PORT, KONG_PROXY_TLS_SERVICE_PORT, kongCertificateSecretName, proxyExternalTrafficPolicy } from "../kong/helm/values";
import { certificateFacts, parseCertificates } from "../shared/certificates";
import type { EdgeSpec } from "../identity-edge/args";
import type { EdgePathHop, HopTls, RequestPath } from "./types";

/** A hook that adds or changes hops (a PingAccess sideband call, where logs go), run in order after derivation. */
export type RequestPathExtension = (path: RequestPath, config: EdgeSpec, contracts: readonly IdentityContract[]) => RequestPath;

/** Extensions other concerns register (append; each returns a new path). */
export const REQUEST_PATH_EXTENSIONS: RequestPathExtension[] = [];

/**
 * caller → (ZPA segment) → (F5 virtual server) → Kong proxy → upstream, derived from the stack config and the
 * identity contracts alone. Pure and deterministic.
 */
export function deriveRequestPath(
  config: EdgeSpec,
  contracts: readonly IdentityContract[],
  extensions: readonly RequestPathExtension[] = REQUEST_PATH_EXTENSIONS,
): RequestPath {
  const f5 = config.f5?.enabled ? resolveF5Settings({ f5: config.f5, kong: config.kong, routes: config.routes, environment: config.environment }) : undefined;
  const zpa = config.zpa?.enabled ? config.zpa : undefined;
  const edgeName = f5?.fqdn ?? config.kong.hostnames[0]!;
  const unverified: string[] = [];
  const kongTls = kongCertificate(config, unverified);
  const trustsEdge = (f5?.edgeTrust?.headers.length ?? 0) > 0;
  const policy = proxyExternalTrafficPolicy(config.kong, trustsEdge);
  const kongPort = kongListenPort(config, f5);

  const hops: EdgePathHop[] = [];
  hops.push({
    id: "caller",
    kind: "caller",
    name: "Caller (service or web app with a bearer token)",
    verifies: [],
    identity: `gets an access token from ${contracts.map((c) => `${c.provider} (${c.issuer})`).join(" or ") || "the identity provider"}`,
    next: {
      target: `${edgeName}:443`,
      protocol: "https",
      serverName: edgeName,
      verifiesWith: "the caller's trust store (public or enterprise CA)",
      sourceSeenByNext: zpa ? "the caller's ZPA client (Client Connector)" : "the caller's address (or its NAT)",
    },
  });
  if (zpa) {
    hops.push({
      id: "zpa",
      kind: "zpa",
      name: `ZPA application segment for ${edgeName}`,
      listens: `${edgeName}:443 (TCP, through the ZPA cloud)`,
      verifies: ["the user's ZPA session and access policy (the contracts' access groups)"],
      identity: "ZPA access policy rule: the user is in one of the access groups Kong's ACLs use",
      next: {
        target: `${f5 ? `${f5.virtualAddress}:443` : `${edgeName}:${f5 ? 443 : kongPort.port}`} from the App Connector`,
        protocol: "tcp (TLS passes through)",
        sourceSeenByNext: "an App Connector pod address",
      },
    });
  }
  if (f5) hops.push(f5Hop(f5, config, kongTls, kongPort, policy));
  hops.push(kongHop(config, contracts, kongTls, kongPort, f5, policy));
  for (const upstream of [...new Set(config.routes.map((r) => r.upstream))].sort()) {
    const routes = config.routes.filter((r) => r.upstream === upstream).map((r) => r.name);
    hops.push({
      id: `upstream:${upstream}`,
      kind: "upstream",
      name: upstream,
      listens: upstream.replace(/^https?:\/\//, ""),
      verifies: trustsEdge ? [`reads ${f5!.edgeTrust!.headers.join(", ")} only on the routes Kong admits from the BIG-IP`] : [],
      identity: `trusts Kong's checks; routes ${routes.join(", ")}`,
    });
  }
  const path: RequestPath = { hops, unverified };
  return extensions.reduce((p, extend) => extend(p, config, contracts), path);
}

/** Where Kong's proxy accepts the previous hop's connection. */
function kongListenPort(config: EdgeSpec, f5: F5EdgeSettings | undefined): { readonly port: number; readonly describe: string } {
  const type = config.kong.proxyServiceType;
  const nodePort = kongTlsNodePort(f5, config.kong);
  if (type === "NodePort") {
    return { port: nodePort ?? KONG_PROXY_TLS_SERVICE_PORT, describe: `every node :${nodePort ?? "(NodePort chosen by Kubernetes)"} → pod :${KONG_PROXY_TLS_CONTAINER_PORT}` };
  }
  if (type === "LoadBalancer") return { port: KONG_PROXY_TLS_SERVICE_PORT, describe: `load balancer :${KONG_PROXY_TLS_SERVICE_PORT} → pod :${KONG_PROXY_TLS_CONTAINER_PORT}` };
  return { port: KONG_PROXY_TLS_SERVICE_PORT, describe: `ClusterIP :${KONG_PROXY_TLS_SERVICE_PORT} (in-cluster only) → pod :${KONG_PROXY_TLS_CONTAINER_PORT}` };
}

function kongCertificate(config: EdgeSpec, unverified: string[]): HopTls | undefined {
  const tls = config.kong.tls;
  if (!tls) return undefined;
  if (tls.certificate) {
    const leaf = parseCertificates(tls.certificate)[0]!;
    const facts = certificateFacts(leaf);
    return { source: "kong.tls.certificate (Secret kong-proxy-tls)", names: facts.dnsNames, notAfter: facts.validTo, issuer: facts.issuer };
  }
  unverified.push(`Kong's certificate is in the existing Secret ${tls.secretName}: the plan cannot check its names or expiry`);
  return { source: `existing Secret ${kongCertificateSecretName(config.kong)}`, names: [] };
}

function f5Hop(
  f5: F5EdgeSettings,
  config: EdgeSpec,
  kongTls: HopTls | undefined,
  kongPort: { readonly port: number },
  policy: string | undefined,
): EdgePathHop {
  const target =
    f5.mode === "cis"
      ? `Kong proxy Service ${f5.kongNamespace}/${f5.kongProxyService}:${f5.kong.port} (CIS pool members: pod endpoints in cluster mode)`
      : f5.kong.kind === "addresses"
        ? `${f5.kong.addresses.join(", ")} :${f5.kong.port}`
        : `${f5.kong.fqdn}:${f5.kong.port}`;
  const verifiesWith =
    f5.mode === "cis"
      ? `the BIG-IP server-side profile ${f5.cis.serverSslProfile} (verifies only if that profile has a CA)`
      : f5.kongTls.trustCa
        ? `CA bundle ${f5.kongTls.trustCa} on the BIG-IP`
        : f5.kongTls.caBundle
          ? "kong.tls.caCertificate (AS3 CA_Bundle kong_ca)"
          : undefined;
  const snat = f5.snatAddresses.length > 0 ? `SNAT pool ${f5.snatAddresses.join(", ")}` : "SNAT automap (self IPs)";
  const kept = config.kong.proxyServiceType === "ClusterIP" || policy === "Local" || f5.mode === "cis";
  void kongTls;
  void kongPort;
  return {
    id: "f5",
    kind: "f5",
    name: `F5 BIG-IP virtual server ${f5.virtualServer} (${f5.mode})`,
    listens: `${f5.virtualAddress}:443${f5.redirectHttp ? " (port 80: redirect to https only)" : ""}`,
    presents: { source: "f5TlsCertificate (secret config)", names: [...f5.hostnames] },
    verifies: [
      "removes client copies of identity headers (header-hygiene iRule), inserts X-Request-ID and X-Forwarded-For",
      "TLS 1.2+ from the client",
    ],
    identity: f5.apm ? `APM access profile ${f5.apm.accessProfile} signs the user in${f5.apm.forwardedHeaders.length ? ` and forwards ${f5.apm.forwardedHeaders.join(", ")}` : ""}` : "none (passes the bearer token on)",
    next: {
      target,
      protocol: "https",
      serverName: f5.kongTls.serverName,
      ...(verifiesWith ? { verifiesWith } : {}),
      sourceSeenByNext: kept ? `${snat} (kept: ${config.kong.proxyServiceType === "ClusterIP" || f5.mode === "cis" ? "pods reached directly" : "externalTrafficPolicy Local"})` : `a node address (externalTrafficPolicy ${policy ?? "Cluster"} SNATs ${snat})`,
    },
  };
}

function kongHop(
  config: EdgeSpec,
  contracts: readonly IdentityContract[],
  kongTls: HopTls | undefined,
  kongPort: { readonly describe: string },
  f5: F5EdgeSettings | undefined,
  policy: string | undefined,
): EdgePathHop {
  const trust = f5?.edgeTrust;
  const protectedRoutes = config.routes.filter((r) => !r.anonymous).length;
  return {
    id: "kong",
    kind: "kong",
    name: `Kong Gateway (${config.kong.edition}) proxy, ${config.kong.replicas} replicas, Service ${config.kong.proxyServiceType}${policy ? ` (externalTrafficPolicy ${policy})` : ""}`,
    listens: `${kongPort.describe}${config.kong.proxyHttp === "redirect" ? "; plain http :80 → :8000 answers 308 to https" : "; no plain-http listener"}`,
    presents: kongTls ?? { source: "none: Kong's auto-generated self-signed certificate", names: [] },
    verifies: [
      ...(trust
        ? [`admits ${trust.headers.join(", ")} only from ${trust.sources.join(", ")} (ip-restriction on ${trust.routes?.join(", ") ?? "every route"}; removed elsewhere)`]
        : []),
      "https only (routes' protocols)",
    ],
    identity:
      protectedRoutes === 0
        ? "none (every route is anonymous)"
        : `${config.kong.edition === "enterprise" ? "openid-connect" : "jwt"} validates the token (iss ${contracts.map((c) => c.issuer).join(" | ")}) on ${protectedRoutes} route(s); acl for roles`,
    next: {
      target: "each route's upstream URL",
      protocol: config.routes.every((r) => r.upstream.startsWith("https://")) ? "https" : "http",
      sourceSeenByNext: "a Kong pod address",
    },
  };
}
