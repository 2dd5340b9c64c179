import type { BrowserSignIn } from "./derive";

/** What the sign-in routes add to one web client's registration at the IdP. */
export interface ClientSignInRegistration {
  /** Kong's redirect URIs (authorization code callbacks). */
  readonly redirectUris: readonly string[];
  /** Where Kong sends the browser after logout (Okta postLogoutRedirectUris, Cognito logoutUrls). */
  readonly postLogoutRedirectUris: readonly string[];
  /** OIDC scopes the sign-in requests: the IdP must allow them on the client. */
  readonly oidcScopes: readonly string[];
}

/** Per client name, the URIs and scopes its sign-in routes need registered. Pure. */
export type SignInRegistrations = Readonly<Record<string, ClientSignInRegistration>>;

const unique = (values: readonly string[]): string[] => [...new Set(values)];

export function signInRegistrations(signIns: readonly BrowserSignIn[]): SignInRegistrations {
  const byClient = new Map<string, BrowserSignIn[]>();
  for (const s of signIns) byClient.set(s.client, [...(byClient.get(s.client) ?? []), s]);
  return Object.fromEntries(
    [...byClient].map(([client, list]) => [
      client,
      {
        redirectUris: unique(list.map((s) => s.redirectUri)),
        postLogoutRedirectUris: unique(list.map((s) => s.postLogoutRedirectUri)),
        oidcScopes: unique(list.flatMap((s) => s.oidcScopes)),
      },
    ]),
  );
}

/** The client's configured redirect URIs followed by those its sign-in routes derive (no duplicates). */
export function withSignInRedirects(configured: readonly string[], registration: ClientSignInRegistration | undefined): string[] {
  return unique([...configured, ...(registration?.redirectUris ?? [])]);
}
