import type { DiffReport } from "./types";

/** The terminal view: one line per change, widening first. */
export function renderText(report: DiffReport): string {
  const lines: string[] = [];
  for (const s of report.stacks) {
    lines.push(`${s.stack}: ${s.status} (${s.counts.widening} widening, ${s.counts.narrowing} narrowing, ${s.counts.neutral} neutral)`);
    for (const c of s.changes) {
      const values = c.before !== undefined || c.after !== undefined ? `: ${c.before ?? "(none)"} -> ${c.after ?? "(none)"}` : "";
      lines.push(`  ${c.unclassified ? "unclassified" : c.class.padEnd(9)} ${c.subject}: ${c.what}${values}`);
    }
  }
  const { widening, narrowing, neutral } = report.counts;
  lines.push(`${widening} widening, ${narrowing} narrowing, ${neutral} neutral; ${report.mandatoryViolations} mandatory policy violations in HEAD`);
  return lines.join("\n");
}
