import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { kongSpec, routeProblems, routeSpec, type KongArgs, type RouteArgs } from "../args";
import { observabilitySpec, type ObservabilityArgs } from "../../observability/args";
import type { IdentityContract } from "../../contract";
import {
  applyHttpRedirect,
  applyTokenValidationOverride,
  buildDeclarativeConfig,
  describeKongLimitations,
  type KongDeclarativeConfig,
  type KongLimitation,
} from "../declarative";
import type { KongEdgeTrust } from "../declarative/edge-trust";
import type { EdgeClientAddress } from "../declarative/types";
import { kongConfigPayloadAsync, unpackValues, type KongConfigPayload } from "../delivery";
import { DEFAULT_IMAGES, KONG_CHART_NAME, KONG_CHART_REPO, buildHelmValues, kongCertificateSecretName, type KongCustomPlugins } from "../helm";
import { adminApiNetworkPolicySpec } from "../helm/network-policy";
import { createHash } from "node:crypto";
import type { PingAuthOptions } from "../plugins";
import { KONG_PROXY_TLS_SECRET_NAME } from "../tls/proxy-tls";
import { getJwksFetcher, type JsonWebKeySet, type JwksFetcher } from "../jwks";
import { configChecksum, serializedKongDocument, serializeKongYaml } from "../serialize";
import { KONG_GATEWAY_TYPE } from "./type-tokens";
import { KongSignInSecrets, kongBrowserSignIns } from "../sign-in";
import { createKongVaultSecret, kongSecretRefs } from "../vault";
import type { BrowserSignIn } from "../../sign-in";

/** The ConfigMap the chart reads kong.yml from (key `kong.yml`, as the chart's dblessConfig expects). */
export const KONG_CONFIG_MAP_NAME = "kong-declarative-config";
export const KONG_CONFIG_KEY = "kong.yml";
/** Helm release name; fixed so the chart's service names (`kong-kong-proxy`) are predictable. */
export const KONG_RELEASE_NAME = "kong";

export interface KongGatewayArgs {
  /** The trusted identity contracts (two during a cut-over), usually outputs of the IdP components. */
  readonly contracts: pulumi.Input<IdentityContract[]>;
  /** The API's routes and what each requires of a token (defaults applied inside). */
  readonly routes: readonly RouteArgs[];
  /** Edition, chart, image, proxy Service, host names, TLS (defaults applied inside). */
  readonly kong: KongArgs;
  readonly environment: string;
  /** OSS only: how to get each issuer's JWKS at deploy time. Defaults to the module's fetcher (`setJwksFetcher`). */
  readonly fetchJwks?: JwksFetcher;
  /** Identity headers an edge in front of Kong sets (F5 APM): accepted only from the edge's addresses. */
  readonly edgeTrust?: KongEdgeTrust;
  /** The F5 (AS3) replaces X-Forwarded-For with the client's address: ip rate limits count by it (edge-trust.ts). */
  readonly edgeClientAddress?: EdgeClientAddress;
  /** Private key of kong.tls.certificate (a Pulumi secret); required with it. Reaches the cluster only in a Secret. */
  readonly tlsPrivateKey?: pulumi.Input<string>;
  /** The proxy's TLS NodePort when an F5 pool targets node addresses (NodePort proxy). */
  readonly tlsNodePort?: number;
  /** Audit log, traces and metrics (stack config `observability`). */
  readonly observability?: ObservabilityArgs;
  /** The F5 in front replaces X-Request-ID (its iRule): Kong keeps the edge's id instead of dropping the client's. */
  readonly requestIdFromEdge?: boolean;
  /**
   * Values Kong reads through its env vault, by kebab-case id (kong.yml names them `{vault://env/<id>}`):
   * stored in one Kubernetes Secret in Kong's namespace and exposed to the pods as environment variables.
   */
  readonly vaultSecrets?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Changes when a vault secret's value changes (a rotation key), so the pods restart and read it. */
  readonly vaultSecretsRevision?: pulumi.Input<string | undefined>;
  /** PingAccess sideband: ping-auth on these routes (its shared secret must be one of vaultSecrets). */
  readonly pingAuth?: PingAuthOptions;
  /** Third-party plugins the pods must load (ping-auth) and how they are installed. */
  readonly customPlugins?: KongCustomPlugins;
  /** false: HTTP/1.1 only on the proxy TLS listener (ping-auth answers 400 to HTTP/2). Undefined: the chart's default (h2 on). */
  readonly proxyHttp2?: boolean;
  /**
   * A CA Kong trusts for its own TLS calls besides the system store (PingAccess's engine certificate): an existing
   * Secret by name, or the PEM for a Secret the stack creates under that name (public, not secret).
   */
  readonly trustedCa?: { readonly secretName: string; readonly key: string; readonly certificate?: string };
  /** Browser sign-in routes (Enterprise): their web clients' ids and secrets come from the primary IdP registration. */
  readonly signIn?: KongGatewaySignInArgs;
}

