import { CIS_API_VERSION } from "../type-tokens";
import type { F5EdgeSettings } from "../settings";

/**
 * F5 Container Ingress Services (CIS) custom resources for clusters where CIS configures the BIG-IP:
 * a `VirtualServer` and a `TLSProfile` (`cis.f5.com/v1`, CRDs in ../shared/schemas/f5/cis/). CIS only acts on
 * objects labelled `f5cr: "true"`.
 */
export { CIS_API_VERSION };
export const CIS_LABELS: Readonly<Record<string, string>> = { f5cr: "true" };
export const CIS_TLS_PROFILE_NAME = "kong-edge-tls";
/** The VirtualServer custom resource's name (in Kong's namespace, beside the proxy Service). */
export const CIS_VIRTUAL_SERVER_NAME = "kong-edge";
/** The Kubernetes TLS secret (certificate and key from the stack's secret config) the TLSProfile points at. */
export const CIS_TLS_SECRET_NAME = "kong-edge-tls";

/** Annotations that tell the policy pack (and a reader) what the edge promises; CIS ignores them. */
export const EDGE_ANNOTATIONS = {
  trustedHeaders: "kong-identity-stack/edge-trusted-headers",
  sources: "kong-identity-stack/edge-sources",
  trustedRoutes: "kong-identity-stack/edge-trusted-routes",
  hygieneIRule: "kong-identity-stack/header-hygiene-irule",
} as const;

export interface CisObject {
  readonly apiVersion: string;
  readonly kind: "VirtualServer" | "TLSProfile";
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly spec: Record<string, unknown>;
}

export type CisSettings = Pick<
  F5EdgeSettings,
  "environment" | "fqdn" | "hostnames" | "virtualAddress" | "redirectHttp" | "kongNamespace" | "kongProxyService" | "kong" | "apm" | "edgeTrust" | "cis" | "tenant"
>;

/** Client side: the stack's certificate (a Kubernetes secret); BIG-IP to Kong: re-encrypted with a BIG-IP profile. */
export function buildCisTlsProfile(settings: CisSettings): CisObject {
  return {
    apiVersion: CIS_API_VERSION,
    kind: "TLSProfile",
    metadata: { name: CIS_TLS_PROFILE_NAME, namespace: settings.kongNamespace, labels: { ...CIS_LABELS } },
    spec: {
      hosts: [...settings.hostnames],
      tls: {
        termination: "reencrypt",
        reference: "hybrid",
        clientSSL: CIS_TLS_SECRET_NAME,
        clientSSLParams: { profileReference: "secret", renegotiationEnabled: false },
        serverSSL: settings.cis.serverSslProfile,
        serverSSLParams: { profileReference: "bigip" },
      },
      tlsCipher: { disableTLSVersions: ["1.0", "1.1"] },
    },
  };
}

/** The HTTPS virtual server in front of Kong's proxy Service, with the header-hygiene iRule attached. */
export function buildCisVirtualServer(settings: CisSettings): CisObject {
  const primaryHost = settings.hostnames[0];
  if (!primaryHost) throw new Error("the F5 virtual server needs at least one Kong host name");
  const aliases = settings.hostnames.filter((h) => h !== settings.fqdn);
  const trust = settings.edgeTrust;
  return {
    apiVersion: CIS_API_VERSION,
    kind: "VirtualServer",
    metadata: {
      name: CIS_VIRTUAL_SERVER_NAME,
      namespace: settings.kongNamespace,
      labels: { ...CIS_LABELS },
      annotations: {
        [EDGE_ANNOTATIONS.hygieneIRule]: settings.cis.headerHygieneIRule,
        ...(trust
          ? {
              [EDGE_ANNOTATIONS.trustedHeaders]: trust.headers.join(","),
              [EDGE_ANNOTATIONS.sources]: trust.sources.join(","),
              ...(trust.routes ? { [EDGE_ANNOTATIONS.trustedRoutes]: trust.routes.join(",") } : {}),
            }
          : {}),
      },
    },
    spec: {
      host: settings.fqdn,
      ...(aliases.length > 0 ? { hostAliases: aliases } : {}),
      virtualServerAddress: settings.virtualAddress,
      virtualServerName: `${settings.tenant}_kong_edge`,
      tlsProfileName: CIS_TLS_PROFILE_NAME,
      // CIS answers port 80 with a redirect to https, or not at all: plain HTTP is never proxied.
      httpTraffic: settings.redirectHttp ? "redirect" : "none",
      iRules: [settings.cis.headerHygieneIRule],
      snat: settings.cis.snatPool ?? "auto",
      ...(settings.apm ? { profileAccess: settings.apm.accessProfile } : {}),
      pools: [
        {
          path: "/",
          service: settings.kongProxyService,
          servicePort: settings.kong.port,
          monitor: {
            type: "https",
            send: `GET / HTTP/1.1\\r\\nHost: ${primaryHost}\\r\\nUser-Agent: kis-f5-monitor\\r\\nConnection: close\\r\\n\\r\\n`,
            recv: "",
            interval: 5,
            timeout: 16,
          },
        },
      ],
    },
  };
}
