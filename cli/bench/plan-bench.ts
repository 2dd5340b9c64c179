/**
 * `npm run bench`: what `kis plan` costs against the floor, and how it grows with the number of routes.
 *
 * Measured, each in a fresh process (the way a user runs it), with CPU time and peak RSS reported by the
 * process itself (report-usage.cjs, preloaded):
 * - floor: node start + @pulumi/pulumi + the provider SDKs the dev stack uses + registering the same resources
 *   under mocks (floor.cjs, from the dev plan's plan.json);
 * - plan(dev): `kis plan --stack dev`;
 * - plan(N): `kis plan` of the dev stack with N generated routes cycling through its rule mix.
 * Runs are interleaved (floor, dev, 10, 100, ... then again) and each figure is the median over the rounds, so
 * load from other processes on the machine falls on every variant alike and cancels in the ratios.
 * Ratios are paired: the median of each round's own ratio, so a machine whose speed drifts during the bench
 * (these shared 2-core machines move by ±30% within minutes) moves both sides of a ratio alike.
 * Environment: KIS_BENCH_SIZES (default 10,100,1000,5000), KIS_BENCH_ROUNDS (default 5).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { KUBERNETES_OBJECT_DATA_LIMIT, kubernetesDataBytes } from "../../policy-packs/identity/policies/kong-config-size";

const SIZES = (process.env["KIS_BENCH_SIZES"] ?? "10,100,1000,5000").split(",").map(Number);
const ROUNDS = Number(process.env["KIS_BENCH_ROUNDS"] ?? 5);
const repo = resolve(__dirname, "..", "..");
const kis = join(repo, "cli", "bin", "kis.js");
const reporter = join(__dirname, "report-usage.cjs");
const { compiledEntry } = require("../bin/compiled.js") as { compiledEntry(source: string): string | undefined };

/** A stack like `dev`, with its routes replaced by `count` generated ones cycling through the scope/role rules. */
export function generateStack(count: number): string {
  const base = parse(readFileSync(join(repo, "stacks", "Pulumi.dev.yaml"), "utf8")) as { encryptionsalt?: string; config: Record<string, any> };
  const template = base.config["kong-identity-stack:routes"] as Record<string, unknown>[];
  const routes = Array.from({ length: count }, (_, i) => {
    const t = template[i % template.length]!;
    return { ...t, name: `route-${i}`, paths: [`/r${i}/`] };
  });
  // The salt stays: the secure: values are ciphertexts under it (kis plan and the engine refuse them without it).
  return stringify({ encryptionsalt: base.encryptionsalt, config: { ...base.config, "kong-identity-stack:routes": routes } }, { aliasDuplicateObjects: false });
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
}

interface Variant {
  readonly label: string;
  readonly args: string[];
  /** Where the plan's files land (none for the floor). */
  readonly outDir?: string;
  readonly samples: Sample[];
}

function measure(work: string, args: string[]): Sample {
  const usage = join(work, "usage.jsonl");
  rmSync(usage, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ["--require", reporter, ...args], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, KIS_BENCH_USAGE: usage, KIS_DEBUG: "" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(run.stderr);
    throw new Error(`${args.join(" ")} failed (exit ${run.status})`);
  }
  const reported = readFileSync(usage, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { cpuMs: number; maxRssKiB: number });
  const self = reported[reported.length - 1]!;
  return { wallMs, cpuMs: self.cpuMs, rssMiB: self.maxRssKiB / 1024 };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** kong.yml bytes, how the ConfigMap carries it, and the largest ConfigMap/Secret the plan would create. */
function sizesOf(outDir: string): { kongYml: number; largest: number; largestName: string } {
  const [stack] = require("node:fs").readdirSync(outDir) as string[];
  const dir = join(outDir, stack!);
  // Every variant's plan writes kong.yml: a plan without it did not finish its work, and its time means nothing.
  if (!existsSync(join(dir, "kong.yml"))) throw new Error(`${dir}: the plan wrote no kong.yml`);
  const kongYml = statSync(join(dir, "kong.yml")).size;
  const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as { resources: { type: string; name: string; inputs: Record<string, unknown> }[] };
  let largest = 0;
  let largestName = "";
  for (const r of plan.resources) {
    if (r.type !== "kubernetes:core/v1:ConfigMap" && r.type !== "kubernetes:core/v1:Secret") continue;
    const { total } = kubernetesDataBytes(r.type, r.inputs);
    if (total > largest) [largest, largestName] = [total, `${r.type.split(":").pop()} ${r.name}`];
  }
  return { kongYml, largest, largestName };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...rows.map(line)].join("\n");
}

