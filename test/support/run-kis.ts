import { spawnSync } from "node:child_process";
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
