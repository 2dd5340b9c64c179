import type { SignInRegistrations } from "../../sign-in";
import type { IdentityArgs } from "../identity-args";

/** The Cognito user pool of one registration. */
export interface CognitoProviderArgs {
  readonly kind: "cognito";
  /** Distinguishes two providers during a cut-over. Default "cognito". */
  readonly name?: string;
  /** AWS region of the user pool. */
  readonly region: string;
  /** Default `<apiName>-<environment>`. */
  readonly userPoolName?: string;
  /** Prefix of the Cognito domain (the token endpoint); required when there are clients. */
  readonly domainPrefix?: string;
  /** Resource-server identifier (scopes are `<identifier>/<scope>`). Default: the apiName. */
  readonly identifier?: string;
  /** The issuer host the pool's tokens carry. Default cognito-idp. */
  readonly issuerHost?: "cognito-idp" | "issuer-cognito-idp";
}
export type CognitoProviderSpec = CognitoProviderArgs & { readonly issuerHost: "cognito-idp" | "issuer-cognito-idp" };

export const cognitoProviderSpec = (p: CognitoProviderArgs): CognitoProviderSpec => ({ ...p, issuerHost: p.issuerHost ?? "cognito-idp" });

export interface CognitoRegistrationArgs {
  readonly provider: CognitoProviderArgs;
  /** The API, its scopes, access groups, clients and lifetimes (defaults applied by the component). */
  readonly identity: IdentityArgs;
  /** Environment name (dev, prod, ...); part of default names. */
  readonly environment: string;
  /** What the stack's browser sign-in routes add to each web client (redirect and post-logout URIs, OIDC scopes). */
  readonly signIn?: SignInRegistrations;
}
