import { compactVerify, importJWK, type JWK } from "jose";
import type { Rejection } from "../../components/contract";
import { UsageError } from "../errors";
import { escapeText, showValue } from "../output";

/** A JSON Web Key Set as RFC 7517 §5 defines it: an object whose `keys` is a list of keys, each with a `kty`. */
export interface KeySet {
  readonly keys: readonly JWK[];
}

/** What the signature layer found: checked with a named key, or not checked at all (said plainly). */
export type SignatureCheck =
  | { readonly checked: false }
  | { readonly checked: true; readonly jwks: string; readonly keyId: string | undefined; readonly rejection: Rejection | undefined };

/** Seconds `--jwks URL` waits for the key set before giving up (exit 2). */
export const JWKS_TIMEOUT_MS = 5000;
const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

/** The key set of `--jwks FILE|URL`. A URL must be https, or http on a loopback host with --allow-http. */
export async function loadKeySet(source: string, options: { allowHttp: boolean; readFile: (path: string) => unknown }): Promise<KeySet> {
  const where = `--jwks ${escapeText(source)}`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return asKeySet(options.readFile(source), where);
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new UsageError(`${where}: not a URL; pass a key-set file or an https URL`);
  }
  if (url.protocol === "http:") {
    if (!options.allowHttp) throw new UsageError(`${where}: http is refused (a key set fetched in clear text can be swapped); use https, or --allow-http for a loopback test server`);
    if (!LOOPBACK.has(url.hostname)) throw new UsageError(`${where}: --allow-http is for loopback hosts only (127.0.0.1, ::1, localhost), not ${escapeText(url.hostname)}`);
  } else if (url.protocol !== "https:") {
    throw new UsageError(`${where}: expected an https URL or a file, got a ${escapeText(url.protocol)} URL`);
  }
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(JWKS_TIMEOUT_MS), redirect: "error", headers: { accept: "application/json" } });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new UsageError(`${where}: unreachable (${escapeText(String(cause))}); check the URL, or save the key set and pass the file`);
  }
  if (!response.ok) throw new UsageError(`${where}: the server answered HTTP ${response.status}; expected the key set (200)`);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new UsageError(`${where}: the response is not JSON; expected a JSON Web Key Set`);
  }
  return asKeySet(body, where);
}

function asKeySet(value: unknown, where: string): KeySet {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (typeof value !== "object" || value === null || !Array.isArray(keys)) {
    throw new UsageError(`${where}: not a JSON Web Key Set (expected an object with a "keys" list, RFC 7517 §5)`);
  }
  keys.forEach((k, i) => {
    if (typeof k !== "object" || k === null || typeof (k as { kty?: unknown }).kty !== "string") {
      throw new UsageError(`${where}: keys[${i}] is not a JSON Web Key (no "kty")`);
    }
  });
  return { keys: keys as JWK[] };
}

/**
 * Verifies the token's signature the way Kong finds its key: by `kid`. No kid, or a kid the set does not hold,
 * is a `key` rejection worded after Kong (the jwt plugin's "No mandatory 'kid' in claims" / "No credentials
 * found for given 'kid'"; openid-connect re-fetches the JWKS once for an unknown kid, then rejects). A key
 * that cannot verify the header's alg, or a signature that does not verify, is a `signature` rejection.
 */
export async function verifySignature(compact: string, header: Record<string, unknown>, keySet: KeySet, jwksName: string): Promise<SignatureCheck> {
  const done = (keyId: string | undefined, rejection?: Rejection): SignatureCheck => ({ checked: true, jwks: jwksName, keyId, rejection });
  const kid = header["kid"];
  if (typeof kid !== "string" || kid === "") {
    return done(undefined, { code: "key", message: "the token names no kid; Kong finds the verification key by kid (jwt plugin: \"No mandatory 'kid' in claims\")" });
  }
  const key = keySet.keys.find((k) => k.kid === kid);
  if (!key) {
    const known = keySet.keys.map((k) => showValue(k.kid ?? null)).join(", ") || "none";
    return done(undefined, {
      code: "key",
      message: `kid ${showValue(kid)} is not in the key set (kids: ${known}); Kong's openid-connect re-fetches the JWKS once and then rejects, its jwt plugin answers "No credentials found for given 'kid'"`,
    });
  }
  const alg = typeof header["alg"] === "string" ? header["alg"] : "";
  if (alg === "" || alg.toLowerCase() === "none") return done(kid, { code: "signature", message: "an unsigned token (alg none) has no signature to verify" });
  if (typeof key.alg === "string" && key.alg !== alg) {
    return done(kid, { code: "signature", message: `key ${showValue(kid)} is for ${showValue(key.alg)}, the token says alg ${showValue(alg)}` });
  }
  let verifier: Awaited<ReturnType<typeof importJWK>>;
  try {
    verifier = await importJWK(key, alg);
  } catch (err) {
    // HS256 "keyed" with an RSA public key lands here: an RSA JWK is no HMAC secret.
    return done(kid, { code: "signature", message: `key ${showValue(kid)} (kty ${showValue(key.kty)}) cannot verify alg ${showValue(alg)}: ${escapeText((err as Error).message)}` });
  }
  try {
    await compactVerify(compact, verifier, { algorithms: [alg] });
    return done(kid);
  } catch {
    return done(kid, { code: "signature", message: `the signature does not verify with key ${showValue(kid)}: the token was altered or signed by another key` });
  }
}
