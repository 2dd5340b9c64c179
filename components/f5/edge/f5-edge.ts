import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { f5Spec, type F5Args } from "../args";
import type { KongSpec, RouteSpec } from "../../kong/args";
import { buildAs3Declaration } from "../as3/declaration";
import { buildCisTlsProfile, buildCisVirtualServer, CIS_TLS_SECRET_NAME } from "../cis/resources";
import { As3Tenant } from "../provider/as3-tenant";
import { resolveF5Settings, type EdgeTrustedHeaders, type F5EdgeSettings } from "../settings";
import type { F5Secrets } from "./secrets";
import { summarizeF5Edge, type F5EdgeSummary } from "./summary";

export const F5_EDGE_TYPE = "kong-identity-stack:f5:F5Edge";

export interface F5EdgeArgs {
  /** The BIG-IP and virtual server (defaults applied inside). */
  readonly f5: F5Args;
  readonly kong: Pick<KongSpec, "hostnames" | "namespace">;
  readonly routes: readonly Pick<RouteSpec, "name">[];
  readonly environment: string;
  readonly secrets: F5Secrets;
}

/**
 * The F5 BIG-IP edge in front of Kong: an AS3 tenant posted to the BIG-IP (mode as3), or CIS custom resources
 * that the cluster's Container Ingress Services turns into BIG-IP configuration (mode cis). The decisions live
 * in the pure builders (buildAs3Declaration, buildCisVirtualServer, buildCisTlsProfile); this only wires them.
 */
export class F5Edge extends pulumi.ComponentResource {
  declare readonly settings: F5EdgeSettings;
  /** The name clients use to reach the edge: give it to a ZPA application segment. */
  declare readonly fqdn: pulumi.Output<string>;
  declare readonly summary: pulumi.Output<F5EdgeSummary>;
  /** The identity headers Kong may accept, and only from the edge's addresses (undefined: none). */
  declare readonly edgeTrust: EdgeTrustedHeaders | undefined;
  declare readonly as3Tenant: As3Tenant | undefined;

  constructor(name: string, args: F5EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super(F5_EDGE_TYPE, name, {}, opts);
    const f5 = f5Spec(args.f5);
    const settings = resolveF5Settings({ ...args, f5 });
    const { secrets } = args;
    // Children do not inherit a component's dependsOn: the edge's resources wait for what the caller names
    // (Kong, whose proxy the pool points at and whose namespace the CIS objects live in).
    const parent: pulumi.CustomResourceOptions = { parent: this, ...(opts?.dependsOn ? { dependsOn: opts.dependsOn } : {}) };
    this.settings = settings;
    this.edgeTrust = settings.edgeTrust;

    if (settings.mode === "as3") {
      if (!f5.host) throw new pulumi.ResourceError("f5.host: AS3 mode needs the BIG-IP management URL", this);
      const declaration = buildAs3Declaration(settings, { certificate: secrets.certificate, privateKey: secrets.privateKey });
      this.as3Tenant = new As3Tenant(
        `${name}-tenant`,
        {
          host: f5.host,
          tenant: settings.tenant,
          declaration: declaration as unknown as pulumi.Input<Record<string, unknown>>,
          auth: f5.auth,
          ...(f5.username ? { username: f5.username } : {}),
          ...(secrets.password !== undefined ? { password: secrets.password } : {}),
          ...(settings.edgeTrust ? { edgeTrust: settings.edgeTrust } : {}),
        },
        parent,
      );
    } else {
      this.as3Tenant = undefined;
      const tlsSecret = new k8s.core.v1.Secret(
        `${name}-tls`,
        {
          metadata: { name: CIS_TLS_SECRET_NAME, namespace: settings.kongNamespace },
          type: "kubernetes.io/tls",
          stringData: { "tls.crt": pulumi.secret(secrets.certificate), "tls.key": pulumi.secret(secrets.privateKey) },
        },
        parent,
      );
      const tlsProfile = new k8s.apiextensions.CustomResource(`${name}-tls-profile`, { ...buildCisTlsProfile(settings) }, { parent: this, dependsOn: [tlsSecret] });
      new k8s.apiextensions.CustomResource(`${name}-virtual-server`, { ...buildCisVirtualServer(settings) }, { parent: this, dependsOn: [tlsProfile] });
    }

    this.fqdn = pulumi.output(settings.fqdn);
    this.summary = pulumi.output(summarizeF5Edge(settings));
    this.registerOutputs({ fqdn: this.fqdn, summary: this.summary });
  }
}
