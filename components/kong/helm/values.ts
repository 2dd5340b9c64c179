import type { KongSpec } from "../args";
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
/** Pod annotation carrying the sha256 of kong.tls.certificate: Kong reads its certificate once, at start. */
export const TLS_CHECKSUM_ANNOTATION = "kong-identity-stack/tls-checksum";
/** Stakater Reloader's Deployment annotation: restart when one of these Secrets changes (kong.reloader: stakater). */
export const RELOADER_SECRET_ANNOTATION = "secret.reloader.stakater.com/reload";

export const DEFAULT_IMAGES: Readonly<Record<KongSpec["edition"], { readonly repository: string; readonly tag: string }>> = {
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
  /** sha256 of kong.tls.certificate (the stack owns the Secret): a renewal rolls the pods. */
  readonly tlsChecksum?: string;
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

type ServiceType = KongSpec["proxyServiceType"];

/** Values of the `kong` chart (3.4.1) this stack sets; every key exists in the chart's values.yaml. */
export interface KongHelmValues {
  readonly image: { readonly repository: string; readonly tag: string; readonly unifiedRepoTag?: string; readonly effectiveSemver?: string; readonly pullPolicy?: "IfNotPresent" };
  readonly env: { readonly database: "off"; readonly plugins?: string; readonly declarative_config?: string; readonly tracing_instrumentations?: string; readonly ssl_cert?: string; readonly ssl_cert_key?: string; readonly lua_ssl_trusted_certificate?: string };
  readonly deployment?: UnpackValues["deployment"];
  /** Secrets the chart mounts at /etc/secrets/<name>/ (Kong's proxy certificate). */
  readonly secretVolumes?: readonly string[];
  readonly ingressController: { readonly enabled: false };
  readonly dblessConfig: { readonly configMap: string };
  readonly replicaCount: number;
  readonly podAnnotations: Readonly<Record<string, string>>;
  readonly deploymentAnnotations?: Readonly<Record<string, string>>;
  readonly resources: { readonly requests: Readonly<Record<string, string>>; readonly limits?: Readonly<Record<string, string>> };
  readonly podDisruptionBudget?: { readonly enabled: true; readonly maxUnavailable: number };
  readonly topologySpreadConstraints?: readonly Record<string, unknown>[];
  readonly proxy: {
    readonly type: ServiceType;
    readonly http: { readonly enabled: boolean };
    readonly tls: { readonly enabled: true; readonly servicePort: number; readonly containerPort: number; readonly nodePort?: number; readonly parameters?: readonly string[] };
    readonly externalTrafficPolicy?: "Local" | "Cluster";
    readonly loadBalancerIP?: string;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly admin:
    | { readonly enabled: false; readonly addresses: readonly string[]; readonly http: { readonly enabled: false }; readonly tls: { readonly enabled: true } }
    | {
        readonly enabled: true;
        readonly type: ServiceType;
        readonly http: { readonly enabled: false };
        readonly tls: { readonly enabled: true; readonly client: { readonly caBundle: string } };
      };
  /** Kong Manager: no Service and no listener (KONG_ADMIN_GUI_LISTEN off); `enabled: false` alone removes only the Service. */
  readonly manager: { readonly enabled: false; readonly http: { readonly enabled: false }; readonly tls: { readonly enabled: false } };
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
export function buildHelmValues(kong: KongSpec, options: HelmValuesOptions): KongHelmValues {
  const custom = options.customPlugins;
  const image = custom?.image ?? kong.image ?? DEFAULT_IMAGES[kong.edition];
  const certificateSecret = kongCertificateSecretName(kong);
  const mount = certificateSecret ? proxyTlsMount(certificateSecret) : undefined;
  const trafficPolicy = proxyExternalTrafficPolicy(kong, options.trustsEdgeAddresses ?? false);
  const digest = custom?.image ? undefined : kong.image?.digest;
  const spread = kong.replicas >= 2;
  const lb = kong.proxyServiceType === "LoadBalancer" ? kong.proxyLoadBalancerAddress : undefined;
  const externalSecrets = [...(kong.tls?.secretName ? [kong.tls.secretName] : []), ...(kong.edition === "enterprise" ? [options.licenseSecretName ?? kong.licenseSecretName] : [])];
  const caBundles = options.trustedCaBundles ?? [];
  const trusted = luaTrustedCertificates(caBundles);
  const secretVolumes = [...(mount ? [mount.secretName] : []), ...caBundles.map((b) => b.secretName)];
  return {
    image: {
      repository: image.repository,
      tag: image.tag,
      // Pinned: every replica runs the same build (the chart's unifiedRepoTag takes repository:tag@digest verbatim).
      ...(digest ? { unifiedRepoTag: `${image.repository}:${image.tag}@${digest}`, effectiveSemver: image.tag } : {}),
    },
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
    // Everything Kong reads once at start is hashed into the pod template, so a change rolls the pods.
    podAnnotations: {
      [CONFIG_CHECKSUM_ANNOTATION]: options.configChecksum,
      ...(options.secretsRevision === undefined ? {} : { [SECRETS_REVISION_ANNOTATION]: options.secretsRevision }),
      ...(options.tlsChecksum === undefined ? {} : { [TLS_CHECKSUM_ANNOTATION]: options.tlsChecksum }),
    },
    // Secrets the stack does not own (kong.tls.secretName, the licence) change outside any plan: Stakater Reloader
    // restarts the Deployment when they do (kong.reloader), the only way such a renewal reaches running pods.
    ...(kong.reloader === "stakater" && externalSecrets.length > 0 ? { deploymentAnnotations: { [RELOADER_SECRET_ANNOTATION]: externalSecrets.join(",") } } : {}),
    resources: {
      requests: { ...kong.resources.requests },
      ...(kong.resources.limits && Object.keys(kong.resources.limits).length > 0 ? { limits: Object.fromEntries(Object.entries(kong.resources.limits).filter(([, v]) => v !== undefined)) as Record<string, string> } : {}),
    },
    // Two or more replicas: a drain or upgrade takes at most one at a time, and the scheduler spreads them over nodes
    // and zones (ScheduleAnyway: a single-zone cluster still schedules them).
    ...(spread
      ? {
          podDisruptionBudget: { enabled: true as const, maxUnavailable: 1 },
          topologySpreadConstraints: ["kubernetes.io/hostname", "topology.kubernetes.io/zone"].map((topologyKey) => ({
            maxSkew: 1,
            topologyKey,
            whenUnsatisfiable: topologyKey === "kubernetes.io/hostname" ? "DoNotSchedule" : "ScheduleAnyway",
            labelSelector: { matchLabels: { "app.kubernetes.io/name": "kong", "app.kubernetes.io/instance": "kong" } },
          })),
        }
      : {}),
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
      // The address the F5 pool targets (kong.proxyLoadBalancerAddress), by annotation or spec.loadBalancerIP.
      ...(lb ? (lb.annotation ? { annotations: { [lb.annotation]: lb.ip } } : { loadBalancerIP: lb.ip }) : {}),
    },
    // Off: loopback only (the chart's default when disabled, written out so no chart default can widen it). On: the
    // pod's address, TLS with client certificates required; the stack adds a NetworkPolicy (network-policy.ts).
    admin: kong.adminApi.enabled
      ? { enabled: true, type: kong.adminApi.serviceType, http: { enabled: false }, tls: { enabled: true, client: { caBundle: kong.adminApi.clientCaCertificate ?? "" } } }
      : { enabled: false, addresses: ["127.0.0.1"], http: { enabled: false }, tls: { enabled: true } },
    manager: { enabled: false, http: { enabled: false }, tls: { enabled: false } },
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
export function kongCertificateSecretName(kong: Pick<KongSpec, "tls">): string | undefined {
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
  kong: Pick<KongSpec, "proxyServiceType" | "proxyExternalTrafficPolicy">,
  trustsEdgeAddresses: boolean,
): "Local" | "Cluster" | undefined {
  if (kong.proxyServiceType === "ClusterIP") return undefined;
  return kong.proxyExternalTrafficPolicy ?? (trustsEdgeAddresses ? "Local" : undefined);
}
