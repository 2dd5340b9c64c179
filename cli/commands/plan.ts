import { join, resolve } from "node:path";
import { runPlan } from "../plan/run-plan";
import { stackFilePath } from "../plan/stack-file";
import { stableJson } from "../plan/plan-document";
import { mandatoryCount } from "../plan/policy";
import { commandArgs } from "./command-args";
import { repoRoot } from "../repo-root";

export const planUsage = `Usage: kis plan [--stack dev | --stack-file PATH] [--out out] [--json] [--policy-config FILE]

Offline plan of a stack: runs the Pulumi program under mocks (no Pulumi CLI, no cloud account), runs the identity
policy pack, prints a summary and writes plan.json, kong.yml, manifests.yaml, identity.md (and as3.json, zpa.json)
to <out>/<stack>/.

  --stack NAME          stacks/Pulumi.<NAME>.yaml (default dev)
  --stack-file PATH     any stack file instead
  --out DIR             where the artifacts go (default out)
  --json                print plan.json instead of the summary (progress stays on stderr)
  --policy-config FILE  per-environment policy config (the JSON pulumi preview --policy-pack-config takes)

Exit codes: 0 no mandatory violation, 1 a mandatory policy violation (files written all the same), 2 bad input.`;

/** `kis plan`: exit 1 when the policy pack reports a mandatory violation (the files are written all the same). */
export async function planCommand(args: string[]): Promise<number> {
  const parsed = commandArgs(
    args,
    {
      stack: { type: "string", default: "dev" },
      "stack-file": { type: "string" },
      out: { type: "string", default: "out" },
      json: { type: "boolean", default: false },
      "policy-config": { type: "string" },
    },
    planUsage,
  );
  if (!parsed) return 0;
  const { values } = parsed;
  const json = values.json ?? false;
  const result = await runPlan({
    stackFile: values["stack-file"]
      ? resolve(values["stack-file"])
      : stackFilePath(join(repoRoot(), "stacks"), values.stack ?? "dev"),
    outDir: resolve(values.out ?? "out"),
    progress: (line) => process.stderr.write(`· ${line}\n`),
    ...(values["policy-config"] ? { policyConfig: resolve(values["policy-config"]) } : {}),
  });
  process.stdout.write(json ? stableJson(result.plan) : `\n${result.summary}\n`);
  const mandatory = mandatoryCount(result.policy);
  if (mandatory > 0) {
    process.stderr.write(`kis: ${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}; files written for inspection\n`);
    return 1;
  }
  return 0;
}
