import { describe, expect, it } from "vitest";
import { readText } from "../../support/markdown";
import { REPO_ROOT, runKis, spawnKis } from "../../support/run-kis";

/** `kis --help` and `kis <command> --help` print usage on stdout and exit 0; docs/cli.md documents every command. */
describe("kis help", () => {
  // The real binary: exit 0 and usage on stdout of a process.
  const top = spawnKis(["--help"]);
  const commands = [...top.stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]!).filter((c) => c !== "help");

  it("lists the commands and the exit codes, exit 0", () => {
    expect(top.status).toBe(0);
    expect(commands).toEqual(expect.arrayContaining(["plan", "explain-token"]));
    expect(top.stdout).toMatch(/^ {2}2 {2}bad input/m);
    expect(top.stdout).toMatch(/^ {2}3 {2}a bug in kis/m);
  });

  it.each(["plan", "explain-token", "diff", "init"])("kis %s --help prints its usage and exits 0", { timeout: 180_000 }, async (command) => {
    for (const args of [[command, "--help"], ["help", command]]) {
      const run = await runKis(args);
      expect(run.status, args.join(" ")).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: kis ${command} `));
      expect(run.stderr).toBe("");
    }
  });

  it("documents every command in docs/cli.md", () => {
    const cliDoc = readText(REPO_ROOT, "docs/cli.md");
    expect(commands.filter((c) => !cliDoc.includes(`## \`kis ${c}\``))).toEqual([]);
  });

  it("refuses an unknown command with exit 2", async () => {
    const run = await runKis(["nope"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown command "nope"/);
  });
});
