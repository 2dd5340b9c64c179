import { z } from "zod";
import { expected } from "./primitives";

/**
 * Text a person writes that an IdP shows to people (display names, descriptions, consent texts): printable, one
 * line, no bidirectional overrides (a bidi control can make "orders.read" display as something else in a consent
 * screen). Control characters, NUL, line breaks and U+202A-U+202E / U+2066-U+2069 are refused with the key.
 */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

export const freeText = (what: string) =>
  z
    .string({ error: expected(what) })
    .refine((v) => !FORBIDDEN.test(v), {
      error: (issue) => {
        const at = String(issue.input).search(FORBIDDEN);
        const code = String(issue.input).codePointAt(at)!.toString(16).toUpperCase().padStart(4, "0");
        return `expected ${what} without control characters, line breaks or bidirectional overrides; found U+${code} at character ${at + 1}`;
      },
    });

/**
 * The IdPs' documented length limits for the texts this stack sends them (characters). A stack is checked against
 * the limits of every IdP it registers with; where an IdP documents none, the field is not listed for it.
 *  - Entra: application displayName 256 (Graph, application resource).
 *  - Okta: group name 255, group description 1024 (Groups API profile).
 *  - Cognito: resource-server scope description 1-256 (ResourceServerScopeType), user pool name 1-128 (CreateUserPool).
 */
export const FREE_TEXT_LIMITS = {
  entra: { displayName: 256 },
  okta: { groupDescription: 1024 },
  cognito: { scopeDescription: 256, userPoolName: 128 },
} as const satisfies Record<"entra" | "okta" | "cognito", Record<string, number>>;

/** Our own ceiling where no IdP documents one (Entra scope and app-role descriptions): long enough for any consent text. */
export const UNDOCUMENTED_TEXT_LIMIT = 1024;
