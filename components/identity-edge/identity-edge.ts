import * as pulumi from "@pulumi/pulumi";
import type { IdentityContract } from "../contract";
import { KongGateway } from "../kong";
import { ZpaConnector, accessGroupsFromContracts, zpaEdgeFqdn } from "../zpa";
import type { StackConfig } from "../../infra/config";
import { createRegistration, providerName, type IdpRegistration } from "./registrations";

export interface IdentityEdgeArgs {
  readonly config: StackConfig;
  /** Clock for secret-rotation buckets; the offline plan pins it so two runs are identical. */
  readonly now?: Date;
}

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
  /** Zscaler Private Access in front of the edge, when `zpa.enabled`. */
  declare readonly zpa: ZpaConnector | undefined;

  constructor(name: string, args: IdentityEdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kong-identity-stack:index:IdentityEdge", name, {}, opts);
    const { config } = args;
    const now = args.now ?? new Date();

    const registrations = Object.fromEntries(
      config.identity.providers.map((provider) => [
        providerName(provider),
        createRegistration(provider, { identity: config.identity, environment: config.environment, now }, { parent: this }),
      ]),
    );
    const names = Object.keys(registrations);
    this.registrations = registrations;
    this.contracts = pulumi.all(names.map((n) => registrations[n]!.contract));
    this.clientIds = pulumi.all(Object.fromEntries(names.map((n) => [n, registrations[n]!.clientIds])));
    this.clientSecrets = pulumi.secret(pulumi.all(Object.fromEntries(names.map((n) => [n, registrations[n]!.clientSecrets]))));

    this.gateway = new KongGateway(
      "kong",
      { contracts: this.contracts, routes: config.routes, kong: config.kong, environment: config.environment },
      { parent: this },
    );

    // ZPA admits exactly the contracts' access groups (the list Kong's ACLs use) to the edge's FQDN.
    this.zpa = config.zpa?.enabled
      ? new ZpaConnector(
          "zpa",
          {
            zpa: config.zpa,
            environment: config.environment,
            apiName: config.identity.apiName,
            edgeFqdn: zpaEdgeFqdn(config),
            accessGroups: this.contracts.apply(accessGroupsFromContracts),
          },
          { parent: this },
        )
      : undefined;

    this.registerOutputs({ contracts: this.contracts, proxyEndpoint: this.gateway.proxyEndpoint });
  }
}
