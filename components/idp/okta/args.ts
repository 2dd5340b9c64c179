import type { SignInRegistrations } from "../../sign-in";
import type { IdentityArgs } from "../identity-args";

/** The Okta org and custom authorization server of one registration. */
export interface OktaProviderArgs {
  readonly kind: "okta";
  /** Distinguishes two providers during a cut-over. Default "okta". */
  readonly name?: string;
  /** The Okta org (`dev-123456`); selects the Okta provider, never the token issuer. */
  readonly orgName: string;
  /** The org's domain. Default okta.com. */
  readonly baseUrl?: string;
  /** Default `<apiName>-<environment>`. */
  readonly authServerName?: string;
  /** Default `api://<apiName>`. */
  readonly audience?: string;
  /** How service apps authenticate at the token endpoint. Default client_secret_basic. */
  readonly serviceClientAuth?: "client_secret_basic" | "private_key_jwt";
  /** private_key_jwt: each service client's JWKS URL, by client name. Default {}. */
  readonly clientJwksUris?: Readonly<Record<string, string>>;
  /** The claim that carries the caller's access groups. Default groups. */
  readonly groupsClaim?: string;
}
export type OktaProviderSpec = OktaProviderArgs & Required<Pick<OktaProviderArgs, "baseUrl" | "serviceClientAuth" | "clientJwksUris" | "groupsClaim">>;

export const oktaProviderSpec = (p: OktaProviderArgs): OktaProviderSpec => ({
  ...p,
  baseUrl: p.baseUrl ?? "okta.com",
  serviceClientAuth: p.serviceClientAuth ?? "client_secret_basic",
  clientJwksUris: p.clientJwksUris ?? {},
  groupsClaim: p.groupsClaim ?? "groups",
});

export interface OktaRegistrationArgs {
  readonly provider: OktaProviderArgs;
  /** The API, its scopes, access groups, clients and lifetimes (defaults applied by the component). */
  readonly identity: IdentityArgs;
  /** Environment name (dev, prod, ...); part of default names. */
  readonly environment: string;
  /** What the stack's browser sign-in routes add to each web client (redirect and post-logout URIs, OIDC scopes). */
  readonly signIn?: SignInRegistrations;
}
