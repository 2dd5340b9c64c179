import { describe, expect, it } from "vitest";
import { readmeBlocks } from "../../../cli/docs/readme-commands";
import { readText } from "../../support/markdown";
import { REPO_ROOT, runKis, tempDir } from "../../support/run-kis";

/**
 * The README's commands are run by CI (`npm run readme:commands` in .ci/run); these tests keep the README honest in
 * between: every bash block says whether CI runs it, the two fresh-machine commands are among those it runs, and the
 * excerpt of `kis plan` output is what kis plan prints today.
 */
const readme = readText(REPO_ROOT, "README.md");

describe("README commands", () => {
  it("marks every bash block as runnable or not run in CI (with a reason)", () => {
    const blocks = readmeBlocks(readme);
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((b) => !b.marker).map((b) => `README.md:${b.line}`)).toEqual([]);
  });

  it("runs the two fresh-machine commands in CI", () => {
    const run = readmeBlocks(readme).filter((b) => b.marker?.kind === "run").map((b) => b.code.trim());
    expect(run).toContain("npm ci && npm run plan");
    expect(run).toContain("npm ci && npm test");
  });

  it("reads markers: exit codes, skip reasons, unmarked blocks", () => {
    const md = [
      "<!-- runnable -->", "```bash", "echo a", "```",
      "<!-- runnable: exit 1 (rejected) -->", "```bash", "false", "```",
      "<!-- not run in CI: needs a cloud -->", "```bash", "pulumi up", "```",
      "text", "```bash", "echo unmarked", "```",
    ].join("\n");
    expect(readmeBlocks(md).map((b) => b.marker)).toEqual([
      { kind: "run", exit: 0 },
      { kind: "run", exit: 1 },
      { kind: "skip", reason: "needs a cloud" },
      undefined,
    ]);
  });

  it("shows an excerpt of kis plan output that kis plan prints today", async () => {
    const match = /<!-- plan-excerpt: kis (.+?) -->\n```text\n([\s\S]*?)\n```/.exec(readme);
    expect(match, "README.md has a <!-- plan-excerpt: kis ... --> text block").not.toBeNull();
    const run = await runKis([...match![1]!.split(" "), "--out", tempDir("readme")]);
    expect(run.status).toBe(0);
    const printed = new Set(run.stdout.split("\n").map((l) => l.trimEnd()));
    const stale = match![2]!.split("\n").filter((line) => line.trim() !== "" && !printed.has(line.trimEnd()));
    expect(stale, "README.md's plan excerpt has lines kis plan no longer prints").toEqual([]);
  });
});
