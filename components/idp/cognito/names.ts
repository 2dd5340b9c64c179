import type { ClientConfig, CognitoProviderConfig, IdentityConfig } from "../../../infra/config";

export function cognitoProviderName(provider: CognitoProviderConfig): string {
  return provider.name ?? "cognito";
}

export function cognitoUserPoolName(provider: CognitoProviderConfig, identity: IdentityConfig, environment: string): string {
  return provider.userPoolName ?? `${identity.apiName}-${environment}`;
}

/** The resource server's identifier: tokens carry scopes as `<identifier>/<scope>`. Defaults to the apiName. */
export function cognitoIdentifier(provider: CognitoProviderConfig, identity: IdentityConfig): string {
  return provider.identifier ?? identity.apiName;
}

export function cognitoClientName(identity: IdentityConfig, client: ClientConfig, environment: string): string {
  return `${identity.apiName}-${client.name}-${environment}`;
}
