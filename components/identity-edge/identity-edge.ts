import * as pulumi from "@pulumi/pulumi";
import type { IdentityContract } from "../contract";
import { F5Edge, resolveF5Settings } from "../f5";
import { kongTlsNodePort } from "../f5/settings";
import { entraAssignmentRequired } from "../idp/entra/assignment";
import { KongGateway } from "../kong";
import { ZpaConnector, accessGroupsFromContracts, zpaEdgeFqdn } from "../zpa";
import { PingAccessSideband } from "../pingaccess";
import { edgeSpec, type IdentityEdgeArgs } from "./args";
import { createRegistration, providerName, type IdpRegistration } from "./registrations";
import { browserSignIns, signInRegistrations } from "../sign-in";
import { combineSecretsRevisions, signInSecretsRevision } from "./secrets-revision";

export type { IdentityEdgeArgs } from "./args";

/**
 * The whole API edge for one environment: IdP registrations produce the identity contracts, and
 * everything downstream (Kong today; ZPA, F5 and the policies) is built from those contracts.
 */
export class IdentityEdge extends pulumi.ComponentResource {
  declare readonly contracts: pulumi.Output<IdentityContract[]>;
  declare readonly registrations: Readonly<Record<string, IdpRegistration>>;
  declare readonly gateway: KongGateway;
  declare readonly clientIds: pulumi.Output<Record<string, Record<string, string>>>;
  declare readonly clientSecrets: pulumi.Output<Record<string, Record<string, string>>>;
  /** The F5 BIG-IP edge in front of Kong, when the stack config has `f5` (enabled). */
  declare readonly f5: F5Edge | undefined;
  /** Zscaler Private Access in front of the edge, when `zpa.enabled`. */
  declare readonly zpa: ZpaConnector | undefined;
  /** PingAccess deciding per request through Kong's ping-auth, when `pingaccess.enabled`. */
  declare readonly pingaccess: PingAccessSideband | undefined;

