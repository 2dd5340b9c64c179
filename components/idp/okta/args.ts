import type { IdentityConfig, OktaProviderConfig } from "../../../infra/config";

export interface OktaRegistrationArgs {
  /** One `kind: okta` entry of `identity.providers`. */
  readonly provider: OktaProviderConfig;
  /** The validated identity block: API name, scopes, access groups, clients, lifetimes. */
  readonly identity: IdentityConfig;
  /** Environment name (dev, prod, ...); part of default names. */
  readonly environment: string;
}
