/** What `kis diff` reports: identity-relevant changes between two plans of one stack, each classified. */

/**
 * widening: less protection (a route without scopes, a longer lifetime, a new audience, client, issuer...).
 * narrowing: more protection. neutral: neither, or a change the diff does not understand (see `unclassified`).
 */
export type ChangeClass = "widening" | "narrowing" | "neutral";

export type ChangeArea =
  | "stack"
  | "provider"
  | "client"
  | "route"
  | "gateway"
  | "edge"
  | "limitation"
  | "policy"
  | "resources"
  | "other";

export interface Change {
  readonly class: ChangeClass;
  readonly area: ChangeArea;
  /** What changed, e.g. `route "orders-read"`. */
  readonly subject: string;
  /** The change in a few words, e.g. `became anonymous`. */
  readonly what: string;
  readonly before?: string;
  readonly after?: string;
  /** Set on changes to plan sections the diff has no rule for: shown for a person to judge, never counted as widening. */
  readonly unclassified?: true;
}

export interface PolicyVerdicts {
  readonly pack: string;
  readonly policies: number;
  readonly mandatory: number;
  readonly advisory: number;
  /** `<policy>: <message>` of each violation, mandatory first. */
  readonly violations: readonly { readonly policy: string; readonly level: "mandatory" | "advisory"; readonly message: string }[];
}

export interface StackDiff {
  readonly stack: string;
  /** added: only in HEAD; removed: only in BASE. */
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly changes: readonly Change[];
  readonly counts: Readonly<Record<ChangeClass, number>>;
  readonly resources: { readonly base: number; readonly head: number };
  /** The policy pack's verdicts on HEAD (BASE when the stack was removed); undefined when the plan ran no pack. */
  readonly policy: PolicyVerdicts | undefined;
  /** HEAD's request path as a Mermaid flowchart (identity.md's diagram). */
  readonly diagram: string | undefined;
}

export interface DiffReport {
  readonly kind: "kis-diff";
  readonly version: 1;
  readonly stacks: readonly StackDiff[];
  readonly counts: Readonly<Record<ChangeClass, number>>;
  /** Mandatory policy violations over every HEAD plan. */
  readonly mandatoryViolations: number;
}
