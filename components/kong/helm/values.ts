import type { KongConfig } from "../../../infra/config";
import { KONG_PROXY_TLS_SECRET_NAME, proxyTlsMount, secretMountDir } from "../tls/proxy-tls";
import type { UnpackValues } from "../delivery";
import { kongSecretEnv, type KongSecretRef } from "../vault";

/** The official chart's repository (chart `kong`, Kong/charts). */
export const KONG_CHART_REPO = "https://charts.konghq.com";
export const KONG_CHART_NAME = "kong";

/** Pod annotation carrying the sha256 of kong.yml: the chart does not hash an external ConfigMap. */
export const CONFIG_CHECKSUM_ANNOTATION = "kong-identity-stack/config-checksum";
/** Pod annotation carrying the vault secrets' revision: env variables are read at start, so a rotation must roll the pods. */
export const SECRETS_REVISION_ANNOTATION = "kong-identity-stack/secrets-revision";

export const DEFAULT_IMAGES: Readonly<Record<KongConfig["edition"], { readonly repository: string; readonly tag: string }>> = {
  enterprise: { repository: "kong/kong-gateway", tag: "3.9" },
  oss: { repository: "kong", tag: "3.9" },
};

export interface HelmValuesOptions {
  readonly configMapName: string;
  readonly configChecksum: string;
  /** Defaults to kong.licenseSecretName; only read for the enterprise edition. */
  readonly licenseSecretName?: string;
  /** Some route admits only edge addresses (ip-restriction): the proxy must see the real peer. */
  readonly trustsEdgeAddresses?: boolean;
  /** The TLS NodePort the F5 pool targets (NodePort proxy behind static pool members). */
  readonly tlsNodePort?: number;
  /** observability.metrics / observability.tracing (see observabilityValues). */
  readonly observability?: { readonly serviceMonitor: boolean; readonly tracing: boolean };
  /** kong.yml arrives gzip-compressed (large stacks): the init container and volumes that unpack it. */
  readonly unpack?: UnpackValues;
  /** Secrets Kong reads through its env vault (`components/kong/vault`), exposed as container variables. */
  readonly kongSecrets?: readonly KongSecretRef[];
  /** Changes whenever a vault secret's value changes (e.g. a rotation key); never the value or its hash. */
  readonly secretsRevision?: string;
  /** Third-party plugins (ping-auth) and how they get into the pods. */
  readonly customPlugins?: KongCustomPlugins;
  /**
   * ALPN h2 on the proxy TLS listener (the chart's default `proxy.tls.parameters: [http2]`). false: HTTP/1.1
   * only, which ping-auth needs (it answers 400 to any HTTP/2 request). Undefined: the chart's default.
   */
  readonly proxyHttp2?: boolean;
  /** CA bundles Kong trusts besides the system store for its own TLS calls (ping-auth to PingAccess). */
  readonly trustedCaBundles?: readonly TrustedCaBundle[];
}

/** A CA bundle in a Secret (key `key`), mounted by the chart at /etc/secrets/<secretName>/ and added to lua_ssl_trusted_certificate. */
export interface TrustedCaBundle {
  readonly secretName: string;
  readonly key: string;
}

/**
 * kong.conf `lua_ssl_trusted_certificate`: the certificates cosockets (ping-auth's calls to PingAccess, the
 * OIDC plugin's discovery) verify against. Kong's default is `system`; a private CA is appended, never swapped
 * in, so public issuers and JWKS hosts still verify.
 */
export function luaTrustedCertificates(bundles: readonly TrustedCaBundle[]): string | undefined {
  if (bundles.length === 0) return undefined;
  return ["system", ...bundles.map((b) => `${secretMountDir(b.secretName)}/${b.key}`)].join(",");
}

/**
 * Plugins Kong must load besides the bundled ones: `env.plugins: bundled,<names>` (KONG_PLUGINS), and either
 * an image that has them installed (LuaRocks) or ConfigMaps with their Lua files, which the chart mounts at
 * /opt/kong/plugins/<pluginName> (`plugins.configMaps`, on the chart's KONG_LUA_PACKAGE_PATH /opt/?.lua).
 */
