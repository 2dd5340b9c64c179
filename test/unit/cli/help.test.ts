import { describe, expect, it, vi } from "vitest";
import { main } from "../../../cli/main";
import { readText } from "../../support/markdown";
import { REPO_ROOT, runKis } from "../../support/run-kis";

/** Runs main() in-process, capturing what it writes (help needs no fresh process; the first case spawns one). */
async function kisInProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { status: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** `kis --help` and `kis <command> --help` print usage on stdout and exit 0; docs/cli.md documents every command. */
describe("kis help", () => {
  const top = runKis(["--help"]);
  const commands = [...top.stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]!).filter((c) => c !== "help");

  it("lists the commands and the exit codes, exit 0", () => {
    expect(top.status).toBe(0);
    expect(commands).toEqual(expect.arrayContaining(["plan", "explain-token"]));
    expect(top.stdout).toMatch(/^ {2}2 {2}bad input/m);
    expect(top.stdout).toMatch(/^ {2}3 {2}a bug in kis/m);
  });

  it.each(["plan", "explain-token"])("kis %s --help prints its usage and exits 0", async (command) => {
    for (const args of [[command, "--help"], [command, "-h"], ["help", command]]) {
      const run = await kisInProcess(args);
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
    const run = await kisInProcess(["nope"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown command "nope"/);
  });
});
