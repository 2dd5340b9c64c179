import type { EntraProviderConfig, IdentityConfig } from "../../../infra/config";
import type { SignInRegistrations } from "../../sign-in";

export interface EntraRegistrationArgs {
  /** One `kind: entra` entry of `identity.providers`. */
  readonly provider: EntraProviderConfig;
  /** The validated identity block: API name, scopes, access groups, clients, lifetimes. */
  readonly identity: IdentityConfig;
  /** Environment name (dev, prod, ...); part of default display names. */
  readonly environment: string;
  /** Clock for secret rotation; defaults to the time the program runs. Tests pin it. */
  readonly now?: Date;
  /** Microsoft Graph and sign-in base URLs of the token-lifetime policy; defaults are Microsoft's. Tests use stand-ins. */
  readonly graphBaseUrl?: string;
  readonly loginBaseUrl?: string;
  /** appRoleAssignmentRequired on the API's service principal (see entraAssignmentRequired); default true. */
  readonly assignmentRequired?: boolean;
  /** What the stack's browser sign-in routes add to each web client (redirect and post-logout URIs, OIDC scopes). */
  readonly signIn?: SignInRegistrations;
}
