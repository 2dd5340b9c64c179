import type { Change } from "./types";

/** Plan sections `kis diff` compares with its own rules; everything else is diffed generically. */
export const KNOWN_SECTIONS = new Set([
  "kind", "version", "project", "stack", "environment", "production", "summary", "identityContracts", "gateway",
  "routes", "limitations", "outputs", "resources", "policy",
]);
/** Outputs already covered by the rules (contracts, clients, limitations) or that change with anything (a checksum). */
const KNOWN_OUTPUTS = new Set(["identityContracts", "issuer", "audience", "clientIds", "clientSecrets", "kongLimitations", "kongConfigChecksum", "serviceClients", "routeRules", "edgeRoutes"]);

/** At most this many changed paths per section: the rest is counted, not listed. */
const MAX_PATHS = 12;

/**
 * Sections other engineers add to plan.json (request path, PingAccess, sign-in routes...) before `kis diff`
 * knows them: each changed leaf is listed for a person to judge, marked unclassified. Never counted as
 * widening, because a rule that guesses would be wrong in both directions; a removed section is called out.
 */
export function compareUnknownSections(base: Record<string, unknown>, head: Record<string, unknown>): Change[] {
  const out: Change[] = [];
  const keys = [...new Set([...Object.keys(base), ...Object.keys(head)])].filter((k) => !KNOWN_SECTIONS.has(k)).sort();
  for (const key of keys) out.push(...compareValue(key, base[key], head[key]));
  const baseOutputs = (base["outputs"] ?? {}) as Record<string, unknown>;
  const headOutputs = (head["outputs"] ?? {}) as Record<string, unknown>;
  const outputKeys = [...new Set([...Object.keys(baseOutputs), ...Object.keys(headOutputs)])].filter((k) => !KNOWN_OUTPUTS.has(k)).sort();
  for (const key of outputKeys) out.push(...compareValue(`outputs.${key}`, baseOutputs[key], headOutputs[key]));
  return out;
}

function compareValue(section: string, before: unknown, after: unknown): Change[] {
  const base = { class: "neutral", area: "other", subject: section, unclassified: true } as const;
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ ...base, what: "section added", after: preview(after) }];
  if (after === undefined) return [{ ...base, what: "section removed: check that no protection went with it", before: preview(before) }];
  const paths: [string, unknown, unknown][] = [];
  leafDiff(section, before, after, paths);
  const shown = paths.slice(0, MAX_PATHS).map(([path, b, a]): Change => {
    const [pb, pa] = previewPair(b, a);
    return {
      ...base,
      subject: path,
      what: b === undefined ? "added" : a === undefined ? "removed" : "changed",
      ...(pb !== undefined ? { before: pb } : {}),
      ...(pa !== undefined ? { after: pa } : {}),
    };
  });
  if (paths.length > MAX_PATHS) shown.push({ ...base, what: `${paths.length - MAX_PATHS} more changed values (see plan.json)` });
  return shown;
}

function leafDiff(path: string, before: unknown, after: unknown, out: [string, unknown, unknown][]): void {
  if (out.length > 10 * MAX_PATHS) return; // counted well past what is shown; no need to walk 5000 routes
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) leafDiff(`${path}.${k}`, before[k], after[k], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // Arrays of named things compare by name, so one inserted entry is one change, not a shifted list.
    const named = (a: unknown[]) => a.every((x) => isObj(x) && typeof x["name"] === "string");
    if (named(before) && named(after)) {
      const byName = (a: unknown[]) => new Map(a.map((x) => [(x as { name: string }).name, x]));
      const b = byName(before);
      const a = byName(after);
      for (const k of [...new Set([...b.keys(), ...a.keys()])]) leafDiff(`${path}[${k}]`, b.get(k), a.get(k), out);
      return;
    }
    if (JSON.stringify(before) !== JSON.stringify(after)) out.push([path, before, after]);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push([path, before, after]);
}

const PREVIEW = 120;
/** One line: a multi-line value (an iRule, a certificate) would break the text and the table row. */
const textOf = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value)).replace(/\r?\n/g, "⏎");

function preview(value: unknown): string {
  const text = textOf(value);
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW - 3)}...` : text;
}

/**
 * Both sides of a changed value, cut to fit a cell. Two long values that differ late would cut to the same
 * prefix, a cell that shows no change: then both show the stretch around the first difference instead.
 */
export function previewPair(before: unknown, after: unknown): [string | undefined, string | undefined] {
  if (before === undefined || after === undefined) return [before === undefined ? undefined : preview(before), after === undefined ? undefined : preview(after)];
  const [b, a] = [textOf(before), textOf(after)];
  if (preview(b) !== preview(a)) return [preview(b), preview(a)];
  let i = 0;
  while (i < b.length && b[i] === a[i]) i++;
  const start = Math.max(0, i - 40);
  const window = (t: string) => `...${t.slice(start, start + PREVIEW - 6)}${start + PREVIEW - 6 < t.length ? "..." : ""}`;
  return [window(b), window(a)];
}
