import type { RecordedResource } from "../../../plan/offline-runtime";
import type { PlanDocument } from "../../../plan/plan-document";

/** The plan's resources of one type (the type token as the provider registers it). */
export function ofType(plan: PlanDocument, type: string): RecordedResource[] {
  return (plan.resources ?? []).filter((r) => r.type === type);
}

/** The client names the plan registers, longest first (so `orders-portal-2` wins over `orders-portal`). */
export function clientNames(plan: PlanDocument): string[] {
  const ids = (plan.outputs?.["clientIds"] ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const names = new Set(Object.values(ids).flatMap((byName) => (byName && typeof byName === "object" ? Object.keys(byName) : [])));
  return [...names].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/**
 * `<prefix>-<client><suffix>` → { provider: prefix, client }: resources of a registration are named after the
 * provider (its name in the stack) and the client.
 */
export function clientOf(resourceName: string, clients: readonly string[], suffix: RegExp = /$/): { provider: string; client: string; rest: string } | undefined {
  for (const client of clients) {
    const at = resourceName.indexOf(`-${client}`);
    if (at <= 0) continue;
    const rest = resourceName.slice(at + client.length + 1);
    if (suffix.test(rest)) return { provider: resourceName.slice(0, at), client, rest };
  }
  return undefined;
}

export const clientSubject = (client: string, provider: string) => `client "${client}" (${provider})`;

export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);
export const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export const sorted = (v: readonly string[]) => [...new Set(v)].sort();
