/**
 * Violation messages: every message names the resource, says what is wrong and how to fix it, in that
 * order, so a person reading `pulumi preview` or `kis plan` output knows where to look and what to change.
 */

export interface Subject {
  readonly type: string;
  readonly name: string;
}

/** `azuread:index/application:Application` → `azuread:Application`. */
export function shortType(type: string): string {
  const parts = type.split(":");
  return parts.length > 1 ? `${parts[0]}:${parts[parts.length - 1]}` : type;
}

export function describeSubject(subject: Subject): string {
  return `${shortType(subject.type)} "${subject.name}"`;
}

/** `<resource>: <problem>. Fix: <fix>` */
export function violation(subject: Subject, problem: string, fix: string): string {
  return `${describeSubject(subject)}: ${problem}. Fix: ${fix}`;
}

export const quote = (value: unknown): string => JSON.stringify(value) ?? String(value);

export const quoteList = (values: readonly unknown[]): string => values.map(quote).join(", ");

/** `a, b, c and 7 more`: keeps a message short when a thousand routes share one problem. */
export function nameList(names: readonly string[], max = 6): string {
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    // push, not a copy per item: one group of thousands of routes was quadratic.
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
