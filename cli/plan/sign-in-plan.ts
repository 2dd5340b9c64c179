import { browserSignIn } from "../../components/sign-in";
import type { RouteConfig, StackConfig } from "../../infra/config";
import type { ResolvedOutput } from "./resolve-outputs";

/** A browser sign-in route as plan.json, the summary, explain-token and identity.md show it. No secrets. */
export interface PlannedSignIn {
  readonly flow: "authorization_code+pkce+session";
  readonly provider: string;
  readonly client: string;
  /** From the IdP registration's output (the plan's placeholder id offline). */
  readonly clientId: string | undefined;
  readonly redirectUri: string;
  readonly logoutPath: string;
  readonly postLogoutRedirectUri: string;
  readonly scopes: readonly string[];
  readonly sessionLifetimeMinutes: number;
  readonly sessionIdleMinutes: number;
  readonly acceptBearer: boolean;
}

export function plannedSignIn(
  config: StackConfig,
  route: RouteConfig,
  outputs: Readonly<Record<string, ResolvedOutput>>,
): PlannedSignIn | undefined {
  const s = browserSignIn(route, config);
  if (!s) return undefined;
  const provider = config.identity.providers[0]!;
  const providerName = provider.name ?? provider.kind;
  const ids = outputs["clientIds"]?.value as Record<string, Record<string, string>> | undefined;
  return {
    flow: "authorization_code+pkce+session",
    provider: providerName,
    client: s.client,
    clientId: ids?.[providerName]?.[s.client],
    redirectUri: s.redirectUri,
    logoutPath: s.logoutPath,
    postLogoutRedirectUri: s.postLogoutRedirectUri,
    scopes: [...s.oidcScopes, ...s.apiScopes],
    sessionLifetimeMinutes: s.sessionLifetimeSeconds / 60,
    sessionIdleMinutes: s.sessionIdleSeconds / 60,
    acceptBearer: s.acceptBearer,
  };
}

/** One line of the browser-sign-in section per route; nothing when the stack has no sign-in route. */
export function renderSignInSection(routes: readonly { readonly name: string; readonly signIn?: PlannedSignIn }[]): string[] {
  const signIns = routes.filter((r) => r.signIn);
  if (signIns.length === 0) return [];
  return [
    `Browser sign-in (authorization code + PKCE, Kong session cookie Secure/HttpOnly/SameSite=Lax)`,
    ...signIns.flatMap((r) => {
      const s = r.signIn!;
      return [
        `  ${r.name}  client ${s.client}${s.clientId ? ` (${s.clientId})` : ""} at ${s.provider}${s.acceptBearer ? "; bearer tokens accepted too" : "; no bearer tokens"}`,
        `    callback     ${s.redirectUri}  (registered at the IdP from the same value)`,
        `    logout       POST …${s.logoutPath} → ${s.postLogoutRedirectUri}`,
        `    session      ${s.sessionLifetimeMinutes} min, ends after ${s.sessionIdleMinutes} idle min; scopes ${s.scopes.join(" ")}`,
      ];
    }),
    "",
  ];
}
