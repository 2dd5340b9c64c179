import type { IdentityContract } from "../../components/contract";
import { httpCall } from "./http";
import type { VerifyClient } from "./target";

export type TokenResult = { readonly token: string } | { readonly error: string };

/**
 * The scope a client-credentials request names, per IdP: Entra needs `<application id URI>/.default` and
 * grants the app roles assigned to the client; Okta needs the scopes by name; Cognito grants every scope the
 * app client may have when none is named.
 */
export function clientCredentialsScope(contract: IdentityContract, client: VerifyClient): string | undefined {
  if (contract.provider === "entra") {
    const audience = contract.audience?.values[0];
    if (!audience) return undefined;
    return `${audience.includes("://") ? audience : `api://${audience}`}/.default`;
  }
  if (contract.provider === "okta") return client.scopes.length > 0 ? client.scopes.map((s) => contract.scopes.valuePrefix + s).join(" ") : undefined;
  return undefined;
}

/** The token endpoint from the contract's discovery document (or the given override). */
export async function tokenEndpoint(contract: IdentityContract, timeoutMs: number, override?: string): Promise<string | { error: string }> {
  if (override) return override;
  const answer = await httpCall({ method: "GET", url: contract.discoveryUrl, timeoutMs });
  if (answer.status !== 200) return { error: `discovery ${contract.discoveryUrl} answered ${answer.status ?? answer.error}` };
  try {
    const endpoint = (JSON.parse(answer.body) as { token_endpoint?: unknown }).token_endpoint;
    if (typeof endpoint === "string" && /^https?:\/\//.test(endpoint)) return endpoint;
  } catch {
    // fall through
  }
  return { error: `discovery ${contract.discoveryUrl} names no token_endpoint` };
}

/**
 * One client-credentials token (RFC 6749 4.4, client_secret_basic). An error names the endpoint's status and
 * its OAuth `error` code only: the answer body is never repeated, the secret never leaves this function.
 */
export async function clientCredentialsToken(
  endpoint: string,
  credentials: { readonly id: string; readonly secret: string },
  scope: string | undefined,
  timeoutMs: number,
): Promise<TokenResult> {
  const basic = Buffer.from(`${encodeURIComponent(credentials.id)}:${encodeURIComponent(credentials.secret)}`).toString("base64");
  const form = new URLSearchParams({ grant_type: "client_credentials", ...(scope ? { scope } : {}) });
  const answer = await httpCall({
    method: "POST",
    url: endpoint,
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
    timeoutMs,
  });
  if (answer.status === undefined) return { error: `token endpoint unreachable (${answer.error})` };
  let parsed: { access_token?: unknown; error?: unknown } = {};
  try {
    parsed = JSON.parse(answer.body) as typeof parsed;
  } catch {
    // not JSON: reported by status only
  }
  if (answer.status === 200 && typeof parsed.access_token === "string") return { token: parsed.access_token };
  const code = typeof parsed.error === "string" && /^[a-z_]{1,64}$/.test(parsed.error) ? ` (${parsed.error})` : "";
  return { error: `token endpoint answered ${answer.status}${code}` };
}
