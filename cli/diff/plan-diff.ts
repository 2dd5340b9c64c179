import { renderIdentityDiagram } from "../plan/artifacts";
import type { PlanDocument } from "../plan/plan-document";
import { compareFacts } from "./compare";
import { identityFacts } from "./facts";
import { accessFacts, compareAccess } from "./access";
import { exposureOf } from "./exposure";
import { compareUnknownSections } from "./generic";
import { comparePolicy, policyVerdicts } from "./policy";
import type { Change, ChangeClass, DiffReport, StackDiff } from "./types";

const AREA_ORDER = ["stack", "provider", "client", "route", "gateway", "edge", "limitation", "policy", "resources", "other"];
const CLASS_ORDER: Record<ChangeClass, number> = { widening: 0, narrowing: 1, neutral: 2 };

/** Diffs every stack found on either side (a stack only in HEAD is new, one only in BASE is gone). */
export function diffPlanSets(base: ReadonlyMap<string, PlanDocument>, head: ReadonlyMap<string, PlanDocument>): DiffReport {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  const stacks = names.map((n) => diffPlans(base.get(n), head.get(n)));
  return {
    kind: "kis-diff",
    version: 1,
    stacks,
    counts: sumCounts(stacks.map((s) => s.counts)),
    unclassified: stacks.reduce((n, s) => n + s.unclassified, 0),
    mandatoryViolations: stacks.reduce((n, s) => n + (s.status === "removed" ? 0 : (s.policy?.mandatory ?? 0)), 0),
  };
}

/** The identity diff of one stack. At least one side is given. */
export function diffPlans(base: PlanDocument | undefined, head: PlanDocument | undefined): StackDiff {
  const shown = (head ?? base)!;
  const changes: Change[] = (base && head ? compareBoth(base, head) : [wholeStack(shown, base ? "removed" : "added")]).sort(
    (a, b) => Number(!!a.unclassified) - Number(!!b.unclassified) || CLASS_ORDER[a.class] - CLASS_ORDER[b.class] || AREA_ORDER.indexOf(a.area) - AREA_ORDER.indexOf(b.area),
  );
  const classified = changes.filter((c) => !c.unclassified);
  return {
    stack: shown.stack,
    status: !base ? "added" : !head ? "removed" : changes.length ? "changed" : "unchanged",
    changes,
    counts: countClasses(classified),
    unclassified: changes.length - classified.length,
    exposure: base && head ? [] : exposureOf(shown),
    resources: { base: base?.summary.resources ?? 0, head: head?.summary.resources ?? 0 },
    policy: policyVerdicts(shown.policy),
    diagram: head ? mermaidOf(head) : undefined,
  };
}

function compareBoth(base: PlanDocument, head: PlanDocument): Change[] {
  const ownedHosts = [...new Set([...(head.gateway?.hostnames ?? []), ...(head.routes ?? []).flatMap((r) => r.hosts)])];
  const access = compareAccess(accessFacts(base), accessFacts(head), { ownedHosts });
  // A client the registrations show as new or removed is one row (theirs, with what it is), not two.
  const described = new Set(access.filter((c) => c.area === "client" && /^client or application|^new client or application/.test(c.what)).map((c) => c.subject));
  return [
    ...compareFacts(identityFacts(base), identityFacts(head)).filter((c) => !(c.area === "client" && described.has(c.subject))),
    ...access,
    ...comparePolicy(base.policy, head.policy),
    ...compareResources(base, head),
    ...compareUnknownSections(base as unknown as Record<string, unknown>, head as unknown as Record<string, unknown>),
  ];
}

/** A stack on one side only: one row; what it exposes is listed apart (exposureOf), not as removals from nothing. */
function wholeStack(plan: PlanDocument, status: "added" | "removed"): Change {
  const routes = plan.routes ?? [];
  const anonymous = routes.filter((r) => r.anonymous).length;
  const clients = Object.values((plan.outputs?.["clientIds"] ?? {}) as Record<string, Record<string, unknown>>).reduce((n, byName) => n + Object.keys(byName ?? {}).length, 0);
  const summary = `${routes.length} route${routes.length === 1 ? "" : "s"} (${anonymous} anonymous) on ${(plan.gateway?.hostnames ?? []).join(", ")}; ${plan.identityContracts?.length ?? 0} provider(s); ${clients} client registration(s)`;
  const subject = `stack "${plan.stack}"`;
  return status === "added"
    ? { class: "widening", area: "stack", subject, what: "new stack: exposes a new API edge (see what it will expose)", after: summary }
    : { class: "narrowing", area: "stack", subject, what: "stack removed: its API edge goes away", before: summary };
}

/** Resources by type: counts only (neutral); what they mean for identity is in the rules above. */
function compareResources(base: PlanDocument, head: PlanDocument): Change[] {
  const out: Change[] = [];
  const b = base.summary?.byType ?? {};
  const h = head.summary?.byType ?? {};
  for (const type of [...new Set([...Object.keys(b), ...Object.keys(h)])].sort()) {
    const before = b[type] ?? 0;
    const after = h[type] ?? 0;
    if (before !== after) out.push({ class: "neutral", area: "resources", subject: type, what: after > before ? "more resources" : "fewer resources", before: String(before), after: String(after) });
  }
  const baseInputs = new Map((base.resources ?? []).map((r) => [r.urn, JSON.stringify(r.inputs ?? {})]));
  const changed = (head.resources ?? []).filter((r) => baseInputs.has(r.urn) && baseInputs.get(r.urn) !== JSON.stringify(r.inputs ?? {})).map((r) => r.name);
  if (changed.length > 0) {
    const named = changed.length <= MAX_NAMED ? changed.join(", ") : `${changed.slice(0, MAX_NAMED).join(", ")} and ${changed.length - MAX_NAMED} more`;
    out.push({ class: "neutral", area: "resources", subject: "existing resources", what: `${changed.length} would be updated`, after: named });
  }
  return out;
}

/** Updated resources named in one cell; the rest counted. */
const MAX_NAMED = 12;

function mermaidOf(plan: PlanDocument): string | undefined {
  try {
    const md = renderIdentityDiagram(plan);
    const m = /```mermaid\n([\s\S]*?)```/.exec(md);
    return m?.[1]?.trimEnd();
  } catch {
    return undefined; // a plan without what the diagram needs still gets its diff
  }
}

export function countClasses(changes: readonly Change[]): Record<ChangeClass, number> {
  const counts = { widening: 0, narrowing: 0, neutral: 0 };
  for (const c of changes) counts[c.class]++;
  return counts;
}

function sumCounts(all: readonly Record<ChangeClass, number>[]): Record<ChangeClass, number> {
  return all.reduce((t, c) => ({ widening: t.widening + c.widening, narrowing: t.narrowing + c.narrowing, neutral: t.neutral + c.neutral }), { widening: 0, narrowing: 0, neutral: 0 });
}
