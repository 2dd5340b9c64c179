import type { CognitoProviderConfig, IdentityConfig } from "../../../infra/config";

export interface CognitoRegistrationArgs {
  /** One `kind: cognito` entry of `identity.providers`. */
  readonly provider: CognitoProviderConfig;
  /** The validated identity block: API name, scopes, access groups, clients, lifetimes. */
  readonly identity: IdentityConfig;
  /** Environment name (dev, prod, ...); part of default names. */
  readonly environment: string;
}
