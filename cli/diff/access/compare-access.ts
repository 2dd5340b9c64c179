import type { Change, ChangeClass } from "../types";
import { coveredBy, uriConcerns } from "./coverage";
import type { AccessContext, AccessFact, FactValue, Rule } from "./types";

/**
 * The changes between the access facts of BASE and HEAD, compared by subject and aspect. Pure. A subject with a
 * presence fact that exists on one side only is one row (new or removed, described by its value), plus its
 * redirect URIs when it is new: the rest of a new client is in its description, not repeated row by row.
 */
export function compareAccess(base: readonly AccessFact[], head: readonly AccessFact[], context: AccessContext): Change[] {
  const b = byKey(base);
  const h = byKey(head);
  const present = (facts: ReadonlyMap<string, AccessFact>) => new Set([...facts.values()].filter((f) => f.rule.kind === "presence").map((f) => f.subject));
  const baseSubjects = present(b);
  const headSubjects = present(h);
  const out: Change[] = [];
  for (const key of [...new Set([...b.keys(), ...h.keys()])]) {
    const before = b.get(key);
    const after = h.get(key);
    const fact = (after ?? before)!;
    const isNew = headSubjects.has(fact.subject) && !baseSubjects.has(fact.subject);
    const isGone = baseSubjects.has(fact.subject) && !headSubjects.has(fact.subject);
    if (fact.rule.kind !== "presence" && (isGone || (isNew && !(fact.rule.kind === "set" && fact.rule.uris)))) continue;
    out.push(...compareFact(fact, before?.value, after?.value, context));
  }
  return out;
}

function byKey(facts: readonly AccessFact[]): Map<string, AccessFact> {
  return new Map(facts.map((f) => [`${f.subject}\u0000${f.aspect}`, f]));
}

function compareFact(fact: AccessFact, before: FactValue | undefined, after: FactValue | undefined, context: AccessContext): Change[] {
  const row = (cls: ChangeClass, what: string, b?: string, a?: string): Change => ({
    class: cls,
    area: fact.area,
    subject: fact.subject,
    what,
    ...(b !== undefined ? { before: b } : {}),
    ...(a !== undefined ? { after: a } : {}),
  });
  const rule: Rule = fact.rule;
  switch (rule.kind) {
    case "presence":
      if (before === undefined && after !== undefined) return [row("widening", rule.added, undefined, text(after))];
      if (before !== undefined && after === undefined) return [row("narrowing", rule.removed, text(before), undefined)];
      return [];
    case "set":
      return compareSet(rule, list(before), list(after), context, row);
    case "number": {
      if (typeof before !== "number" || typeof after !== "number" || before === after) return [];
      const wider = rule.widensWhen === "higher" ? after > before : after < before;
      return [row(wider ? "widening" : "narrowing", `${rule.what} ${after > before ? "raised" : "lowered"}`, `${before}${rule.unit}`, `${after}${rule.unit}`)];
    }
    case "flag": {
      if (typeof before !== "boolean" || typeof after !== "boolean" || before === after) return [];
      return [row(after === rule.widensWhen ? "widening" : "narrowing", after ? rule.on : rule.off, String(before), String(after))];
    }
    case "rank": {
      if (before === after || before === undefined || after === undefined) return [];
      const [i, j] = [rule.order.indexOf(String(before)), rule.order.indexOf(String(after))];
      // A value the order does not know is judged looser: a person must look at it.
      const wider = j === -1 || (i !== -1 && j > i);
      return [row(wider ? "widening" : "narrowing", `${rule.what} ${wider ? "looser" : "stricter"}`, text(before), text(after))];
    }
    case "any-change":
      return before === undefined || after === undefined || text(before) === text(after) ? [] : [row("widening", `${rule.what} changed`, text(before), text(after))];
    case "report":
      return text(before ?? "") === text(after ?? "") ? [] : [row("neutral", `${rule.what} changed`, before === undefined ? "(none)" : text(before), after === undefined ? "(none)" : text(after))];
  }
}

type Row = (cls: ChangeClass, what: string, before?: string, after?: string) => Change;

function compareSet(rule: Extract<Rule, { kind: "set" }>, before: readonly string[], after: readonly string[], context: AccessContext, row: Row): Change[] {
  const had = new Set(before);
  const has = new Set(after);
  const added = after.filter((v) => !had.has(v));
  const removed = before.filter((v) => !has.has(v));
  // Added values already covered by what was there (a /32 inside a trusted /24) let nothing new in.
  const newlyIn = rule.within ? added.filter((v) => !coveredBy(rule.within!, v, before)) : added;
  const [b, a] = [joined(before), joined(after)];
  const out: Change[] = [];
  const wideningOnAdd = rule.widensWhen === "added";
  if (rule.uris) {
    // One row per URI: each is a place a token can be sent, and each may have its own concern.
    for (const uri of added) {
      const concerns = uriConcerns(uri, context.ownedHosts);
      out.push(row("widening", `${rule.gained}: ${uri}${concerns.length ? ` (${concerns.join("; ")})` : ""}`, b, a));
    }
    if (removed.length) out.push(row("narrowing", `${rule.lost}: ${removed.join(", ")}`, b, a));
    return out;
  }
  const grown = wideningOnAdd ? newlyIn : removed;
  const shrunk = wideningOnAdd ? removed : added;
  if (grown.length) out.push(row("widening", `${wideningOnAdd ? rule.gained : rule.lost}: ${grown.join(", ")}`, b, a));
  if (shrunk.length) out.push(row("narrowing", `${wideningOnAdd ? rule.lost : rule.gained}: ${shrunk.join(", ")}`, b, a));
  if (!grown.length && !shrunk.length && added.length) out.push(row("neutral", `${rule.gained} (within what was already allowed): ${added.join(", ")}`, b, a));
  return out;
}

const list = (v: FactValue | undefined): readonly string[] => (Array.isArray(v) ? v : []);
const joined = (v: readonly string[]) => (v.length ? v.join(", ") : "(none)");
const text = (v: FactValue): string => (Array.isArray(v) ? joined(v) : String(v));
