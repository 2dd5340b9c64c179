import { decodeJwt, decodeProtectedHeader } from "jose";
import { checkClaims, isNumericDate, type IdentityContract, type Rejection, type RouteAuthRequirements } from "../../components/contract";
import type { PlanDocument } from "../plan/plan-document";
import { UsageError } from "../errors";
import { escapeText, safeLine, showValue } from "../output";

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
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
  /** The trusted contract whose issuer equals the token's `iss`, if any. */
  readonly contract: string | undefined;
  readonly verdicts: readonly RouteVerdict[];
}

/** Decodes a compact JWS without verifying it: the explanation is about claims, not about keys. */
export function decodeToken(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const compact = token.trim().replace(/^Bearer\s+/i, "");
  try {
    return { header: decodeProtectedHeader(compact) as Record<string, unknown>, claims: decodeJwt(compact) as Record<string, unknown> };
  } catch (err) {
    throw new UsageError(`token: not a JWT (${(err as Error).message}); pass the compact form header.payload.signature`);
  }
}

/**
 * Why a token would be accepted or rejected on each route of a planned stack. The same `checkClaims` and
 * the same contracts the stack deployed, so the answer matches what Kong was configured to enforce.
 */
export function explainToken(plan: PlanDocument, token: string, options: { route?: string; now: number }): TokenExplanation {
  const { header, claims } = decodeToken(token);
  const routes = plan.routes.filter((r) => !options.route || r.name === options.route);
  if (options.route && routes.length === 0) {
    throw new UsageError(
      `--route ${escapeText(options.route)}: not a route of stack ${escapeText(plan.stack)}; routes: ${escapeText(plan.routes.map((r) => r.name).join(", "), { max: 1000 })}`,
    );
  }
  const contracts: readonly IdentityContract[] = plan.identityContracts;
  const verdicts = routes.map((r): RouteVerdict => {
    const route: RouteAuthRequirements = { name: r.name, scopes: r.scopes, roles: r.roles, anonymous: r.anonymous };
    const rejections = route.anonymous ? [] : checkClaims(contracts, claims, { header, route, now: options.now });
    const signIn = r.signIn
      ? {
          bearerAccepted: r.signIn.acceptBearer,
          note: `browser sign-in: authorization code + PKCE with client ${r.signIn.client}, callback ${r.signIn.redirectUri}, logout POST …${r.signIn.logoutPath}; the session's access token is judged by the checks above${r.signIn.acceptBearer ? "" : "; Kong takes no bearer token on this route"}`,
        }
      : undefined;
    return { route: r.name, accepted: rejections.length === 0, rejections, ...(signIn ? { signIn } : {}) };
  });
  return { header, claims, contract: contracts.find((c) => c.issuer === claims["iss"])?.name, verdicts };
}

export function renderExplanation(plan: PlanDocument, e: TokenExplanation, now: number): string {
  // Every claim, header field and route name is the token's or the stack file's text: printed through the escaper.
  const claim = (k: string) => (e.claims[k] === undefined ? "—" : showValue(e.claims[k]));
  const time = (k: string) => {
    const v = e.claims[k];
    if (typeof v !== "number") return v === undefined ? "—" : `${showValue(v)} (not a NumericDate)`;
    return isNumericDate(v) ? `${new Date(v * 1000).toISOString()} (${v - now >= 0 ? "in " : ""}${Math.abs(v - now)}s${v - now < 0 ? " ago" : ""})` : `${showValue(v)} (not a valid time)`;
  };
  // The claim that names the client differs per IdP (azp, appid, cid, client_id): the matched contract knows it.
  const clientClaim = plan.identityContracts.find((c) => c.name === e.contract)?.clients.claim;

  const lines = [
    `Token (decoded, signature not verified offline)`,
    `  alg ${showValue(e.header["alg"])}  kid ${showValue(e.header["kid"] ?? null)}  typ ${showValue(e.header["typ"] ?? null)}`,
    `  iss ${claim("iss")}`,
    `  aud ${claim("aud")}${clientClaim ? `   ${clientClaim} ${claim(clientClaim)}` : ""}`,
    `  exp ${time("exp")}`,
    `  trusted as: ${e.contract ? `contract ${escapeText(e.contract)}` : `no contract of stack ${escapeText(plan.stack)} has this issuer`}`,
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

