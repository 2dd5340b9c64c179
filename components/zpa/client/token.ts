import type { RestClient } from "../../shared/http";
import { ONEAPI_AUDIENCE, type ZpaAuthEndpoint } from "./clouds";
import type { ZpaCredentials } from "./credentials";

/** What a token endpoint granted: the bearer token and how long it lives. */
export interface TokenGrant {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

/** Refresh this long before the token expires, so a request never leaves with a token about to lapse. */
export const TOKEN_REFRESH_MARGIN_SECONDS = 60;
/** When the endpoint does not say (or says nonsense), assume a short life rather than a long one. */
export const FALLBACK_TOKEN_LIFETIME_SECONDS = 300;

/** ZPA's legacy sign-in says `"expires_in": "3600"` (a string); OAuth endpoints send a number. */
export function parseExpiresIn(value: unknown): number {
  const seconds = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : FALLBACK_TOKEN_LIFETIME_SECONDS;
}

export interface TokenCache {
  /** A valid token: the cached one, or a new one when none is cached or it is within the refresh margin. */
  get(): Promise<string>;
  /** Forget the cached token (after a 401), so the next `get` signs in again. */
  invalidate(): void;
  /** The cached token, for redaction; never sign in for it. */
  current(): string | undefined;
}

/** Caches one token and fetches a new one before it expires. Concurrent callers share one sign-in. */
export function createTokenCache(fetchToken: () => Promise<TokenGrant>, now: () => number = Date.now): TokenCache {
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  return {
    async get() {
      if (cached && now() < cached.refreshAt) return cached.token;
      inFlight ??= fetchToken()
        .then((grant) => {
          const lifetime = grant.expiresInSeconds;
          const margin = Math.min(TOKEN_REFRESH_MARGIN_SECONDS, lifetime / 2);
          cached = { token: grant.accessToken, refreshAt: now() + (lifetime - margin) * 1000 };
          return grant.accessToken;
        })
        .finally(() => (inFlight = undefined));
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
    current: () => cached?.token,
  };
}

/**
 * Fetches a token: legacy `POST {base}/signin` with the form fields `client_id`, `client_secret`; or OneAPI
 * client credentials at the ZIdentity token endpoint with `audience=https://api.zscaler.com`.
 */
export function tokenFetcher(endpoint: ZpaAuthEndpoint, auth: RestClient, credentials: ZpaCredentials): () => Promise<TokenGrant> {
  const form: Record<string, string> =
    endpoint.kind === "legacy"
      ? { client_id: credentials.clientId, client_secret: credentials.clientSecret }
      : {
          grant_type: "client_credentials",
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
          audience: ONEAPI_AUDIENCE,
        };
  const what = endpoint.kind === "legacy" ? "ZPA sign-in" : "ZIdentity (OneAPI) token request";
  return async () => {
    let body: Record<string, unknown> | undefined;
    try {
      const res = await auth.request<Record<string, unknown>>({ method: "POST", path: endpoint.path, form, anonymous: true });
      body = res.body;
    } catch (err) {
      const status = (err as { status?: number }).status;
      const hint = status === 400 || status === 401 || status === 403 ? "; check the client id and secret the stack reads (zpa.credentials)" : "";
      throw new Error(`${what} failed: ${(err as Error).message}${hint}`);
    }
    const token = body?.["access_token"];
    if (typeof token !== "string" || token.length === 0) {
      throw new Error(`${what} answered without an access_token`);
    }
    return { accessToken: token, expiresInSeconds: parseExpiresIn(body?.["expires_in"]) };
  };
}
