import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, mapLimit, runKisAsync, tempDir, type KisRun } from "../../../support/run-kis";

/**
 * The config-error corpus: every stack file in test/fixtures/broken-config/ is wrong in a way the config check
 * refuses before anything runs (`# expect-error: <start of the one problem line>`). `kis plan` must exit 2 with
 * exactly that one line, no stack trace, and write nothing.
 */
const DIR = join(REPO_ROOT, "test", "fixtures", "broken-config");

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => {
    const file = join(DIR, f);
    const expected = /^# expect-error: (.+)$/m.exec(readFileSync(file, "utf8"))?.[1];
    if (!expected) throw new Error(`${f} has no "# expect-error: <problem line>" header`);
    return { name: basename(f, ".yaml"), file, expected };
  });

const runs = new Map<string, { run: KisRun; out: string }>();

beforeAll(async () => {
  await mapLimit(cases, 2, async (c) => {
    const out = tempDir("config-corpus");
    runs.set(c.name, { run: await runKisAsync(["plan", "--stack-file", c.file, "--out", out]), out });
  });
}, 300_000);

describe("config corpus: kis plan refuses each broken stack file with exactly its config error", () => {
  it("has the edge cases the issue lists (certificate names, expiry, CA, ports)", () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)("$name → exit 2, one line", (c) => {
    const { run, out } = runs.get(c.name)!;
    expect(run.status, run.stderr).toBe(2);
    const problems = run.stderr.split("\n").filter((l) => l.startsWith("kis: config: "));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`kis: config: ${c.expected}`);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(join(out, c.name))).toBe(false);
  });
});
