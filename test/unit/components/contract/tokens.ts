import { CompactSign, type KeyObject } from "jose";
import type { IdentityContract } from "../../../../components/contract";

/** How a generated token is signed: the dimension the signature layer and `alg` pinning are tested on. */
export type Signing = "RS256" | "RS512" | "none" | "HS256-with-public-key" | "other-key";

export interface GeneratedToken {
  /** The dimension this token varies, e.g. `time:exp=now-leeway`; disagreements are listed by it. */
  readonly dimension: string;
  readonly claims: Record<string, unknown>;
  readonly kid: string | null | "unknown";
  readonly signing: Signing;
}

export interface SigningKeys {
  readonly privateKey: KeyObject | CryptoKeyLike;
  readonly otherPrivateKey: KeyObject | CryptoKeyLike;
  /** The public key's PEM: the "secret" of the HS256 key-confusion attack. */
  readonly publicPem: string;
}
type CryptoKeyLike = Parameters<CompactSign["sign"]>[0];

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** Signs with CompactSign over the raw claims, so malformed claims (a string nbf) reach the verifiers unchanged. */
export async function signToken(t: GeneratedToken, keys: SigningKeys): Promise<string> {
  const alg = t.signing === "RS512" ? "RS512" : t.signing === "none" ? "none" : t.signing === "HS256-with-public-key" ? "HS256" : "RS256";
  const header: Record<string, unknown> = { alg, typ: "JWT" };
  if (t.kid !== null) header["kid"] = t.kid === "unknown" ? "rotated-away" : t.kid;
  if (t.signing === "none") return `${b64(header)}.${b64(t.claims)}.`;
  const payload = new TextEncoder().encode(JSON.stringify(t.claims));
  const jws = new CompactSign(payload).setProtectedHeader(header as { alg: string });
  if (t.signing === "HS256-with-public-key") return jws.sign(new TextEncoder().encode(keys.publicPem));
  return jws.sign(t.signing === "other-key" ? keys.otherPrivateKey : keys.privateKey);
}

/**
 * Every token of one IdP: a valid base token, then one change per row along the dimensions of issue 11
 * (issuer variants, audience/client, token use, times at and around the leeway, algorithms, kid, scope and
 * group shapes and look-alikes). Each row is generated once per route, so every verdict is a separate token.
 */
export function tokensFor(contract: IdentityContract, base: Record<string, unknown>, now: number, idpRows: (c: IdentityContract) => [string, Record<string, unknown>][]): GeneratedToken[] {
  const L = contract.leewaySeconds;
  const row = (dimension: string, over: Record<string, unknown>, signing: Signing = "RS256", kid: GeneratedToken["kid"] = "k1"): GeneratedToken => {
    const claims: Record<string, unknown> = { ...base, ...over };
    for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
    return { dimension, claims, kid, signing };
  };
  return [
    row("valid", {}),
    // issuer
    row("issuer:trailing-slash-added", { iss: `${contract.issuer}/` }),
    row("issuer:http-scheme", { iss: contract.issuer.replace(/^https:/, "http:") }),
    row("issuer:upper-case-host", { iss: contract.issuer.replace(/^https:\/\/([^/]+)/, (_m, h: string) => `https://${h.toUpperCase()}`) }),
    row("issuer:missing", { iss: undefined }),
    // audience and client
    row("client:unknown", { [contract.clients.claim]: "not-a-registered-client" }),
    row("client:missing", { [contract.clients.claim]: undefined }),
    // times, at and around the leeway
    ...[-L - 1, -L, -L + 1, -1, 0, 1].map((d) => row(`time:exp=now-leeway${sign(d + L)}`, { exp: now + d })),
    ...[L + 1, L, L - 1, 1, 0].map((d) => row(`time:nbf=now+leeway${sign(d - L)}`, { nbf: now + d })),
    ...[L + 1, L, 600].map((d) => row(`time:iat=now+${d}`, { iat: now + d })),
    row("time:exp-missing", { exp: undefined }),
    row("time:exp-string", { exp: String(now + 600) }),
    row("time:nbf-string-far-future", { nbf: String(now + 10 ** 8) }),
    row("time:iat-string", { iat: String(now) }),
    // algorithms and keys
    row("alg:none", {}, "none"),
    row("alg:HS256-keyed-with-public-key", {}, "HS256-with-public-key"),
    row("alg:RS512", {}, "RS512"),
    row("signature:other-key-same-kid", {}, "other-key"),
    row("kid:missing", {}, "RS256", null),
    row("kid:unknown", {}, "RS256", "unknown"),
    // provider-specific rows: audience, token use, scope and group shapes, look-alikes
    ...idpRows(contract).map(([dimension, over]) => row(dimension, over)),
  ];
}

function sign(n: number): string {
  return n === 0 ? "" : n > 0 ? `+${n}` : `${n}`;
}
