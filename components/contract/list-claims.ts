import type { ClaimShape } from "./types";

/**
 * Reads a list claim (scopes, groups) in the shape the IdP documents, and only in it. Entra `scp` and Cognito
 * `scope` are space-delimited strings; Okta `scp`, Entra `roles`, Cognito `cognito:groups` and Okta's groups claim
 * are arrays. A value of the other shape is not what the IdP issues, so it is read as holding nothing and reported
 * (`shapeProblem`) rather than guessed at: the same rule both ways. aws-jwt-verify refuses an array `scope` the same way.
 */
export function readListClaim(value: unknown, shape: ClaimShape): string[] {
  if (shape === "space-delimited-string") return typeof value === "string" ? value.split(" ").filter(Boolean) : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Why a present list claim cannot be read in the documented shape, or undefined when it can (or is absent). */
export function shapeProblem(claim: string, value: unknown, shape: ClaimShape): string | undefined {
  if (value === undefined) return undefined;
  if (shape === "space-delimited-string" && typeof value !== "string") {
    return `${claim} is ${Array.isArray(value) ? "an array" : `a ${typeof value}`}; this IdP issues it as one space-delimited string`;
  }
  if (shape === "array" && !Array.isArray(value)) {
    return `${claim} is ${typeof value === "string" ? "a string" : `a ${typeof value}`}; this IdP issues it as a JSON array of strings`;
  }
  return undefined;
}
