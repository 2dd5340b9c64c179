import type { ClientSpec, IdentitySpec } from "../identity-args";
import type { OktaProviderSpec } from "./args";

/** Logical provider name; two providers in one stack (a cut-over) must differ here. */
export function oktaProviderName(provider: OktaProviderSpec): string {
  return provider.name ?? "okta";
}

/** The custom authorization server's name: configured, or `<apiName>-<environment>`. */
export function oktaAuthServerName(provider: OktaProviderSpec, identity: IdentitySpec, environment: string): string {
  return provider.authServerName ?? `${identity.apiName}-${environment}`;
}

/** The authorization server's single audience: configured, or `api://<apiName>`. */
export function oktaAudience(provider: OktaProviderSpec, identity: IdentitySpec): string {
  return provider.audience ?? `api://${identity.apiName}`;
}

export function oktaAppLabel(identity: IdentitySpec, client: ClientSpec, environment: string): string {
  return `${identity.apiName}-${client.name}-${environment}`;
}
