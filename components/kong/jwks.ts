/**
 * JSON Web Key Sets for the OSS edition, whose jwt plugin cannot fetch keys itself: the keys are fetched at
 * deploy time and copied into kong.yml as static credentials.
 */

/** The members of a JWK this stack reads; IdPs add more (x5c, x5t, issuer), which are ignored. */
export interface JsonWebKey {
  readonly kty: string;
  readonly kid?: string;
  readonly use?: string;
  readonly alg?: string;
  readonly n?: string;
  readonly e?: string;
  readonly [member: string]: unknown;
}

export interface JsonWebKeySet {
  readonly keys: readonly JsonWebKey[];
}

export type JwksFetcher = (jwksUri: string) => Promise<JsonWebKeySet>;

export const JWKS_FETCH_TIMEOUT_MS = 10_000;

/** Checks the shape of a JWKS document; `source` names it in the error. */
export function parseJwks(document: unknown, source: string): JsonWebKeySet {
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === "object" && k !== null && typeof k.kty === "string")) {
    throw new Error(`${source} is not a JSON Web Key Set: expected {"keys": [{"kty": ...}, ...]}`);
  }
  return { keys: keys as JsonWebKey[] };
}

/** Fetches a JWKS over https with a timeout. The default fetcher of KongGateway. */
export async function fetchJwksOverHttps(jwksUri: string, timeoutMs: number = JWKS_FETCH_TIMEOUT_MS): Promise<JsonWebKeySet> {
  if (new URL(jwksUri).protocol !== "https:") {
    throw new Error(`refusing to fetch signing keys over a non-https URL: ${jwksUri}`);
  }
  let response: Response;
  try {
    response = await fetch(jwksUri, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new Error(`fetching the JWKS ${jwksUri} failed: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`fetching the JWKS ${jwksUri} failed: HTTP ${response.status}`);
  return parseJwks(await response.json(), jwksUri);
}

let currentFetcher: JwksFetcher = (uri) => fetchJwksOverHttps(uri);

/**
 * Replaces the JWKS fetcher used when KongGateway is given none (the offline plan installs one that never
 * touches the network). Pass `undefined` to restore the https fetcher.
 */
export function setJwksFetcher(fetcher: JwksFetcher | undefined): void {
  currentFetcher = fetcher ?? ((uri) => fetchJwksOverHttps(uri));
}

/** The fetcher in effect now (read at use, so a later `setJwksFetcher` still applies). */
export function getJwksFetcher(): JwksFetcher {
  return currentFetcher;
}
