import type { ClientConfig, IdentityConfig, OktaProviderConfig } from "../../../infra/config";

/** Logical provider name; two providers in one stack (a cut-over) must differ here. */
export function oktaProviderName(provider: OktaProviderConfig): string {
  return provider.name ?? "okta";
}

/** The custom authorization server's name: configured, or `<apiName>-<environment>`. */
export function oktaAuthServerName(provider: OktaProviderConfig, identity: IdentityConfig, environment: string): string {
  return provider.authServerName ?? `${identity.apiName}-${environment}`;
}

/** The authorization server's single audience: configured, or `api://<apiName>`. */
export function oktaAudience(provider: OktaProviderConfig, identity: IdentityConfig): string {
  return provider.audience ?? `api://${identity.apiName}`;
}

export function oktaAppLabel(identity: IdentityConfig, client: ClientConfig, environment: string): string {
  return `${identity.apiName}-${client.name}-${environment}`;
}