  constructor(name: string, args: IdentityEdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kong-identity-stack:index:IdentityEdge", name, {}, opts);
    // Every block's defaults, applied once here: the same values go to each component and to the pure derivations.
    const config = edgeSpec(args);
    const now = args.now ?? new Date();
    if (config.f5?.enabled && !args.f5Secrets) {
      throw new pulumi.ResourceError("f5Secrets is required with an enabled f5: the virtual server's TLS certificate and key (and the BIG-IP password, or none to read env F5_PASSWORD at deploy time)", this);
    }
    // Browser sign-in URIs, derived once: the same values go to the IdP registrations and to Kong.
    const signIns = browserSignIns(config);
    const signIn = signIns.length > 0 ? signInRegistrations(signIns) : undefined;

    const registrations = Object.fromEntries(
      config.identity.providers.map((provider) => [
        providerName(provider),
        createRegistration(provider, { identity: config.identity, environment: config.environment, now, assignmentRequired: entraAssignmentRequired(config.routes), ...(signIn ? { signIn } : {}) }, { parent: this }),
      ]),
    );
    const names = Object.keys(registrations);
    this.registrations = registrations;
    this.contracts = pulumi.all(names.map((n) => registrations[n]!.contract));
    this.clientIds = pulumi.all(Object.fromEntries(names.map((n) => [n, registrations[n]!.clientIds])));
    this.clientSecrets = pulumi.secret(pulumi.all(Object.fromEntries(names.map((n) => [n, registrations[n]!.clientSecrets]))));

    const f5 = config.f5?.enabled ? config.f5 : undefined;
    // Kong learns from the F5 settings which identity headers the edge forwards and from which addresses.
    const f5Settings = f5 ? resolveF5Settings({ f5, kong: config.kong, routes: config.routes, environment: config.environment }) : undefined;
    // PingAccess is built from the same contract; Kong gets ping-auth and the shared secret (as a vault secret).
    const pa = config.pingaccess?.enabled ? config.pingaccess : undefined;
    this.pingaccess = pa
      ? new PingAccessSideband(
          "pingaccess",
          { pingaccess: pa, routes: config.routes, kong: config.kong, apiName: config.identity.apiName, environment: config.environment, contract: this.contracts.apply((c) => c[0]!), now, provider: config.identity.providers[0] },
          { parent: this },
        )
      : undefined;
    // Kong reads its vault secrets once, at start: any change of one (a sign-in secret rotation, ping-auth's shared
    // secret) must change the pod template, so the revision of each goes into it.
    const primary = config.identity.providers[0]!;
    const signInRevision =
      signIns.length > 0
        ? registrations[names[0]!]!.clientIds.apply((ids) => signInSecretsRevision(primary.kind, config.identity.secretLifetimeDays, now, signIns, ids))
        : pulumi.output<string | undefined>(undefined);
    const vaultSecretsRevision = pulumi
      .all([signInRevision, this.pingaccess?.secretRevision ?? pulumi.output<string | undefined>(undefined)])
      .apply(([signInPart, pingPart]) => combineSecretsRevisions({ "sign-in": signInPart, "ping-auth": pingPart }));
    this.gateway = new KongGateway(
      "kong",
      {
        contracts: this.contracts,
        routes: config.routes,
        kong: config.kong,
        environment: config.environment,
        edgeTrust: f5Settings?.edgeTrust,
        // AS3: the virtual server's HTTP profile inserts X-Forwarded-For after the iRule removed client copies.
        ...(f5Settings?.mode === "as3" ? { edgeClientAddress: { header: "X-Forwarded-For", sources: f5Settings.sources } } : {}),
        observability: config.observability,
        requestIdFromEdge: f5 !== undefined,
        tlsNodePort: kongTlsNodePort(f5Settings, config.kong),
        ...(args.kongTlsPrivateKey !== undefined ? { tlsPrivateKey: args.kongTlsPrivateKey } : {}),
        // Sign-in routes use the (only) provider's web clients; the schema refuses sign-in during a cut-over.
        ...(signIns.length > 0
          ? { signIn: { signIns, clientIds: registrations[names[0]!]!.clientIds, clientSecrets: registrations[names[0]!]!.clientSecrets } }
          : {}),
        ...(this.pingaccess
          ? {
              pingAuth: this.pingaccess.kong.pingAuth,
              customPlugins: this.pingaccess.kong.customPlugins,
              proxyHttp2: this.pingaccess.kong.proxyHttp2,
              ...(this.pingaccess.kong.trustedCa ? { trustedCa: this.pingaccess.kong.trustedCa } : {}),
              vaultSecrets: this.pingaccess.vaultSecrets(),
            }
          : {}),
        vaultSecretsRevision,
      },
      { parent: this, dependsOn: this.pingaccess ? [this.pingaccess] : [] },
    );
    this.f5 = f5
      ? new F5Edge(
          "f5",
          { f5, kong: config.kong, routes: config.routes, environment: config.environment, secrets: args.f5Secrets! },
          { parent: this, dependsOn: [this.gateway] },
        )
      : undefined;

    // ZPA admits exactly the contracts' access groups (the list Kong's ACLs use) to the edge's FQDN.
    this.zpa = config.zpa?.enabled
      ? new ZpaConnector(
          "zpa",
          {
            zpa: config.zpa,
            environment: config.environment,
            apiName: config.identity.apiName,
            // With an F5 in front of Kong, ZPA carries users to the F5 virtual server, not to Kong.
            edgeFqdn: f5Settings?.fqdn ?? zpaEdgeFqdn(config),
            accessGroups: this.contracts.apply(accessGroupsFromContracts),
          },
          { parent: this },
        )
      : undefined;

    this.registerOutputs({ contracts: this.contracts, proxyEndpoint: this.gateway.proxyEndpoint });
  }
}