function main(): void {
  // Measure what users run: `kis` from the compiled build (npm ci makes it); build it first if the sources moved on.
  if (!compiledEntry("cli/main")) {
    process.stderr.write("· dist/ is missing or older than the sources: npm run build\n");
    const build = spawnSync("npm", ["run", "build"], { cwd: repo, stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0 || !compiledEntry("cli/main")) throw new Error("npm run build failed: the bench measures the compiled kis");
  }
  const work = mkdtempSync(join(tmpdir(), "kis-bench-"));
  try {
    // The floor registers what the dev plan registers: plan dev once to learn it (not measured).
    const devOut = join(work, "out-dev-seed");
    measure(work, [kis, "plan", "--stack", "dev", "--out", devOut, "--json"]);
    const devPlan = join(devOut, "dev", "plan.json");

    const variants: Variant[] = [
      { label: "floor", args: [join(__dirname, "floor.cjs"), devPlan], samples: [] },
      { label: "plan(dev)", args: [kis, "plan", "--stack", "dev", "--out", join(work, "out-dev")], outDir: join(work, "out-dev"), samples: [] },
      ...SIZES.map((size) => {
        const file = join(work, `Pulumi.bench-${size}.yaml`);
        writeFileSync(file, generateStack(size));
        const outDir = join(work, `out-${size}`);
        return { label: `plan(${size})`, args: [kis, "plan", "--stack-file", file, "--out", outDir], outDir, samples: [] as Sample[] };
      }),
    ];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const v of variants) {
        process.stderr.write(`· round ${round}/${ROUNDS}: ${v.label}\n`);
        v.samples.push(measure(work, v.args));
      }
    }

    const floor = median(variants[0]!.samples.map((s) => s.wallMs));
    /**
     * A ratio as the median of its rounds' ratios (each round's two runs are minutes apart at most, so a machine
     * that speeds up or slows down during the bench moves both), with the lowest and highest round beside it.
     */
    const pairedRatio = (a: string, b: string) => {
      const [top, bottom] = [a, b].map((label) => variants.find((v) => v.label === label)?.samples ?? []);
      const ratios = top!.map((s, i) => s.wallMs / bottom![i]!.wallMs);
      if (ratios.length === 0) return "n/a";
      return `${median(ratios).toFixed(2)}   (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
    };
    const rows = variants.map((v) => {
      const sizes = v.outDir ? sizesOf(v.outDir) : undefined;
      const wall = median(v.samples.map((s) => s.wallMs));
      return [
        v.label,
        wall.toFixed(0),
        median(v.samples.map((s) => s.cpuMs)).toFixed(0),
        median(v.samples.map((s) => s.rssMiB)).toFixed(0),
        sizes ? sizes.kongYml.toLocaleString("en-US") : "",
        sizes ? `${sizes.largest.toLocaleString("en-US")}${sizes.largest > KUBERNETES_OBJECT_DATA_LIMIT ? " (over 1 MiB!)" : ""}` : "",
        (wall / floor).toFixed(2),
      ];
    });
    const out = [
      `kis plan bench: ${ROUNDS} interleaved round(s), medians; node ${process.version}, ${require("node:os").cpus().length} CPU(s); kis from dist/ (compiled)`,
      "",
      table(["run", "wall ms", "CPU ms", "peak RSS MiB", "kong.yml bytes", "largest ConfigMap/Secret bytes", "wall / floor"], rows),
      "",
      "Ratios: median over the rounds of each round's own ratio (paired runs); target plan(dev)/floor ≤ 1.3, plan(1000)/plan(10) ≤ 1.5.",
      `plan(dev) / floor      = ${pairedRatio("plan(dev)", "floor")}`,
      SIZES.includes(10) && SIZES.includes(1000) ? `plan(1000) / plan(10)  = ${pairedRatio("plan(1000)", "plan(10)")}` : "",
    ];
    process.stdout.write(`${out.filter((l, i, all) => l !== "" || all[i - 1] !== "").join("\n")}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) main();
