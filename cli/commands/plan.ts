import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runPlan } from "../plan/run-plan";
import { stackFilePath } from "../plan/stack-file";
import { stableJson } from "../plan/plan-document";
import { repoRoot } from "../repo-root";

/** `kis plan [--stack dev | --stack-file PATH] [--out out] [--json]` */
export async function planCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      stack: { type: "string", default: "dev" },
      "stack-file": { type: "string" },
      out: { type: "string", default: "out" },
      json: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const json = values.json ?? false;
  const result = await runPlan({
    stackFile: values["stack-file"]
      ? resolve(values["stack-file"])
      : stackFilePath(join(repoRoot(), "stacks"), values.stack ?? "dev"),
    outDir: resolve(values.out ?? "out"),
    progress: (line) => process.stderr.write(`· ${line}\n`),
  });
  process.stdout.write(json ? stableJson(result.plan) : `\n${result.summary}\n`);
  return 0;
}