export interface KongCustomPlugins {
  readonly names: readonly string[];
  readonly image?: { readonly repository: string; readonly tag: string };
  readonly configMaps?: readonly { readonly pluginName: string; readonly name: string }[];
}

type ServiceType = KongConfig["proxyServiceType"];

/** Values of the `kong` chart (3.4.1) this stack sets; every key exists in the chart's values.yaml. */
export interface KongHelmValues {
  readonly image: { readonly repository: string; readonly tag: string };
  readonly env: { readonly database: "off"; readonly plugins?: string; readonly declarative_config?: string; readonly tracing_instrumentations?: string; readonly ssl_cert?: string; readonly ssl_cert_key?: string; readonly lua_ssl_trusted_certificate?: string };
  readonly deployment?: UnpackValues["deployment"];
  /** Secrets the chart mounts at /etc/secrets/<name>/ (Kong's proxy certificate). */
  readonly secretVolumes?: readonly string[];
  readonly ingressController: { readonly enabled: false };
  readonly dblessConfig: { readonly configMap: string };
  readonly replicaCount: number;
  readonly podAnnotations: Readonly<Record<string, string>>;
  readonly proxy: {
    readonly type: ServiceType;
    readonly http: { readonly enabled: boolean };
    readonly tls: { readonly enabled: true; readonly servicePort: number; readonly containerPort: number; readonly nodePort?: number; readonly parameters?: readonly string[] };
    readonly externalTrafficPolicy?: "Local" | "Cluster";
  };
  readonly admin:
    | { readonly enabled: false }
    | {
        readonly enabled: true;
        readonly type: ServiceType;
        readonly http: { readonly enabled: false };
        readonly tls: { readonly enabled: true };
      };
  readonly manager: { readonly enabled: false };
  readonly portal: { readonly enabled: false };
  readonly portalapi: { readonly enabled: false };
  readonly enterprise?: { readonly enabled: true; readonly license_secret: string };
  readonly serviceMonitor?: { readonly enabled: true };
  readonly customEnv?: Readonly<Record<string, unknown>>;
  readonly plugins?: { readonly configMaps: readonly { readonly pluginName: string; readonly name: string }[] };
}

/**
 * Values for a standalone DB-less Kong: no database, no ingress controller (the declarative config comes
 * from our ConfigMap), no Kong Manager or portal, and the Admin API off unless the stack asks for it (then
 * TLS only). The checksum annotation rolls the pods whenever kong.yml changes.
 */
