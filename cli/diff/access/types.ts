import type { ChangeArea } from "../types";

/**
 * One thing a plan grants or refuses, read from the resources it would create: a client's groups, a redirect
 * URI list, a listener that is on, a lifetime. `kis diff` compares the facts of BASE and HEAD by subject and
 * aspect; the rule says which direction lets more callers in.
 */
export interface AccessFact {
  readonly area: ChangeArea;
  /** Who or what it concerns, e.g. `client "billing-service" (entra)`. */
  readonly subject: string;
  /** What of it, e.g. `app-role assignments`. */
  readonly aspect: string;
  readonly value: FactValue;
  readonly rule: Rule;
}

export type FactValue = readonly string[] | number | boolean | string;

export type Rule =
  /** A list: an added value widens (groups, scopes, redirect URIs) or a removed one does (stripped headers, rules). */
  | { readonly kind: "set"; readonly widensWhen: "added" | "removed"; readonly gained: string; readonly lost: string; readonly uris?: true; readonly within?: "cidr" | "ports" }
  /** A number: a higher one widens (lifetimes, leeway) unless said otherwise. */
  | { readonly kind: "number"; readonly widensWhen: "higher" | "lower"; readonly unit: string; readonly what: string }
  /** A switch: on widens (a plaintext listener) or off does (certificate validation). */
  | { readonly kind: "flag"; readonly widensWhen: boolean; readonly on: string; readonly off: string }
  /** Values ordered strictest first: a later one widens (a rule's "all" → "any"). */
  | { readonly kind: "rank"; readonly order: readonly string[]; readonly what: string }
  /** Any change widens (a client's kind: service ↔ web changes the grant it can use). */
  | { readonly kind: "any-change"; readonly what: string }
  /** Reported either way with its values, never widening (a rate limit: how much, not who). */
  | { readonly kind: "report"; readonly what: string }
  /** The subject exists: new widens, gone narrows; the value describes it. */
  | { readonly kind: "presence"; readonly added: string; readonly removed: string };

/** What the comparison needs besides the facts: the host names the stack owns, to judge redirect URIs. */
export interface AccessContext {
  readonly ownedHosts: readonly string[];
}