export interface KongGatewaySignInArgs {
  readonly signIns: readonly BrowserSignIn[];
  readonly clientIds: pulumi.Input<Record<string, string>>;
  /** A secret output; reaches Kong only as env-vault values (the client secret and a random session secret). */
  readonly clientSecrets: pulumi.Input<Record<string, string>>;
}

/**
 * Kong Gateway in DB-less mode: a namespace, a ConfigMap with the generated kong.yml and a Helm release of
 * the official chart that reads it. All decisions live in the pure builders; this class only wires resources.
 */
export class KongGateway extends pulumi.ComponentResource {
  public declare readonly kongYaml: pulumi.Output<string>;
  public declare readonly configChecksum: pulumi.Output<string>;
  /** How kong.yml travels (inline or gzip, kong.configDelivery) and its sizes: the plan shows it. */
  public declare readonly configDelivery: pulumi.Output<Omit<KongConfigPayload, "data" | "binaryData">>;
  public declare readonly limitations: pulumi.Output<KongLimitation[]>;
  public declare readonly proxyEndpoint: pulumi.Output<string>;
  public declare readonly namespaceName: pulumi.Output<string>;
  /** Kong's proxy certificate, public facts only (the policy pack checks it against what the BIG-IP verifies). */
  public declare readonly proxyTls: { readonly secretName?: string; readonly certificate?: string; readonly caCertificate?: string };

  constructor(name: string, args: KongGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super(KONG_GATEWAY_TYPE, name, {}, opts);
    // Defaults are applied here, not by a caller: a program of its own passes only what it needs.
    const kong = kongSpec(args.kong);
    const routes = args.routes.map(routeSpec);
    const observability = args.observability && observabilitySpec(args.observability);
    const { environment } = args;
    const problems = [
      ...routeProblems(routes),
      ...(kong.hostnames.length === 0 ? ["kong.hostnames: expected at least one host name"] : []),
      ...(kong.tls?.certificate && args.tlsPrivateKey === undefined ? ["tlsPrivateKey: required with kong.tls.certificate (the certificate's private key, a Pulumi secret)"] : []),
    ];
    if (problems.length > 0) throw new pulumi.ResourceError(problems.join("\n"), this);
    // kong.tokenValidationOverride (an escape hatch the policy pack checks) changes what Kong validates only.
    const contracts = pulumi.output(args.contracts).apply((c) => applyTokenValidationOverride(c, kong.tokenValidationOverride));

    const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, { metadata: { name: kong.namespace } }, { parent: this });
    this.namespaceName = namespace.metadata.name;

    const signIn = args.signIn && args.signIn.signIns.length > 0 ? args.signIn : undefined;
    // The sign-in routes' client and session secrets join the other env-vault values (one Kubernetes Secret).
    const signInSecrets = signIn
      ? new KongSignInSecrets(`${name}-sign-in`, { signIns: signIn.signIns, clientSecrets: signIn.clientSecrets }, { parent: this })
      : undefined;
    // Client ids only (not secret): kong.yml names the secrets by reference.
    const signIns = signIn ? pulumi.output(signIn.clientIds).apply((ids) => kongBrowserSignIns(signIn.signIns, ids)) : pulumi.output(undefined);