export function buildHelmValues(kong: KongConfig, options: HelmValuesOptions): KongHelmValues {
  const custom = options.customPlugins;
  const image = custom?.image ?? kong.image ?? DEFAULT_IMAGES[kong.edition];
  const certificateSecret = kongCertificateSecretName(kong);
  const mount = certificateSecret ? proxyTlsMount(certificateSecret) : undefined;
  const trafficPolicy = proxyExternalTrafficPolicy(kong, options.trustsEdgeAddresses ?? false);
  const caBundles = options.trustedCaBundles ?? [];
  const trusted = luaTrustedCertificates(caBundles);
  const secretVolumes = [...(mount ? [mount.secretName] : []), ...caBundles.map((b) => b.secretName)];
  return {
    image: { repository: image.repository, tag: image.tag },
    env: {
      database: "off",
      ...(custom && custom.names.length > 0 ? { plugins: ["bundled", ...custom.names].join(",") } : {}),
      ...(options.unpack ? { declarative_config: options.unpack.declarativeConfigPath } : {}),
      // The opentelemetry plugin exports the spans Kong records: the request and the upstream call (balancer).
      ...(options.observability?.tracing ? { tracing_instrumentations: "request,balancer" } : {}),
      ...(mount ? { ssl_cert: mount.certPath, ssl_cert_key: mount.keyPath } : {}),
      ...(trusted ? { lua_ssl_trusted_certificate: trusted } : {}),
    },
    ...(options.unpack ? { deployment: options.unpack.deployment } : {}),
    ...(secretVolumes.length > 0 ? { secretVolumes: [...new Set(secretVolumes)] } : {}),
    ingressController: { enabled: false },
    dblessConfig: { configMap: options.configMapName },
    replicaCount: kong.replicas,
    podAnnotations: {
      [CONFIG_CHECKSUM_ANNOTATION]: options.configChecksum,
      ...(options.secretsRevision === undefined ? {} : { [SECRETS_REVISION_ANNOTATION]: options.secretsRevision }),
    },
    proxy: {
      type: kong.proxyServiceType,
      // The chart opens port 80 by default; routes are https-only, so a client would send its token in clear first.
      http: { enabled: kong.proxyHttp === "redirect" },
      tls: {
        enabled: true,
        servicePort: KONG_PROXY_TLS_SERVICE_PORT,
        containerPort: KONG_PROXY_TLS_CONTAINER_PORT,
        ...(options.tlsNodePort !== undefined && kong.proxyServiceType === "NodePort" ? { nodePort: options.tlsNodePort } : {}),
        // The chart renders `listen ... ssl` plus these parameters; without http2 no client can negotiate h2.
        ...(options.proxyHttp2 === false ? { parameters: [] } : {}),
      },
      ...(trafficPolicy ? { externalTrafficPolicy: trafficPolicy } : {}),
    },
    admin: kong.adminApi.enabled
      ? { enabled: true, type: kong.adminApi.serviceType, http: { enabled: false }, tls: { enabled: true } }
      : { enabled: false },
    manager: { enabled: false },
    portal: { enabled: false },
    portalapi: { enabled: false },
    ...(kong.edition === "enterprise"
      ? {
          // The licence secret exists already (created outside the stack); only its name goes into values.
          enterprise: { enabled: true, license_secret: options.licenseSecretName ?? kong.licenseSecretName },
        }
      : {}),
    // The chart's ServiceMonitor scrapes the pods' `status` port (8100, on by default) through the Service
    // labelled enable-metrics (the proxy Service by default); the chart renders it only where the CRD exists.
    ...(options.observability?.serviceMonitor ? { serviceMonitor: { enabled: true } as const } : {}),
    ...(kongSecretEnv(options.kongSecrets ?? []) as { customEnv?: Readonly<Record<string, unknown>> }),
    ...(custom?.configMaps && custom.configMaps.length > 0 ? { plugins: { configMaps: custom.configMaps.map((c) => ({ pluginName: c.pluginName, name: c.name })) } } : {}),
  };
}

/** The chart's proxy TLS ports (values.yaml defaults, set explicitly so the request path can name them). */
export const KONG_PROXY_TLS_SERVICE_PORT = 443;
export const KONG_PROXY_TLS_CONTAINER_PORT = 8443;

/** The Secret holding Kong's proxy certificate: the configured one, the one the stack creates, or none. */
export function kongCertificateSecretName(kong: Pick<KongConfig, "tls">): string | undefined {
  if (!kong.tls) return undefined;
  return kong.tls.secretName ?? KONG_PROXY_TLS_SECRET_NAME;
}

/**
 * externalTrafficPolicy of the proxy Service. With Cluster (Kubernetes' default) a node forwarding to a pod on
 * another node SNATs the source to its own address, so ip-restriction (which matches the TCP peer) would see a
 * node, never the edge. Local keeps the source; nodes without a Kong pod then fail the load balancer's (or the
 * BIG-IP monitor's) health check and get no traffic. ClusterIP has no external traffic: no policy.
 */
export function proxyExternalTrafficPolicy(
  kong: Pick<KongConfig, "proxyServiceType" | "proxyExternalTrafficPolicy">,
  trustsEdgeAddresses: boolean,
): "Local" | "Cluster" | undefined {
  if (kong.proxyServiceType === "ClusterIP") return undefined;
  return kong.proxyExternalTrafficPolicy ?? (trustsEdgeAddresses ? "Local" : undefined);
}
