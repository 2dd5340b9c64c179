/**
 * `npm run bench:engine`: what the real engine costs, as paired ratios over interleaved rounds (like `npm run bench`):
 * - `pulumi preview --stack dev` with the identity policy pack against the same preview without it;
 * - a preview of the dev stack with 600 generated routes (the most the engine can start: docs/scale.md) against 10.
 * Each preview runs in a fresh process on a local backend with the test provider plugins. Needs the Node.js language
 * host (docs/testing.md#the-language-host). KIS_BENCH_ROUNDS (default 5).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateStack } from "../../../cli/bench/plan-bench";
import { initStack, POLICY_PACK, requireLanguageHost } from "../program/engine-program";
import { pulumiVersion, pulumiWorkspace } from "../support/pulumi-cli";

const ROUNDS = Number(process.env["KIS_BENCH_ROUNDS"] ?? 5);
/** 1000 routes cannot run under the engine at all (PULUMI_CONFIG over 128 KiB, cli/plan/engine-config-size.ts): 600 can. */
const BIG = 600;
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function main(): void {
  requireLanguageHost();
  const ws = pulumiWorkspace("bench");
  const files: Record<string, string> = {};
  for (const size of [10, BIG]) {
    files[size] = join(ws.home, `Pulumi.bench-${size}.yaml`);
    writeFileSync(files[size]!, generateStack(size));
  }
  for (const name of ["dev", "bench-10", `bench-${BIG}`]) initStack(ws, name);
  const pack = ["--policy-pack", POLICY_PACK, "--policy-pack-config", join(POLICY_PACK, "config", "dev.json")];
  const variants: { label: string; args: string[]; ms: number[] }[] = [
    { label: "preview(dev)", args: ["preview", "--stack", "dev"], ms: [] },
    { label: "preview(dev)+pack", args: ["preview", "--stack", "dev", ...pack], ms: [] },
    { label: "preview(10)", args: ["preview", "--stack", "bench-10", "--config-file", files[10]!], ms: [] },
    { label: `preview(${BIG})`, args: ["preview", "--stack", `bench-${BIG}`, "--config-file", files[BIG]!], ms: [] },
  ];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const v of variants) {
      process.stderr.write(`· round ${round}/${ROUNDS}: ${v.label}\n`);
      const started = process.hrtime.bigint();
      const run = ws.pulumi(v.args);
      v.ms.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (run.status !== 0) throw new Error(`${v.label} failed (exit ${run.status}):\n${run.stdout.slice(-2000)}${run.stderr.slice(-2000)}`);
    }
  }
  const of = (label: string) => variants.find((v) => v.label === label)!.ms;
  const paired = (a: string, b: string) => {
    const ratios = of(a).map((ms, i) => ms / of(b)[i]!);
    return `${median(ratios).toFixed(2)}   (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
  };
  console.log(`engine bench: ${ROUNDS} interleaved round(s), medians; pulumi ${pulumiVersion()}, test provider plugins, local backend`);
  for (const v of variants) console.log(`  ${v.label.padEnd(18)} ${median(v.ms).toFixed(0).padStart(7)} ms`);
  console.log(`  pack overhead  preview(dev)+pack / preview(dev)   ${paired("preview(dev)+pack", "preview(dev)")}   goal ≤ 1.3`);
  console.log(`  route growth   preview(${BIG}) / preview(10)         ${paired(`preview(${BIG})`, "preview(10)")}   goal ≤ 1.5`);
  spawnSync("rm", ["-rf", ws.home]);
}

main();
