import * as pulumi from "@pulumi/pulumi";
import type { IdentityContract } from "../contract";
import { CognitoRegistration, EntraRegistration, OktaRegistration } from "../idp";
import { providerName, type ProviderArgs } from "../idp/providers";
import type { IdentityArgs } from "../idp/identity-args";
import type { SignInRegistrations } from "../sign-in";

/** What every IdP registration component exposes to the rest of the stack. */
export interface IdpRegistration {
  readonly contract: pulumi.Output<IdentityContract>;
  readonly clientIds: pulumi.Output<Record<string, string>>;
  readonly clientSecrets: pulumi.Output<Record<string, string>>;
}

export interface RegistrationArgs {
  readonly identity: IdentityArgs;
  readonly environment: string;
  readonly now: Date;
  /** Entra: appRoleAssignmentRequired (true only when every protected route requires a role). */
  readonly assignmentRequired?: boolean;
  /** Redirect/post-logout URIs and scopes the browser sign-in routes add to web clients. */
  readonly signIn?: SignInRegistrations;
}

export { providerName };

/** One registration component per configured provider (two during a cut-over). */
export function createRegistration(
  provider: ProviderArgs,
  args: RegistrationArgs,
  opts: pulumi.ComponentResourceOptions,
): IdpRegistration {
  const name = providerName(provider);
  switch (provider.kind) {
    case "entra":
      return new EntraRegistration(name, { provider, ...args }, opts);
    case "okta":
      return new OktaRegistration(name, { provider, identity: args.identity, environment: args.environment, signIn: args.signIn }, opts);
    case "cognito":
      return new CognitoRegistration(name, { provider, identity: args.identity, environment: args.environment, signIn: args.signIn }, opts);
  }
}
