import * as pulumi from "@pulumi/pulumi";
import { GRAPH_BASE_URL, LOGIN_BASE_URL } from "./graph-client";
import { createTokenLifetimePolicyProvider } from "./provider";

export const TOKEN_LIFETIME_POLICY_TYPE = "pulumi-nodejs:dynamic/entra:TokenLifetimePolicy";

export interface TokenLifetimePolicyArgs {
  readonly tenantId: pulumi.Input<string>;
  /** Object id of the API application (`azuread.Application.objectId`). */
  readonly applicationObjectId: pulumi.Input<string>;
  /** 10 to 1440 minutes. */
  readonly accessTokenLifetimeMinutes: pulumi.Input<number>;
  readonly displayName: pulumi.Input<string>;
  /** Overridable so tests (and stand-ins) never reach Microsoft. */
  readonly graphBaseUrl?: pulumi.Input<string>;
  readonly loginBaseUrl?: pulumi.Input<string>;
}

const provider = createTokenLifetimePolicyProvider();

/**
 * A Microsoft Graph `tokenLifetimePolicy` assigned to one application (@pulumi/azuread has no resource for it).
 * Needs Entra ID P1 and an application with Policy.ReadWrite.ApplicationConfiguration and
 * Application.ReadWrite.All; its credentials come from the environment (see `graphCredentialsFromEnv`).
 */
export class TokenLifetimePolicy extends pulumi.dynamic.Resource {
  declare readonly policyId: pulumi.Output<string>;
  declare readonly accessTokenLifetimeMinutes: pulumi.Output<number>;
  declare readonly applicationObjectId: pulumi.Output<string>;
  declare readonly assigned: pulumi.Output<boolean>;

  constructor(name: string, args: TokenLifetimePolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        tenantId: args.tenantId,
        applicationObjectId: args.applicationObjectId,
        accessTokenLifetimeMinutes: args.accessTokenLifetimeMinutes,
        displayName: args.displayName,
        graphBaseUrl: args.graphBaseUrl ?? GRAPH_BASE_URL,
        loginBaseUrl: args.loginBaseUrl ?? LOGIN_BASE_URL,
        policyId: undefined,
        assigned: undefined,
      },
      opts,
      "entra",
      "TokenLifetimePolicy",
    );
  }
}
