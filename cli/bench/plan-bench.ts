/**
 * `npm run bench`: times `kis plan` for generated stacks with 10, 100 and 1000 routes.
 * Each size runs in a fresh process (the Pulumi runtime is process-global), so process start-up is
 * counted once per size, as a user running `kis plan` would see it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse, stringify } from "yaml";

const SIZES = (process.env["KIS_BENCH_SIZES"] ?? "10,100,1000").split(",").map(Number);
const repo = resolve(__dirname, "..", "..");
const kis = join(repo, "cli", "bin", "kis.js");

/** A stack like `dev`, with its routes replaced by `count` generated ones cycling through the scope/role rules. */
export function generateStack(count: number): string {
  const base = parse(readFileSync(join(repo, "stacks", "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, any> };
  const template = base.config["kong-identity-stack:routes"] as Record<string, unknown>[];
  const routes = Array.from({ length: count }, (_, i) => {
    const t = template[i % template.length]!;
    return { ...t, name: `route-${i}`, paths: [`/r${i}`] };
  });
  return stringify({ config: { ...base.config, "kong-identity-stack:routes": routes } }, { aliasDuplicateObjects: false });
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), "kis-bench-"));
  const rows: string[][] = [];
  try {
    for (const size of SIZES) {
      const file = join(work, `Pulumi.bench-${size}.yaml`);
      writeFileSync(file, generateStack(size));
      process.stderr.write(`· planning ${size} routes...\n`);
      const started = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [kis, "plan", "--stack-file", file, "--out", join(work, "out"), "--json"], {
        encoding: "utf8",
        maxBuffer: 512 * 1024 * 1024,
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (run.status !== 0 && run.status !== 1) {
        process.stderr.write(run.stderr);
        throw new Error(`kis plan failed for ${size} routes (exit ${run.status})`);
      }
      const plan = JSON.parse(run.stdout) as { summary: { resources: number } };
      rows.push([String(size), String(plan.summary.resources), ms.toFixed(0), (ms / size).toFixed(1)]);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const header = ["routes", "resources registered", "ms (wall, incl. start-up)", "ms per route"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;
  process.stdout.write(
    [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n") + "\n",
  );
}

if (require.main === module) main();
