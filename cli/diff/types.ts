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

/** One line of what a new stack will expose (or a removed one exposed): a route, a client, a listener... */
export interface ExposureLine {
  readonly subject: string;
  readonly what: string;
  /** Why a reviewer should look twice: an anonymous route, a redirect URI that is not https... */
  readonly concern?: string;
}

export interface StackDiff {
  readonly stack: string;
  /** added: only in HEAD; removed: only in BASE. */
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly changes: readonly Change[];
  /** Classified changes by class: the rows of the change table. */
  readonly counts: Readonly<Record<ChangeClass, number>>;
  /** Changes kis diff has no rule for (listed apart for a person to judge). */
  readonly unclassified: number;
  /** A new stack: what it will expose; a removed one: what it exposed. Empty for a changed stack. */
  readonly exposure: readonly ExposureLine[];
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
  readonly unclassified: number;
  /** Mandatory policy violations over every HEAD plan. */
  readonly mandatoryViolations: number;
}
