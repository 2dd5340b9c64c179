import type { ClientSpec, IdentitySpec } from "../identity-args";
import type { CognitoProviderSpec } from "./args";

export function cognitoProviderName(provider: CognitoProviderSpec): string {
  return provider.name ?? "cognito";
}

export function cognitoUserPoolName(provider: CognitoProviderSpec, identity: IdentitySpec, environment: string): string {
  return provider.userPoolName ?? `${identity.apiName}-${environment}`;
}

/** The resource server's identifier: tokens carry scopes as `<identifier>/<scope>`. Defaults to the apiName. */
export function cognitoIdentifier(provider: CognitoProviderSpec, identity: IdentitySpec): string {
  return provider.identifier ?? identity.apiName;
}

export function cognitoClientName(identity: IdentitySpec, client: ClientSpec, environment: string): string {
  return `${identity.apiName}-${client.name}-${environment}`;
}
