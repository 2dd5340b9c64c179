import type { KongConfig } from "../../../infra/config";
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
  /** observability.metrics / observability.tracing (see observabilityValues). */
  readonly observability?: { readonly serviceMonitor: boolean; readonly tracing: boolean };
  /** kong.yml arrives gzip-compressed (large stacks): the init container and volumes that unpack it. */
  readonly unpack?: UnpackValues;
  /** Secrets Kong reads through its env vault (`components/kong/vault`), exposed as container variables. */
  readonly kongSecrets?: readonly KongSecretRef[];
  /** Changes whenever a vault secret's value changes (e.g. a rotation key); never the value or its hash. */
  readonly secretsRevision?: string;
}

type ServiceType = KongConfig["proxyServiceType"];

/** Values of the `kong` chart (3.4.1) this stack sets; every key exists in the chart's values.yaml. */
export interface KongHelmValues {
  readonly image: { readonly repository: string; readonly tag: string };
  readonly env: { readonly database: "off"; readonly declarative_config?: string; readonly tracing_instrumentations?: string };
  readonly deployment?: UnpackValues["deployment"];
  readonly ingressController: { readonly enabled: false };
  readonly dblessConfig: { readonly configMap: string };
  readonly replicaCount: number;
  readonly podAnnotations: Readonly<Record<string, string>>;
  readonly proxy: { readonly type: ServiceType };
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
}

/**
 * Values for a standalone DB-less Kong: no database, no ingress controller (the declarative config comes
 * from our ConfigMap), no Kong Manager or portal, and the Admin API off unless the stack asks for it (then
 * TLS only). The checksum annotation rolls the pods whenever kong.yml changes.
 */
export function buildHelmValues(kong: KongConfig, options: HelmValuesOptions): KongHelmValues {
  const image = kong.image ?? DEFAULT_IMAGES[kong.edition];
  return {
    image: { repository: image.repository, tag: image.tag },
    env: {
      database: "off",
      ...(options.unpack ? { declarative_config: options.unpack.declarativeConfigPath } : {}),
      // The opentelemetry plugin exports the spans Kong records: the request and the upstream call (balancer).
      ...(options.observability?.tracing ? { tracing_instrumentations: "request,balancer" } : {}),
    },
    ...(options.unpack ? { deployment: options.unpack.deployment } : {}),
    ingressController: { enabled: false },
    dblessConfig: { configMap: options.configMapName },
    replicaCount: kong.replicas,
    podAnnotations: {
      [CONFIG_CHECKSUM_ANNOTATION]: options.configChecksum,
      ...(options.secretsRevision === undefined ? {} : { [SECRETS_REVISION_ANNOTATION]: options.secretsRevision }),
    },
    proxy: { type: kong.proxyServiceType },
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
  };
}
