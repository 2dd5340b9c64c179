import * as pulumi from "@pulumi/pulumi";
import type { IdentityContract } from "../contract";
import { CognitoRegistration, EntraRegistration, OktaRegistration } from "../idp";
import type { IdentityConfig, ProviderConfig } from "../../infra/config";

/** What every IdP registration component exposes to the rest of the stack. */
export interface IdpRegistration {
  readonly contract: pulumi.Output<IdentityContract>;
  readonly clientIds: pulumi.Output<Record<string, string>>;
  readonly clientSecrets: pulumi.Output<Record<string, string>>;
}

export interface RegistrationArgs {
  readonly identity: IdentityConfig;
  readonly environment: string;
  readonly now: Date;
  /** Entra: appRoleAssignmentRequired (true only when every protected route requires a role). */
  readonly assignmentRequired?: boolean;
}

export const providerName = (provider: ProviderConfig): string => provider.name ?? provider.kind;

/** One registration component per configured provider (two during a cut-over). */
export function createRegistration(
  provider: ProviderConfig,
  args: RegistrationArgs,
  opts: pulumi.ComponentResourceOptions,
): IdpRegistration {
  const name = providerName(provider);
  switch (provider.kind) {
    case "entra":
      return new EntraRegistration(name, { provider, ...args }, opts);
    case "okta":
      return new OktaRegistration(name, { provider, identity: args.identity, environment: args.environment }, opts);
    case "cognito":
      return new CognitoRegistration(name, { provider, identity: args.identity, environment: args.environment }, opts);
  }
}
