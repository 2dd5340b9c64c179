import { spawnSync } from "node:child_process";
import { UsageError } from "../errors";
import { escapeText } from "../output";

/**
 * `pulumi stack output --json --stack NAME`, run in the current directory (the Pulumi project). Secrets stay
 * "[secret]": --show-secrets is never passed, and nothing kis reads is secret. Exit 2 with one line when the
 * CLI is missing, the stack unknown or the output not JSON.
 */
export function readLiveOutputs(stack: string, pulumi = process.env["KIS_PULUMI"] ?? "pulumi"): unknown {
  const where = `--stack ${escapeText(stack)} --live`;
  const run = spawnSync(pulumi, ["stack", "output", "--json", "--stack", stack], { encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) {
    if ((run.error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UsageError(`${where}: the pulumi CLI is not installed (not on PATH); install it, or run \`pulumi stack output --json > outputs.json\` where it is and pass --outputs outputs.json`);
    }
    throw new UsageError(`${where}: pulumi stack output failed to run (${escapeText(run.error.message)})`);
  }
  if (run.status !== 0) {
    const first = (run.stderr ?? "").split("\n").find((l) => l.trim() !== "") ?? `exit ${run.status}`;
    throw new UsageError(`${where}: pulumi stack output failed: ${escapeText(first.trim())}`);
  }
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new UsageError(`${where}: pulumi stack output printed no JSON`);
  }
}
