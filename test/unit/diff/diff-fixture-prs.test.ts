import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT } from "../../../cli/diff";
import { mapLimit, REPO_ROOT, spawnKis, spawnKisAsync, tempDir } from "../../support/run-kis";

/**
 * The fixture pull requests, end to end as the preview workflow runs them: `kis plan` the base stack and the
 * PR's version of it into two out/ folders, then `kis diff BASE HEAD`. Base: stacks/Pulumi.dev.yaml.
 */
const PRS = ["route-made-anonymous", "audience-widened"] as const;

// Each test starts kis processes; on a busy machine one takes seconds, hence the generous timeout.
describe("kis diff on the fixture pull requests", { timeout: 120_000 }, () => {
  const out: Record<string, string> = {};

  beforeAll(async () => {
    const plans = [["base", join(REPO_ROOT, "stacks", "Pulumi.dev.yaml")], ...PRS.map((pr) => [pr, join(REPO_ROOT, "test", "fixtures", "pull-requests", pr, "Pulumi.dev.yaml")])];
    await mapLimit(plans, 2, async ([name, file]) => {
      out[name!] = tempDir(`diff-${name}`);
      const run = await spawnKisAsync(["plan", "--stack-file", file!, "--out", out[name!]!]);
      // The audience fixture is also refused by the pack (exit 1): its files are written all the same.
      expect(run.status, run.stderr).toBe(name === "audience-widened" ? 1 : 0);
    });
  }, 180_000);

  it("a route made anonymous: exit 1, one widening row naming the route", () => {
    const run = spawnKis(["diff", out["base"]!, out["route-made-anonymous"]!, "--json"]);
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout);
    const widening = report.stacks[0].changes.filter((c: { class: string }) => c.class === "widening");
    expect(widening).toEqual([
      expect.objectContaining({ subject: 'route "orders-reports"', what: "became anonymous (no token needed)", before: "one of orders-readers | orders-admins", after: "anonymous" }),
    ]);
    expect(report.mandatoryViolations).toBe(0);
  });

  it("an audience widened at Kong: exit 1, the new audience on every protected route, the pack's refusal shown", () => {
    const file = join(tempDir("diff-md"), "comment.md");
    const run = spawnKis(["diff", out["base"]!, out["audience-widened"]!, "--markdown", "--output", file]);
    expect(run.status, run.stderr).toBe(1);
    const md = readFileSync(file, "utf8");
    expect(md.startsWith(COMMENT_MARKER)).toBe(true);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toContain("❌ **2 mandatory policy violations**: this check fails.");
    expect(md).toContain('| 🔓 widening | routes "orders-read", "orders-reports", "orders-write" | Kong accepts another audience |  | `api://orders-legacy` |');
    expect(md).toContain("| 🔓 widening | provider \"entra\" (entra) | access-token lifetime longer | `3600s` | `5400s` |");
    expect(md).toContain("❌ `audience-required`:");
    expect(md).toContain("```mermaid");
    // plan.json carries client secrets only as placeholders; the comment repeats none of them.
    expect(md).not.toMatch(/secure:|AAABA/);
  });

  it("a plan against itself: exit 0, no identity change", () => {
    const run = spawnKis(["diff", join(out["base"]!, "dev", "plan.json"), join(out["base"]!, "dev"), "--markdown"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("✅ No identity change.");
  });

  it("bad input: one line, exit 2", () => {
    const notPlan = join(tempDir("diff-bad"), "plan.json");
    writeFileSync(notPlan, JSON.stringify({ kind: "something-else" }));
    for (const args of [["diff", out["base"]!], ["diff", "/no/such/dir", out["base"]!], ["diff", notPlan, out["base"]!], ["diff", out["base"]!, out["base"]!, "--json", "--markdown"]]) {
      const run = spawnKis(args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^kis: /);
    }
  });

  it("--help prints the usage and exits 0", () => {
    const run = spawnKis(["diff", "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Exit codes: 0 no widening change, 1 at least one widening change, 2 bad input.");
  });
});
