import type { Change, DiffReport, StackDiff } from "./types";

/** The hidden marker the preview workflow finds its own comment by (one comment, updated on every push). */
export const COMMENT_MARKER = "<!-- kis-identity-review -->";
/** GitHub refuses issue comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

const ICON = { widening: "🔓 widening", narrowing: "🔒 narrowing", neutral: "· neutral" } as const;

/**
 * The pull-request comment: a verdict line, one summary row per stack, then per changed stack a table of
 * changes (widening first), the policy verdicts and the request diagram. Fits GitHub's comment limit by
 * dropping diagrams first, then listing fewer rows, always saying what was left out.
 */
export function renderMarkdown(report: DiffReport, options: { limit?: number; title?: string } = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const attempts: { rows: number; diagrams: boolean }[] = [
    { rows: Infinity, diagrams: true },
    { rows: Infinity, diagrams: false },
    { rows: 100, diagrams: false },
    { rows: 25, diagrams: false },
    { rows: 5, diagrams: false },
    { rows: 0, diagrams: false },
  ];
  for (const a of attempts) {
    const text = render(report, a.rows, a.diagrams, options.title);
    if (text.length <= limit) return text;
  }
  // Even the one-row-per-stack summary is too long (hundreds of stacks): cut it and say so.
  const note = `\n\n> ✂️ Truncated to fit GitHub's ${limit.toLocaleString("en-US")}-character comment limit; the full report is in the workflow's artifacts (\`kis diff --json\`).\n`;
  return render(report, 0, false, options.title).slice(0, limit - note.length) + note;
}

function render(report: DiffReport, maxRows: number, diagrams: boolean, title = "Identity review"): string {
  const { widening, narrowing, neutral } = report.counts;
  const changed = report.stacks.filter((s) => s.status !== "unchanged");
  const verdict =
    report.mandatoryViolations > 0
      ? `❌ **${report.mandatoryViolations} mandatory policy violation${report.mandatoryViolations === 1 ? "" : "s"}**: this check fails.`
      : widening > 0
        ? `⚠️ **This change widens access** (${widening} widening change${widening === 1 ? "" : "s"}): review each row marked 🔓.`
        : changed.length > 0
          ? "✅ No change widens access."
          : "✅ No identity change.";
  const lines = [
    COMMENT_MARKER,
    `## ${title}`,
    "",
    verdict,
    "",
    `${report.stacks.length} stack${report.stacks.length === 1 ? "" : "s"} planned offline · ${changed.length} changed · 🔓 ${widening} widening · 🔒 ${narrowing} narrowing · ${neutral} neutral${report.unclassified ? ` · ${report.unclassified} without a rule` : ""}`,
    "",
    "| stack | change | 🔓 widening | 🔒 narrowing | neutral | without a rule | policy pack (head) | resources |",
    "|---|---|--:|--:|--:|--:|---|---|",
    ...report.stacks.map((s) => `| \`${s.stack}\` | ${s.status} | ${s.counts.widening} | ${s.counts.narrowing} | ${s.counts.neutral} | ${s.unclassified} | ${policyCell(s)} | ${s.resources.base} → ${s.resources.head} |`),
  ];
  let omitted = 0;
  for (const s of changed) {
    lines.push("", `### \`${s.stack}\`${s.status === "added" ? " (new stack)" : s.status === "removed" ? " (stack removed)" : ""}`, "");
    const classified = s.changes.filter((c) => !c.unclassified);
    const other = s.changes.filter((c) => c.unclassified);
    const rows = Math.min(maxRows, classified.length);
    if (classified.length) {
      lines.push("| | what | change | before | after |", "|---|---|---|---|---|", ...classified.slice(0, rows).map(row));
      if (rows < classified.length) {
        lines.push("", `_…and ${classified.length - rows} more changes, not shown to fit GitHub's comment limit._`);
        omitted += classified.length - rows;
      }
    }
    if (s.exposure.length && maxRows > 0) {
      const n = Math.min(maxRows, s.exposure.length);
      lines.push("", `**What it ${s.status === "added" ? "will expose" : "exposed"}**`, "", "| | what | detail |", "|---|---|---|");
      lines.push(...s.exposure.slice(0, n).map((e) => `| ${e.concern ? `⚠️ ${cell(e.concern)}` : ""} | ${cell(e.subject)} | ${cell(e.what)} |`));
      if (n < s.exposure.length) lines.push("", `_…and ${s.exposure.length - n} more lines of what it ${s.status === "added" ? "will expose" : "exposed"}, not shown to fit GitHub's comment limit._`);
    }
    if (other.length) {
      const n = Math.min(maxRows, other.length);
      lines.push("", `<details><summary>${other.length} other plan change${other.length === 1 ? "" : "s"} kis diff has no rule for (judge them yourself)</summary>`, "");
      if (n > 0) lines.push("| what | change | before | after |", "|---|---|---|---|", ...other.slice(0, n).map((c) => `| ${code(c.subject)} | ${cell(c.what)} | ${code(c.before)} | ${code(c.after)} |`));
      if (n < other.length) lines.push("", `_…and ${other.length - n} more, not shown to fit GitHub's comment limit._`);
      lines.push("", "</details>");
      omitted += other.length - n;
    }
    if (s.policy && s.policy.violations.length) {
      const shown = s.policy.violations.slice(0, maxRows === Infinity ? undefined : Math.max(maxRows, 3));
      lines.push("", `**Policy pack ${s.policy.pack}:** ${s.policy.mandatory} mandatory, ${s.policy.advisory} advisory violation${s.policy.advisory === 1 ? "" : "s"}`, "");
      lines.push(...shown.map((v) => `- ${v.level === "mandatory" ? "❌" : "⚠️"} \`${v.policy}\`: ${cell(v.message)}`));
      if (shown.length < s.policy.violations.length) lines.push(`- …and ${s.policy.violations.length - shown.length} more`);
    }
    if (diagrams && s.diagram) {
      lines.push("", "<details><summary>Request path after this change</summary>", "", "```mermaid", s.diagram, "```", "", "</details>");
    }
  }
  if (!diagrams && changed.some((s) => s.diagram)) lines.push("", "_Request diagrams left out to fit GitHub's comment limit: see identity.md in the workflow's artifacts._");
  if (omitted > 0) lines.push("", `_${omitted} change rows left out in all; \`kis diff --json\` in the workflow's artifacts has every one._`);
  lines.push("", "<sub>Generated by `kis diff` from offline plans (Pulumi mocks, no cloud credentials). 🔓 widening = less protection, 🔒 narrowing = more.</sub>", "");
  return lines.join("\n");
}

function policyCell(s: StackDiff): string {
  if (!s.policy) return "not run";
  if (s.policy.mandatory) return `❌ ${s.policy.mandatory} mandatory${s.policy.advisory ? `, ${s.policy.advisory} advisory` : ""}`;
  if (s.policy.advisory) return `⚠️ ${s.policy.advisory} advisory`;
  return `✅ ${s.policy.policies} policies pass`;
}

const row = (c: Change) => `| ${ICON[c.class]} | ${cell(c.subject)} | ${cell(c.what)} | ${code(c.before)} | ${code(c.after)} |`;

/** Table-safe text: pipes and newlines would break the row, `<` would open HTML. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/</g, "&lt;");
}

function code(text: string | undefined): string {
  if (text === undefined || text === "") return "";
  // Inside a code span pipes still split a table cell on GitHub; escape them, and drop backticks.
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}\``;
}
