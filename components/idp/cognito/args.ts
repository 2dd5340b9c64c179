import type { CognitoProviderConfig, IdentityConfig } from "../../../infra/config";
import type { SignInRegistrations } from "../../sign-in";

export interface CognitoRegistrationArgs {
  /** One `kind: cognito` entry of `identity.providers`. */
  readonly provider: CognitoProviderConfig;
  /** The validated identity block: API name, scopes, access groups, clients, lifetimes. */
  readonly identity: IdentityConfig;
  /** Environment name (dev, prod, ...); part of default names. */
  readonly environment: string;
  /** What the stack's browser sign-in routes add to each web client (redirect and post-logout URIs, OIDC scopes). */
  readonly signIn?: SignInRegistrations;
}
