import type { IdentityContract } from "./types";

/** The Entra issuer forms: v1 `https://sts.windows.net/{tenant}/`, v2 `https://login.microsoftonline.com/{tenant}/v2.0`. */
const ENTRA_V1 = /^https:\/\/sts\.windows\.net\/([^/]+)\/$/;
const ENTRA_V2 = /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0$/;

export function parseEntraIssuer(iss: string): { tenantId: string; tokenVersion: 1 | 2 } | undefined {
  const v1 = ENTRA_V1.exec(iss);
  if (v1) return { tenantId: v1[1]!, tokenVersion: 1 };
  const v2 = ENTRA_V2.exec(iss);
  if (v2) return { tenantId: v2[1]!, tokenVersion: 2 };
  return undefined;
}

/** The two issuer hosts of a Cognito user pool (`cognito-idp.` is the classic one, `issuer-cognito-idp.` the newer). */
const COGNITO_ISSUER = /^https:\/\/(issuer-cognito-idp|cognito-idp)\.([a-z0-9-]+)\.amazonaws\.com\/([^/]+)$/;

export function parseCognitoIssuer(iss: string): { host: "cognito-idp" | "issuer-cognito-idp"; region: string; userPoolId: string } | undefined {
  const m = COGNITO_ISSUER.exec(iss);
  return m ? { host: m[1] as "cognito-idp" | "issuer-cognito-idp", region: m[2]!, userPoolId: m[3]! } : undefined;
}

/**
 * Why an untrusted `iss` is probably the token of a near-miss, most specific first. The trailing-slash check runs
 * before the IdP-specific ones: a slash mistake is a slash mistake whatever the IdP. IdP hints compare the parsed
 * issuer (tenant, pool, origin), never a substring, so `https://evil.example/{tenant}/v2.0` gets no Entra hint.
 */
export function issuerHint(iss: string, trusted: readonly IdentityContract[]): string {
  for (const c of trusted) {
    if (iss.replace(/\/$/, "") === c.issuer.replace(/\/$/, "")) {
      return " (differs only by a trailing slash: issuers are compared exactly)";
    }
  }
  for (const c of trusted) {
    const hint = providerHint(iss, c);
    if (hint) return hint;
  }
  return "";
}

function providerHint(iss: string, c: IdentityContract): string | undefined {
  if (c.provider === "entra") {
    const parsed = parseEntraIssuer(iss);
    if (!parsed) return undefined;
    const tenant = String(c.details["tenantId"] ?? "");
    if (parsed.tenantId === tenant) {
      // The most common Entra failure: a v1 token at a v2 gateway or the reverse.
      return ` (same tenant, other token version: a v${parsed.tokenVersion} token; the API application's requestedAccessTokenVersion decides the issuer)`;
    }
    return ` (an Entra token of another tenant, ${parsed.tenantId}; this API trusts tenant ${tenant})`;
  }
  if (c.provider === "okta" && sameOrigin(iss, c.issuer)) {
    // The org authorization server and other custom servers of the same org sign with other keys and audiences.
    return " (same Okta org, other authorization server: only the API's custom authorization server issues tokens for it)";
  }
  if (c.provider === "cognito") {
    const parsed = parseCognitoIssuer(iss);
    if (parsed && parsed.userPoolId === String(c.details["userPoolId"] ?? "")) {
      return ` (same user pool, Cognito's alternative issuer host ${parsed.host}: set identity.providers[].issuerHost to "${parsed.host}" if the pool issues tokens there; one host is trusted, never both)`;
    }
  }
  return undefined;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
