/**
 * The README's runnable commands, run the way a new user would: in a fresh clone of the committed tree, one fenced
 * bash block after another, each expected to exit as its marker says. Every bash block in README.md carries a
 * marker on the line before its fence:
 *   <!-- runnable -->                     run it; it must exit 0
 *   <!-- runnable: exit N (why) -->       run it; it must exit N
 *   <!-- not run in CI: reason -->        shown to readers only (cloud-touching commands), skipped with the reason
 * `.ci/run` runs this file; it prints `readme: N passed, N failed` last and exits 1 if a block failed or has no marker.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { repoRoot } from "../repo-root";

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** What the marker says: run it (expecting `exit`), skip it (with the reason), or nothing (an error). */
  readonly marker: { readonly kind: "run"; readonly exit: number } | { readonly kind: "skip"; readonly reason: string } | undefined;
}

const RUN = /^<!-- runnable(?::\s*exit (\d+)[^>]*)? -->$/;
const SKIP = /^<!-- not run in CI: (.+) -->$/;

/** Every fenced bash block of a markdown text, with the marker on the line before it. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```bash\s*$/.test(lines[i]!)) continue;
    const end = lines.indexOf("```", i + 1);
    if (end < 0) throw new Error(`README.md:${i + 1}: unclosed bash block`);
    const before = (lines[i - 1] ?? "").trim();
    const run = RUN.exec(before);
    const skip = SKIP.exec(before);
    blocks.push({
      line: i + 1,
      code: lines.slice(i + 1, end).join("\n"),
      marker: run ? { kind: "run", exit: run[1] ? Number(run[1]) : 0 } : skip ? { kind: "skip", reason: skip[1]! } : undefined,
    });
    i = end;
  }
  return blocks;
}

function main(): number {
  const repo = repoRoot();
  const schemas = resolve(process.env["KIS_SCHEMAS_DIR"] ?? join(repo, "..", "shared", "schemas"));
  const blocks = readmeBlocks(readFileSync(join(repo, "README.md"), "utf8"));
  const work = mkdtempSync(join(tmpdir(), "kis-readme-"));
  const clone = join(work, "kong-identity-stack");
  if (spawnSync("git", ["clone", "--quiet", "--no-hardlinks", repo, clone], { stdio: "inherit" }).status !== 0) {
    process.stderr.write("readme: git clone failed\n");
    return 1;
  }
  let passed = 0;
  let failed = 0;
  for (const block of blocks) {
    const where = `README.md:${block.line}`;
    if (!block.marker) {
      failed++;
      process.stderr.write(`readme: ${where}: bash block without a <!-- runnable --> or <!-- not run in CI: reason --> marker\n`);
    } else if (block.marker.kind === "skip") {
      process.stdout.write(`readme: skipped ${where} (${block.marker.reason})\n`);
    } else {
      process.stdout.write(`readme: ${where}$ ${block.code.replace(/\n/g, "\n  ")}\n`);
      const status = spawnSync("bash", ["-o", "pipefail", "-c", block.code], {
        cwd: clone,
        stdio: "inherit",
        env: { ...process.env, KIS_SCHEMAS_DIR: schemas },
      }).status;
      if (status === block.marker.exit) passed++;
      else {
        failed++;
        process.stderr.write(`readme: ${where} exited ${status}, expected ${block.marker.exit}\n`);
      }
    }
  }
  rmSync(work, { recursive: true, force: true });
  process.stdout.write(`readme: ${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

if (require.main === module) process.exit(main());
