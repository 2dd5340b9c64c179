import type { PolicyReport } from "../plan/policy/types";
import type { Change, PolicyVerdicts } from "./types";

const STRENGTH: Record<string, number> = { disabled: 0, advisory: 1, mandatory: 2, remediate: 2 };

/** The pack's verdicts on one plan, for the comment's policy column. */
export function policyVerdicts(report: PolicyReport | undefined): PolicyVerdicts | undefined {
  if (!report) return undefined;
  const violations = [...report.violations]
    .sort((a, b) => (a.enforcementLevel === b.enforcementLevel ? a.policy.localeCompare(b.policy) : a.enforcementLevel === "mandatory" ? -1 : 1))
    .map((v) => ({ policy: v.policy, level: v.enforcementLevel, message: v.message }));
  return {
    pack: report.pack,
    policies: report.policies.length,
    mandatory: violations.filter((v) => v.level === "mandatory").length,
    advisory: violations.filter((v) => v.level === "advisory").length,
    violations,
  };
}

/** A policy that no longer runs or runs at a looser level widens; new violations widen, resolved ones narrow. */
export function comparePolicy(base: PolicyReport | undefined, head: PolicyReport | undefined): Change[] {
  if (!base || !head) return [];
  const out: Change[] = [];
  const baseLevels = new Map(base.policies.map((p) => [p.name, p.enforcementLevel]));
  const headLevels = new Map(head.policies.map((p) => [p.name, p.enforcementLevel]));
  for (const [name, level] of baseLevels) {
    const now = headLevels.get(name);
    const subject = `policy "${name}"`;
    if (now === undefined) out.push({ class: "widening", area: "policy", subject, what: "policy no longer runs", before: level });
    else if (STRENGTH[now]! < STRENGTH[level]!) out.push({ class: "widening", area: "policy", subject, what: "enforcement level looser", before: level, after: now });
    else if (STRENGTH[now]! > STRENGTH[level]!) out.push({ class: "narrowing", area: "policy", subject, what: "enforcement level stricter", before: level, after: now });
  }
  for (const [name, level] of headLevels) {
    if (!baseLevels.has(name)) out.push({ class: "narrowing", area: "policy", subject: `policy "${name}"`, what: "new policy runs", after: level });
  }
  const key = (v: PolicyReport["violations"][number]) => `${v.policy}\u0000${v.message}`;
  const before = new Set(base.violations.map(key));
  const after = new Set(head.violations.map(key));
  for (const v of head.violations) {
    if (!before.has(key(v))) out.push({ class: "widening", area: "policy", subject: `policy "${v.policy}"`, what: `new ${v.enforcementLevel} violation (message below)`, after: subjectOf(v.message) });
  }
  for (const v of base.violations) {
    if (!after.has(key(v))) out.push({ class: "narrowing", area: "policy", subject: `policy "${v.policy}"`, what: "violation resolved", before: v.message });
  }
  return out;
}

/** `<type> "<name>": <problem>. Fix: ...` → `<type> "<name>"`: the row names the resource, the list below says why. */
function subjectOf(message: string): string {
  const m = /^(.{1,160}?): /.exec(message);
  return m ? m[1]! : message.slice(0, 80);
}