    // Built and written in one apply that yields text: Pulumi walks every apply's result looking for unknowns, and
    // the config object of thousands of routes is the one value worth not walking (declarativeConfig reads it back).
    this.kongYaml = pulumi.all([contracts, signIns]).apply(async ([trusted, browserSignIns]) => {
      const config = applyHttpRedirect(buildDeclarativeConfig(trusted, routes, {
        ...(browserSignIns ? { signIns: browserSignIns } : {}),
        edition: kong.edition,
        hostnames: kong.hostnames,
        environment,
        jwks: kong.edition === "oss" ? await fetchAllJwks(trusted, args.fetchJwks ?? getJwksFetcher()) : undefined,
        edgeTrust: args.edgeTrust,
        ...(args.edgeClientAddress ? { edgeClientAddress: args.edgeClientAddress } : {}),
        pingAuth: args.pingAuth,
        observability,
        requestIdFromEdge: args.requestIdFromEdge ?? false,
      }), kong.proxyHttp);
      return serializeKongYaml(config);
    });
    // Compression starts first and runs on the thread pool while this thread hashes the text.
    const payload = this.kongYaml.apply((text) => kongConfigPayloadAsync(text, kong.configDelivery));
    this.configChecksum = this.kongYaml.apply(configChecksum);
    this.configDelivery = payload.apply(({ delivery, textBytes, storedBytes }) => ({ delivery, textBytes, storedBytes }));
    this.limitations = contracts.apply((trusted) => describeKongLimitations(trusted, routes, kong.edition));

    const configMap = new k8s.core.v1.ConfigMap(
      `${name}-config`,
      {
        metadata: { name: KONG_CONFIG_MAP_NAME, namespace: this.namespaceName },
        // Inline: data["kong.yml"]; gzip: binaryData["kong.yml.gz"] (see ../delivery).
        data: payload.apply((p) => p.data),
        binaryData: payload.apply((p) => p.binaryData),
      },
      { parent: this },
    );

    // kong.tls.certificate: the stack creates the Secret the chart mounts; the key stays a Pulumi secret.
    const certificate = kong.tls?.certificate;
    const tlsSecret = certificate
      ? new k8s.core.v1.Secret(
          `${name}-proxy-tls`,
          {
            metadata: { name: KONG_PROXY_TLS_SECRET_NAME, namespace: this.namespaceName },
            type: "kubernetes.io/tls",
            // The certificate is public and stays readable (plan, policies); the key is a separate, secret input.
            stringData: { "tls.crt": certificate },
            data: { "tls.key": pulumi.secret(args.tlsPrivateKey!).apply((key) => Buffer.from(key, "utf8").toString("base64")) },
          },
          { parent: this },
        )
      : undefined;
    // A CA bundle for Kong's outbound TLS (ping-auth to PingAccess): public, so a plain Secret key the chart mounts.
    const trustedCa = args.trustedCa;
    const caSecret = trustedCa?.certificate
      ? new k8s.core.v1.Secret(
          `${name}-trusted-ca`,
          { metadata: { name: trustedCa.secretName, namespace: this.namespaceName }, stringData: { [trustedCa.key]: trustedCa.certificate } },
          { parent: this },
        )
      : undefined;
    // Routes that admit only the edge's addresses (APM headers, or ip rate limits counted by the edge's
    // X-Forwarded-For) need the real TCP peer: externalTrafficPolicy Local (helm/values.ts).
    const ipLimited = routes.some((r) => r.anonymous) || kong.edition === "oss";
    const trustsEdgeAddresses = (args.edgeTrust?.headers.length ?? 0) > 0 || (args.edgeClientAddress !== undefined && ipLimited);
    const secretName = kongCertificateSecretName(kong);
    this.proxyTls = {
      ...(secretName ? { secretName } : {}),
      ...(kong.tls?.certificate ? { certificate: kong.tls.certificate } : {}),
      ...(kong.tls?.caCertificate ? { caCertificate: kong.tls.caCertificate } : {}),
    };
    const vaultSecrets = { ...(args.vaultSecrets ?? {}), ...(signInSecrets?.values ?? {}) };
    const vaultIds = Object.keys(vaultSecrets);
    const vaultSecret =
      vaultIds.length === 0
        ? undefined
        : createKongVaultSecret(`${name}-vault-secrets`, { namespace: this.namespaceName, values: vaultSecrets }, { parent: this });
    const kongSecrets = kongSecretRefs(vaultIds);

