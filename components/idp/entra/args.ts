import type { SignInRegistrations } from "../../sign-in";
import type { IdentityArgs } from "../identity-args";

/** The Entra tenant and API settings of one registration. */
export interface EntraProviderArgs {
  readonly kind: "entra";
  /** Distinguishes two providers during a cut-over (appears in every resource name). Default "entra". */
  readonly name?: string;
  /** The Entra tenant (directory) GUID. */
  readonly tenantId: string;
  /** requestedAccessTokenVersion of the API application: 2, or 1 only when clients force it. Default 2. */
  readonly tokenVersion?: 1 | 2;
}
export type EntraProviderSpec = EntraProviderArgs & { readonly tokenVersion: 1 | 2 };

export const entraProviderSpec = (p: EntraProviderArgs): EntraProviderSpec => ({ ...p, tokenVersion: p.tokenVersion ?? 2 });

export interface EntraRegistrationArgs {
  readonly provider: EntraProviderArgs;
  /** The API, its scopes, access groups, clients and lifetimes (defaults applied by the component). */
  readonly identity: IdentityArgs;
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
