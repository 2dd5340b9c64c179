/**
 * `npm run bench:artifacts -- OUT_DIR`: plans every example stack (stacks/Pulumi.*.yaml) and the bench's
 * generated 10-, 1000- and 5000-route stacks with `kis plan`, copies nothing, and writes OUT_DIR/SHA256SUMS
 * (one `sha256  stack/file` line per artifact, sorted) beside the plans' folders. Two runs' SHA256SUMS compare with
 * `diff`: a refactor that must not change what a stack deploys shows no line of difference.
 * Environment: KIS_ARTIFACT_SIZES (default 10,1000,5000).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateStack } from "./plan-bench";

const repo = resolve(__dirname, "..", "..");
const kis = join(repo, "cli", "bin", "kis.js");
const SIZES = (process.env["KIS_ARTIFACT_SIZES"] ?? "10,1000,5000").split(",").map(Number);

/** Every file under `dir`, as paths relative to it, sorted. */
function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

function plan(args: string[]): void {
  const run = spawnSync(process.execPath, [kis, "plan", ...args], { cwd: repo, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  // Exit 1 is a plan with policy findings (the broken examples): its artifacts are written all the same.
  if (run.status !== 0 && run.status !== 1) throw new Error(`kis plan ${args.join(" ")} failed (exit ${run.status}):\n${run.stderr}`);
}

function main(): void {
  const out = resolve(process.argv[2] ?? "artifact-hashes");
  rmSync(out, { recursive: true, force: true });
  const plans = join(out, "plans");
  mkdirSync(plans, { recursive: true });
  const stacks = readdirSync(join(repo, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).sort();
  for (const file of stacks) {
    process.stderr.write(`· ${file}\n`);
    plan(["--stack-file", join(repo, "stacks", file), "--out", plans]);
  }
  for (const size of SIZES) {
    process.stderr.write(`· bench-${size}\n`);
    const file = join(out, `Pulumi.bench-${size}.yaml`);
    writeFileSync(file, generateStack(size));
    plan(["--stack-file", file, "--out", plans]);
  }
  const lines = filesUnder(plans).map((f) => `${createHash("sha256").update(readFileSync(join(plans, f))).digest("hex")}  ${f.split("\\").join("/")}`);
  writeFileSync(join(out, "SHA256SUMS"), `${lines.join("\n")}\n`);
  process.stdout.write(`${lines.length} artifacts of ${stacks.length + SIZES.length} stacks: ${join(out, "SHA256SUMS")}\n`);
}

if (require.main === module) main();
