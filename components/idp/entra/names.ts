import type { ClientSpec, IdentitySpec } from "../identity-args";
import type { EntraProviderSpec } from "./args";

/** Logical provider name; two Entra providers (a cut-over) must differ here. */
export function entraProviderName(provider: EntraProviderSpec): string {
  return provider.name ?? "entra";
}

/**
 * Prefix of child resource names. It carries the provider name so two registrations can live in one stack
 * during a cut-over, and the component name when that differs, so two APIs on one provider do not collide.
 */
export function childNamePrefix(componentName: string, providerName: string): string {
  return componentName === providerName ? providerName : `${componentName}-${providerName}`;
}

export function apiDisplayName(identity: IdentitySpec, environment: string): string {
  return identity.displayName ?? `${identity.apiName}-${environment}`;
}

export function clientDisplayName(identity: IdentitySpec, client: ClientSpec, environment: string): string {
  return `${identity.apiName}-${client.name}-${environment}`;
}
