import { describe, expect, it } from "vitest";
import { COMMENT_MARKER, diffPlanSets, GITHUB_COMMENT_LIMIT, renderMarkdown } from "../../../../cli/diff";
import { plan, route } from "../../../support/plan-builder";

const one = (p: ReturnType<typeof plan>) => new Map([[p.stack, p]]);

describe("kis diff --markdown: the pull-request comment", () => {
  it("starts with the hidden marker, gives the verdict, a row per change and HEAD's request diagram", () => {
    const head = plan({ routes: [route({ name: "orders-read", anonymous: true }), route({ name: "health", anonymous: true })] });
    const md = renderMarkdown(diffPlanSets(one(plan()), one(head)));
    expect(md.startsWith(`${COMMENT_MARKER}\n## Identity review`)).toBe(true);
    expect(md).toContain("⚠️ **This change widens access** (1 widening change)");
    expect(md).toContain('| 🔓 widening | route "orders-read" | became anonymous (no token needed) | `scopes orders.read` | `anonymous` |');
    expect(md).toContain("```mermaid\nflowchart LR");
    expect(md).toContain("orders-read: anonymous");
  });

  it("says so when nothing changed", () => {
    expect(renderMarkdown(diffPlanSets(one(plan()), one(plan())))).toContain("✅ No identity change.");
  });

  it("a pipe in a value cannot break the table", () => {
    const head = plan({ routes: [route({ name: "orders-read", scopes: ["orders.read"], upstream: "http://a|b:80" }), route({ name: "health", anonymous: true })] });
    const md = renderMarkdown(diffPlanSets(one(plan()), one(head)));
    const row = md.split("\n").find((l) => l.includes("upstream changed"))!;
    expect(row).toContain("`http://a\\|b:80`");
    expect(row.split(/(?<!\\)\|/).length).toBe(7); // 5 cells between 6 unescaped pipes
  });

  it("stays within GitHub's comment limit at 5000 changed routes, and says what it left out", () => {
    const routes = (anonymous: boolean) => Array.from({ length: 5000 }, (_, i) => route({ name: `route-${i}`, scopes: anonymous ? [] : ["orders.read"], anonymous }));
    const md = renderMarkdown(diffPlanSets(one(plan({ routes: routes(false) })), one(plan({ routes: routes(true) }))));
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.startsWith(COMMENT_MARKER)).toBe(true);
    expect(md).toMatch(/…and \d+ more changes, not shown to fit GitHub's comment limit/);
    expect(md).toContain("Request diagrams left out to fit GitHub's comment limit");
  });

  it("cuts even the summary table with a note when hundreds of stacks do not fit", () => {
    const base = new Map(Array.from({ length: 400 }, (_, i) => [`s${i}`, plan({ stack: `stack-with-a-long-name-${i}` })] as const).map(([, p]) => [p.stack, p]));
    const md = renderMarkdown(diffPlanSets(base, new Map()), { limit: 4000 });
    expect(md.length).toBeLessThanOrEqual(4000);
    expect(md).toContain("✂️ Truncated to fit GitHub's 4,000-character comment limit");
  });

  it("a new stack gets its own section, what it will expose, with concerns marked; no removals from nothing", () => {
    const md = renderMarkdown(diffPlanSets(new Map(), one(plan())));
    expect(md).toContain("### `dev` (new stack)");
    expect(md).toContain("**What it will expose**");
    expect(md).toContain('| ⚠️ no token needed | route "health" | GET /health: anonymous |');
    expect(md).not.toMatch(/no longer|removed/);
    expect(md).toContain("🔓 1 widening · 🔒 0 narrowing · 0 neutral");
  });

  it("header counts equal the table rows; changes without a rule are counted apart, in their own details", () => {
    const head = plan({ routes: [route({ name: "orders-read", anonymous: true }), route({ name: "health", anonymous: true })], extra: { signIn: { routes: 2 } } });
    const report = diffPlanSets(one(plan()), one(head));
    const md = renderMarkdown(report);
    const rows = md.split("\n").filter((l) => /^\| (🔓|🔒|·) /.test(l));
    expect(rows.length).toBe(report.counts.widening + report.counts.narrowing + report.counts.neutral);
    expect(md).toContain(`🔓 ${report.counts.widening} widening · 🔒 ${report.counts.narrowing} narrowing · ${report.counts.neutral} neutral · 1 without a rule`);
    expect(md).toContain("<summary>1 other plan change kis diff has no rule for (judge them yourself)</summary>");
  });
});
