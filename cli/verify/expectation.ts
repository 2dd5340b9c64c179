import { checkClaims, type IdentityContract, type JwtClaims, type JwtHeader } from "../../components/contract";
import type { VerifyRoute } from "./target";

/** What the edge must answer: 2xx (the upstream was reached), 401, 403, or no answer at all. */
export type Expected = "2xx" | "401" | "403" | "no-answer";

export interface Expectation {
  readonly expect: Expected;
  /** Why, for people: the rejection reasons checkClaims gives, or "accepted". */
  readonly because: string;
}

/**
 * The answer a route owes a real token, by the same `checkClaims` and contracts the stack deployed: accepted →
 * 2xx; rejected only for a missing scope or role → 403 (Kong's openid-connect and acl answer 403 there);
 * rejected for anything else (issuer, audience, expiry...) → 401.
 */
export function expectForToken(
  contracts: readonly IdentityContract[],
  token: { readonly header: JwtHeader; readonly claims: JwtClaims },
  route: VerifyRoute,
  now: number,
): Expectation {
  if (route.anonymous) return { expect: "2xx", because: "anonymous route" };
  const rejections = checkClaims(contracts, token.claims, { header: token.header, route, now });
  if (rejections.length === 0) return { expect: "2xx", because: "accepted" };
  const forbidden = rejections.every((r) => r.code === "scope" || r.code === "role");
  return { expect: forbidden ? "403" : "401", because: rejections.map((r) => r.code).join(", ") };
}

/** Whether an answer meets an expectation (`undefined`: no HTTP answer: refused, reset or timed out). */
export function meets(expected: Expected, status: number | undefined): boolean {
  if (expected === "no-answer") return status === undefined;
  if (status === undefined) return false;
  if (expected === "2xx") return status >= 200 && status < 300;
  return String(status) === expected;
}
