import type { DiffReport } from "./types";

/** The terminal view: one line per change, widening first; a new or removed stack lists what it exposes. */
export function renderText(report: DiffReport): string {
  const lines: string[] = [];
  for (const s of report.stacks) {
    lines.push(`${s.stack}: ${s.status} (${s.counts.widening} widening, ${s.counts.narrowing} narrowing, ${s.counts.neutral} neutral${s.unclassified ? `, ${s.unclassified} without a rule` : ""})`);
    for (const c of s.changes) lines.push(`  ${changeLine(c)}`);
    if (s.exposure.length) {
      lines.push(`  what it ${s.status === "added" ? "will expose" : "exposed"}:`);
      for (const e of s.exposure) lines.push(`    ${e.subject}: ${e.what}${e.concern ? `  [${e.concern}]` : ""}`);
    }
  }
  const { widening, narrowing, neutral } = report.counts;
  lines.push(`${widening} widening, ${narrowing} narrowing, ${neutral} neutral${report.unclassified ? `, ${report.unclassified} without a rule` : ""}; ${report.mandatoryViolations} mandatory policy violations in HEAD`);
  return lines.join("\n");
}

/** `widening  <subject>: <what>: <before> -> <after>`: the verdict line the fixture corpus expects, exactly. */
export function changeLine(c: { class: string; subject: string; what: string; before?: string; after?: string; unclassified?: true }): string {
  const values = c.before !== undefined || c.after !== undefined ? `: ${c.before ?? "(none)"} -> ${c.after ?? "(none)"}` : "";
  return `${c.unclassified ? "unclassified" : c.class.padEnd(9)} ${c.subject}: ${c.what}${values}`;
}
