import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../../support/run-kis";

/**
 * The identity review's verdict step, run as GitHub runs it (`bash -e`), on two checkouts whose `kis` are
 * stand-ins that say which checkout they are: the verdict must come from the base's, whatever the head's says.
 */
type Step = { id?: string; name?: string; run?: string; env?: Record<string, string> };
const workflow = parse(readFileSync(join(REPO_ROOT, ".github", "workflows", "preview.yml"), "utf8")) as { jobs: Record<string, { steps: Step[] }> };
const steps = workflow.jobs["identity-review"]!.steps;
const verdict = steps.find((s) => s.id === "review")!;

/** A stand-in kis: writes `<side> judged: <args>` to --output and exits with the given code. */
function standInKis(side: string, exit: number): string {
  return `const a = process.argv.slice(2); const o = a[a.indexOf("--output") + 1];
require("fs").writeFileSync(o, "<!-- kis-identity-review -->\\n## " + a[a.indexOf("--title") + 1] + "\\n${side} judged: " + a.slice(0, 3).join(" ") + "\\n");
process.exit(${exit});`;
}

function checkout(root: string, side: string, opts: { exit: number; hasDiff?: boolean; diffSource?: string }) {
  mkdirSync(join(root, side, "cli", "bin"), { recursive: true });
  writeFileSync(join(root, side, "cli", "bin", "kis.js"), standInKis(side.toUpperCase(), opts.exit));
  if (opts.hasDiff !== false) {
    mkdirSync(join(root, side, "cli", "diff"), { recursive: true });
    mkdirSync(join(root, side, "cli", "commands"), { recursive: true });
    writeFileSync(join(root, side, "cli", "diff", "compare.ts"), opts.diffSource ?? "export const rules = 1;\n");
    writeFileSync(join(root, side, "cli", "commands", "diff.ts"), "export {};\n");
  }
}

function runVerdict(setup: (root: string) => void) {
  const root = tempDir("verdict");
  setup(root);
  mkdirSync(join(root, "review", "head"), { recursive: true });
  writeFileSync(join(root, "review", "head", "plan-status.tsv"), "dev\t0\t\n");
  writeFileSync(join(root, "step.sh"), verdict.run!);
  const run = spawnSync("bash", ["-e", "step.sh"], {
    cwd: root,
    encoding: "utf8",
    env: { PATH: process.env["PATH"], PR_NUMBER: "7", GITHUB_STEP_SUMMARY: join(root, "summary.md"), GITHUB_OUTPUT: join(root, "output.txt") },
  });
  const comment = readFileSync(join(root, "review", "comment.md"), "utf8");
  return { run, comment, json: readFileSync(join(root, "review", "diff.json"), "utf8") };
}

describe("the identity review's verdict comes from the base checkout", () => {
  it("the step runs base/cli/bin/kis.js on the base and head plans, never the head's when the base has kis diff", () => {
    expect(verdict.name).toBe("Render the identity review");
    expect(verdict.run).toMatch(/^\s*judge=base$/m);
    expect(verdict.run).toContain('node "$judge/cli/bin/kis.js" diff review/base review/head --markdown');
    expect(verdict.run).not.toContain("node head/cli/bin/kis.js");
    // The review step is the only one that runs kis diff.
    expect(steps.filter((s) => s.run?.includes(" diff review/base")).map((s) => s.id)).toEqual(["review"]);
  });

  it("base says widening, head says nothing: the comment and exit are the base's", () => {
    const { run, comment, json } = runVerdict((root) => {
      checkout(root, "base", { exit: 1 });
      checkout(root, "head", { exit: 0 });
    });
    expect(run.status, run.stderr).toBe(0); // a widening verdict is for the reviewer, not a failed check
    expect(comment).toContain("BASE judged: diff review/base review/head");
    expect(comment).toContain("## Identity review\n");
    expect(json).toContain("BASE judged");
    expect(run.stdout).toContain("verdict by the base commit's kis diff: exit 1");
  });

  it("a pull request that changes kis diff is still judged by the base, and the comment says so", () => {
    const { comment } = runVerdict((root) => {
      checkout(root, "base", { exit: 1 });
      checkout(root, "head", { exit: 0, diffSource: "export const rules = 0; // nothing widens any more\n" });
    });
    expect(comment).toContain("BASE judged");
    expect(comment).toContain("## Identity review (judged by the base commit's kis diff; this pull request changes kis diff itself)");
  });

  it("a base without kis diff (a commit from before it) falls back to the head's, and the title warns", () => {
    const { comment } = runVerdict((root) => {
      checkout(root, "base", { exit: 0, hasDiff: false });
      checkout(root, "head", { exit: 1 });
    });
    expect(comment).toContain("HEAD judged");
    expect(comment).toContain("⚠️ judged by this pull request's own kis diff: the base commit has none");
  });

  it("a base kis diff that cannot read the head's plans (exit 2) falls back to the head's, and the title warns", () => {
    const { run, comment } = runVerdict((root) => {
      checkout(root, "base", { exit: 2 });
      checkout(root, "head", { exit: 1 });
    });
    expect(run.status, run.stderr).toBe(0);
    expect(comment).toContain("HEAD judged");
    expect(comment).toContain("the base's exited 2 on these plans");
  });

  it("a kis diff that fails on both sides fails the step", () => {
    const { run } = runVerdict((root) => {
      checkout(root, "base", { exit: 2 });
      checkout(root, "head", { exit: 2 });
    });
    expect(run.status).toBe(2);
  });
});
