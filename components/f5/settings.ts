import type { F5Spec } from "./args";
import type { KongSpec, RouteSpec } from "../kong/args";
import { KONG_RELEASE_NAME } from "../kong/gateway/kong-gateway";
import { AS3_APPLICATION, AS3_OBJECTS, defaultTenantName, virtualServerPath } from "./as3/names";
import { CIS_VIRTUAL_SERVER_NAME } from "./cis/resources";

/** Where the BIG-IP reaches Kong's proxy. */
export type KongEndpoints =
  | { readonly kind: "addresses"; readonly addresses: readonly string[]; readonly port: number }
  | { readonly kind: "fqdn"; readonly fqdn: string; readonly port: number };

/** Headers APM forwards after sign-in, and the only addresses Kong accepts them from. */
export interface EdgeTrustedHeaders {
  readonly headers: readonly string[];
  /** The BIG-IP's self IPs and SNAT addresses: the sources Kong sees. */
  readonly sources: readonly string[];
  /** Routes whose upstreams read them; undefined: every route. */
  readonly routes?: readonly string[];
}

/** The f5 block with every default resolved; what the builders and the component work from. */
export interface F5EdgeSettings {
  readonly mode: F5Spec["mode"];
  readonly environment: string;
  readonly tenant: string;
  readonly schemaVersion: string;
  /** The name clients use; a ZPA application segment for the API should name it too. */
  readonly fqdn: string;
  /** Every host name Kong serves (the TLS certificate must cover them). */
  readonly hostnames: readonly string[];
  readonly virtualAddress: string;
  readonly redirectHttp: boolean;
  readonly snatAddresses: readonly string[];
  /** The BIG-IP's self IPs and SNAT addresses: the peers Kong sees for traffic through the edge. */
  readonly sources: readonly string[];
  readonly kong: KongEndpoints;
  readonly kongNamespace: string;
  readonly kongProxyService: string;
  /** trustCa: a CA bundle already on the BIG-IP; caBundle: kong.tls.caCertificate (PEM), declared by the stack. */
  readonly kongTls: { readonly serverName: string; readonly trustCa?: string; readonly caBundle?: string };
  readonly apm?: { readonly accessProfile: string; readonly forwardedHeaders: readonly string[] };
  readonly edgeTrust?: EdgeTrustedHeaders;
  /** The BIG-IP virtual server this stack owns (AS3 path, or the CIS custom resource's namespace/name). */
  readonly virtualServer: string;
  readonly cis: F5Spec["cis"];
  /** HSL destination of the iRule's request log: a BIG-IP pool path, and the members when the tenant declares it. */
  readonly requestLog?: { readonly pool: string; readonly protocol: "udp" | "tcp"; readonly members?: readonly string[]; readonly port: number };
}

/** Kong's proxy Service as the official chart names it for this stack's release. */
export const kongProxyServiceName = (): string => `${KONG_RELEASE_NAME}-kong-proxy`;

export function resolveF5Settings(input: {
  readonly f5: F5Spec;
  readonly kong: Pick<KongSpec, "hostnames" | "namespace"> & { readonly tls?: KongSpec["tls"] };
  readonly routes: readonly Pick<RouteSpec, "name">[];
  readonly environment: string;
}): F5EdgeSettings {
  const { f5, kong, environment } = input;
  const tenant = f5.tenant ?? defaultTenantName(environment);
  const members = f5.poolMembers;
  const kongEndpoints: KongEndpoints = members?.addresses
    ? { kind: "addresses", addresses: members.addresses, port: members.port }
    : { kind: "fqdn", fqdn: members?.fqdn ?? `${kongProxyServiceName()}.${kong.namespace}.svc.cluster.local`, port: members?.port ?? 443 };
  const headers = f5.apm?.forwardedHeaders ?? [];
  const sources = [...new Set([...f5.selfIps, ...f5.snatAddresses])];
  return {
    mode: f5.mode,
    environment,
    tenant,
    schemaVersion: f5.schemaVersion,
    fqdn: f5.fqdn ?? kong.hostnames[0]!,
    hostnames: kong.hostnames,
    virtualAddress: f5.virtualAddress,
    redirectHttp: f5.redirectHttp,
    sources,
    snatAddresses: f5.snatAddresses,
    kong: kongEndpoints,
    kongNamespace: kong.namespace,
    kongProxyService: kongProxyServiceName(),
    kongTls: {
      serverName: f5.kongTls.serverName ?? kong.hostnames[0]!,
      ...(f5.kongTls.trustCa ? { trustCa: f5.kongTls.trustCa } : {}),
      ...(kong.tls?.caCertificate && !f5.kongTls.trustCa ? { caBundle: kong.tls.caCertificate } : {}),
    },
    ...(f5.apm ? { apm: { accessProfile: f5.apm.accessProfile, forwardedHeaders: headers } } : {}),
    ...(headers.length > 0 ? { edgeTrust: { headers, sources, ...(f5.apm?.trustedRoutes ? { routes: f5.apm.trustedRoutes } : {}) } } : {}),
    virtualServer: f5.mode === "as3" ? virtualServerPath(tenant) : `${kong.namespace}/${CIS_VIRTUAL_SERVER_NAME}`,
    cis: f5.cis,
    ...(f5.requestLog
      ? {
          requestLog: {
            pool: f5.requestLog.pool ?? `/${tenant}/${AS3_APPLICATION}/${AS3_OBJECTS.requestLogPool}`,
            protocol: f5.requestLog.protocol,
            port: f5.requestLog.port,
            ...(f5.requestLog.members ? { members: f5.requestLog.members } : {}),
          },
        }
      : {}),
  };
}

/** The TLS NodePort Kong's proxy must use when the AS3 pool targets node addresses of a NodePort Service. */
export function kongTlsNodePort(settings: F5EdgeSettings | undefined, kong: Pick<KongSpec, "proxyServiceType">): number | undefined {
  return settings?.mode === "as3" && settings.kong.kind === "addresses" && kong.proxyServiceType === "NodePort" ? settings.kong.port : undefined;
}
