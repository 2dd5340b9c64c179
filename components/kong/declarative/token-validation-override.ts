import type { IdentityContract } from "../../contract";

/** `kong.tokenValidationOverride`: hand-typed values that replace the primary contract's for Kong only. */
export interface TokenValidationOverride {
  readonly issuer?: string;
  readonly discoveryUrl?: string;
  readonly audiences?: readonly string[];
}

/**
 * The contracts Kong validates against once an override is applied to the primary (first) contract.
 * Without an override the contracts are returned unchanged. The IdP registrations and the plan's
 * `identityContracts` keep the derived values: the override is visible as a difference between what Kong
 * checks and what the IdP produces, which the policy pack's issuer-consistency and audience-required rules
 * report.
 */
export function applyTokenValidationOverride(
  contracts: readonly IdentityContract[],
  override: TokenValidationOverride | undefined,
): IdentityContract[] {
  const [primary, ...rest] = contracts;
  if (!override || !primary) return [...contracts];
  const audience = override.audiences
    ? { claim: primary.audience?.claim ?? "aud", values: [...override.audiences] }
    : primary.audience;
  return [
    {
      ...primary,
      ...(override.issuer ? { issuer: override.issuer } : {}),
      ...(override.discoveryUrl ? { discoveryUrl: override.discoveryUrl } : {}),
      audience,
    },
    ...rest,
  ];
}
