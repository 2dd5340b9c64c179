/**
 * Each IdP's own access-token lifetime range, in minutes (VENDOR-FACTS.md): a lifetime outside it is
 * refused by the IdP or silently clamped, so the policy reports it whatever the configured maximum is.
 */
export const ACCESS_TOKEN_LIMITS: Readonly<Record<string, { readonly min: number; readonly max: number; readonly source: string }>> = {
  // Microsoft Graph tokenLifetimePolicy: AccessTokenLifetime 10 minutes to 1 day.
  entra: { min: 10, max: 1440, source: "Entra token lifetime policies accept 10 minutes to 1 day" },
  // okta.auth.ServerPolicyRule accessTokenLifetimeMinutes: 5 to 1440.
  okta: { min: 5, max: 1440, source: "Okta policy rules accept 5 to 1440 minutes" },
  // aws.cognito.UserPoolClient accessTokenValidity: 5 minutes to 1 day.
  cognito: { min: 5, max: 1440, source: "Cognito app clients accept 5 minutes to 1 day" },
};

/** Refresh tokens: Cognito 60 minutes to 10 years; Okta's window starts at 5 minutes. */
export const REFRESH_TOKEN_LIMITS: Readonly<Record<string, { readonly min: number; readonly max: number }>> = {
  okta: { min: 5, max: 5 * 365 * 1440 },
  cognito: { min: 60, max: 10 * 365 * 1440 },
};
