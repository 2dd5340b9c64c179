import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "..", "..");

export interface KisRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `kis` entry point in its own process, as a user would. */
export function runKis(args: readonly string[], env: NodeJS.ProcessEnv = {}, input?: string): KisRun {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, "cli", "bin", "kis.js"), ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env, KIS_DEBUG: "" },
    maxBuffer: 256 * 1024 * 1024,
    input,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `kis-${prefix}-`));

/** `runKis` without blocking the test process, so several plans can run side by side. */
export function runKisAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<KisRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "cli", "bin", "kis.js"), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, KIS_DEBUG: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs `task` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