    new k8s.helm.v3.Release(
      `${name}-release`,
      {
        name: KONG_RELEASE_NAME,
        chart: KONG_CHART_NAME,
        version: kong.chartVersion,
        repositoryOpts: { repo: KONG_CHART_REPO },
        namespace: this.namespaceName,
        values: pulumi.all([this.configChecksum, args.vaultSecretsRevision, payload]).apply(([checksum, secretsRevision, p]) =>
          buildHelmValues(kong, {
            configMapName: KONG_CONFIG_MAP_NAME,
            configChecksum: checksum,
            kongSecrets,
            secretsRevision,
            trustsEdgeAddresses,
            ...(args.tlsNodePort !== undefined ? { tlsNodePort: args.tlsNodePort } : {}),
            customPlugins: args.customPlugins,
            ...(args.proxyHttp2 !== undefined ? { proxyHttp2: args.proxyHttp2 } : {}),
            ...(trustedCa ? { trustedCaBundles: [{ secretName: trustedCa.secretName, key: trustedCa.key }] } : {}),
            observability: {
              serviceMonitor: !!(observability?.metrics.enabled && observability.metrics.serviceMonitor),
              tracing: !!observability?.tracing.enabled,
            },
            ...(p.delivery === "gzip" ? { unpack: unpackValues(args.customPlugins?.image ?? kong.image ?? DEFAULT_IMAGES[kong.edition]) } : {}),
            // Certificates the stack puts in Secrets are public: their hash in the pod template rolls the pods when one is
            // renewed (Kong reads its certificate and lua_ssl_trusted_certificate once, at start).
            ...(tlsChecksumOf(kong.tls?.certificate, trustedCa?.certificate)),
          }),
        ),
      },
      { parent: this, dependsOn: [configMap, ...(vaultSecret ? [vaultSecret] : []), ...(tlsSecret ? [tlsSecret] : []), ...(caSecret ? [caSecret] : [])] },
    );

    // An exposed Admin API is reachable only from kong.adminApi.allowedNamespaces (and requires client certificates).
    const adminPolicy = adminApiNetworkPolicySpec(kong);
    if (adminPolicy) {
      new k8s.networking.v1.NetworkPolicy(
        `${name}-admin-api`,
        { metadata: { name: "kong-admin-api", namespace: this.namespaceName }, spec: adminPolicy as unknown as k8s.types.input.networking.v1.NetworkPolicySpec },
        { parent: this },
      );
    }

    this.proxyEndpoint = pulumi.output(`https://${kong.hostnames[0]}`);

    // Not kong.yml nor its document: the ConfigMap holds it, and registered outputs go into the stack's state on every
    // `pulumi up` (twice the size of kong.yml again, 3.6 MB at 1000 routes) and through the engine's serialiser.
    this.registerOutputs({
      configChecksum: this.configChecksum,
      configDelivery: this.configDelivery,
      limitations: this.limitations,
      proxyEndpoint: this.proxyEndpoint,
      namespaceName: this.namespaceName,
      proxyTls: this.proxyTls,
    });
  }

  /** kong.yml as the document it holds (for tests and tools; the deployment itself only needs the text). */
  get declarativeConfig(): pulumi.Output<KongDeclarativeConfig> {
    return this.kongYaml.apply((text) => (serializedKongDocument(text) ?? parse(text)) as KongDeclarativeConfig);
  }
}

/** sha256 of Kong's own certificate, followed (when given) by the CA bundle the stack makes Kong trust. Pure. */
export function tlsChecksumOf(certificate: string | undefined, trustedCa: string | undefined): { tlsChecksum?: string } {
  if (!certificate && !trustedCa) return {};
  const hash = createHash("sha256").update(certificate ?? "");
  if (trustedCa) hash.update("\n--- trusted CA ---\n").update(trustedCa);
  return { tlsChecksum: hash.digest("hex") };
}

/** One fetch per distinct issuer, keyed by issuer as the builder expects. */
async function fetchAllJwks(
  contracts: readonly IdentityContract[],
  fetchJwks: JwksFetcher,
): Promise<Record<string, JsonWebKeySet>> {
  const entries = await Promise.all(contracts.map(async (c) => [c.issuer, await fetchJwks(c.jwksUri)] as const));
  return Object.fromEntries(entries);
}
