import { cognitoProviderSpec, type CognitoProviderArgs, type CognitoProviderSpec } from "./cognito/args";
import { entraProviderSpec, type EntraProviderArgs, type EntraProviderSpec } from "./entra/args";
import { oktaProviderSpec, type OktaProviderArgs, type OktaProviderSpec } from "./okta/args";

/** One identity provider a registration is made at (two during a cut-over). */
export type ProviderArgs = EntraProviderArgs | OktaProviderArgs | CognitoProviderArgs;
export type ProviderSpec = EntraProviderSpec | OktaProviderSpec | CognitoProviderSpec;

/** Applies the provider kind's defaults. Pure. */
export function providerSpec(p: ProviderArgs): ProviderSpec {
  switch (p.kind) {
    case "entra":
      return entraProviderSpec(p);
    case "okta":
      return oktaProviderSpec(p);
    case "cognito":
      return cognitoProviderSpec(p);
  }
}

/** The provider's name in resource names and outputs: its own, or its kind. */
export const providerName = (provider: Pick<ProviderArgs, "name" | "kind">): string => provider.name ?? provider.kind;
