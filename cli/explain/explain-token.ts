import { decodeJwt, decodeProtectedHeader } from "jose";
import { checkClaims, isNumericDate, type Rejection } from "../../components/contract";
import { UsageError } from "../errors";
import { escapeText, safeLine, showValue } from "../output";
import type { JudgeSource } from "./judge-source";
import type { SignatureCheck } from "./signature";

export interface RouteVerdict {
  readonly route: string;
  readonly accepted: boolean;
  readonly rejections: readonly Rejection[];
  /**
   * Browser sign-in routes: how the token would arrive (the session's access token after the code flow) and
   * whether Kong takes it as a bearer token there at all.
   */
  readonly signIn?: { readonly bearerAccepted: boolean; readonly note: string };
}

export interface TokenExplanation {
  /** Which source the token was judged against: "plan" (mock ids) or "deployed". */
  readonly source: { readonly kind: JudgeSource["kind"]; readonly stack: string; readonly description: string };
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
  /** The trusted contract whose issuer equals the token's `iss`, if any. */
  readonly contract: string | undefined;
  readonly signature: SignatureCheck;
  readonly verdicts: readonly RouteVerdict[];
}

/** The pseudo-route of a deployed stack that exports no route rules: the token is judged on its own. */
export const TOKEN_ONLY = "(token only: the stack outputs carry no routeRules)";

/** Strips whitespace and a `Bearer ` prefix: what a person copies out of a request. */
export function compactToken(token: string): string {
  return token.trim().replace(/^Bearer\s+/i, "");
}

/** Decodes a compact JWS without verifying it (the signature layer is separate and optional). */
export function decodeToken(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const compact = compactToken(token);
  try {
    return { header: decodeProtectedHeader(compact) as Record<string, unknown>, claims: decodeJwt(compact) as Record<string, unknown> };
  } catch (err) {
    throw new UsageError(`token: not a JWT (${(err as Error).message}); pass the compact form header.payload.signature`);
  }
}

/**
 * Why a token would be accepted or rejected on each route of a stack: the same `checkClaims` and contracts
 * the stack deployed (or plans), plus the signature layer's finding when --jwks was given.
 */
export function explainToken(
  source: JudgeSource,
  token: string,
  options: { route?: string; now: number; signature?: SignatureCheck },
): TokenExplanation {
  const { header, claims } = decodeToken(token);
  const signature: SignatureCheck = options.signature ?? { checked: false };
  const all = source.routes;
  const routes = (all ?? [{ name: TOKEN_ONLY, scopes: [], roles: [], anonymous: false }]).filter((r) => !options.route || r.name === options.route);
  if (options.route && (routes.length === 0 || !all)) {
    throw new UsageError(
      `--route ${escapeText(options.route)}: not a route of stack ${escapeText(source.stack)}; routes: ${escapeText((all ?? []).map((r) => r.name).join(", ") || "none exported", { max: 1000 })}`,
    );
  }
  // A signature or key failure rejects the token on every route that validates tokens; `kid` is then reported once.
  const signatureRejection = signature.checked ? signature.rejection : undefined;
  const verdicts = routes.map((route): RouteVerdict => {
    const signIn = route.signIn
      ? {
          bearerAccepted: route.signIn.acceptBearer,
          note: `browser sign-in: authorization code + PKCE with client ${route.signIn.client}, callback ${route.signIn.redirectUri}, logout POST …${route.signIn.logoutPath}; the session's access token is judged by the checks above${route.signIn.acceptBearer ? "" : "; Kong takes no bearer token on this route"}`,
        }
      : undefined;
    if (route.anonymous) return { route: route.name, accepted: true, rejections: [] };
    let rejections = checkClaims(source.contracts, claims, { header, route: route.name === TOKEN_ONLY ? undefined : route, now: options.now });
    if (signatureRejection) rejections = [signatureRejection, ...rejections.filter((r) => !(r.code === "key" && signatureRejection.code === "key"))];
    return { route: route.name, accepted: rejections.length === 0, rejections, ...(signIn ? { signIn } : {}) };
  });
  return {
    source: { kind: source.kind, stack: source.stack, description: source.description },
    header,
    claims,
    contract: source.contracts.find((c) => c.issuer === claims["iss"])?.name,
    signature,
    verdicts,
  };
}

export function renderExplanation(source: JudgeSource, e: TokenExplanation, now: number): string {
  // Every claim, header field and route name is the token's or the stack's text: printed through the escaper.
  const claim = (k: string) => (e.claims[k] === undefined ? "—" : showValue(e.claims[k]));
  const time = (k: string) => {
    const v = e.claims[k];
    if (typeof v !== "number") return v === undefined ? "—" : `${showValue(v)} (not a NumericDate)`;
    return isNumericDate(v) ? `${new Date(v * 1000).toISOString()} (${v - now >= 0 ? "in " : ""}${Math.abs(v - now)}s${v - now < 0 ? " ago" : ""})` : `${showValue(v)} (not a valid time)`;
  };
  // The claim that names the client differs per IdP (azp, appid, cid, client_id): the matched contract knows it.
  const clientClaim = source.contracts.find((c) => c.name === e.contract)?.clients.claim;
  const sig = e.signature;
  const signatureLine = !sig.checked
    ? "signature NOT checked (claims only): pass --jwks FILE|URL to verify it"
    : sig.rejection
      ? `signature NOT verified against ${escapeText(sig.jwks)}: ${safeLine(sig.rejection.message)}`
      : `signature verified with key ${showValue(sig.keyId)} of ${escapeText(sig.jwks)}`;
  const lines = [
    `Judged against ${e.source.kind === "deployed" ? "the DEPLOYED stack" : "the OFFLINE PLAN"}: ${safeLine(e.source.description)}`,
    `Token: ${signatureLine}`,
    `  alg ${showValue(e.header["alg"])}  kid ${showValue(e.header["kid"] ?? null)}  typ ${showValue(e.header["typ"] ?? null)}`,
    `  iss ${claim("iss")}`,
    `  aud ${claim("aud")}${clientClaim ? `   ${escapeText(clientClaim)} ${claim(clientClaim)}` : ""}`,
    `  exp ${time("exp")}`,
    `  trusted as: ${e.contract ? `contract ${escapeText(e.contract)}` : `no contract of stack ${escapeText(e.source.stack)} has this issuer`}`,
    "",
  ];
  for (const v of e.verdicts) {
    const how = v.signIn ? (v.signIn.bearerAccepted ? "  (browser sign-in route; bearer too)" : "  (browser sign-in route: as the session's token, not as a bearer token)") : "";
    lines.push(`${v.accepted ? "ACCEPTED" : "REJECTED"}  ${escapeText(v.route)}${how}`);
    // A rejection message quotes claim values: one visible line each, however the token was crafted.
    for (const r of v.rejections) lines.push(`  - ${r.code}: ${safeLine(r.message)}`);
    if (v.signIn) lines.push(`  · ${safeLine(v.signIn.note)}`);
  }
  return lines.join("\n");
}
