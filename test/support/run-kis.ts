import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { format } from "node:util";

export const REPO_ROOT = resolve(__dirname, "..", "..");
const KIS_BIN = join(REPO_ROOT, "cli", "bin", "kis.js");
const KIS_MAIN = join(REPO_ROOT, "cli", "main.ts");

export interface KisRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `kis-${prefix}-`));

/**
 * Runs `kis` inside the test process: `main()` of cli/main.ts with stdout, stderr and the exit code captured.
 * A spawn costs about 2.7 s of CPU (node start, tsx, the Pulumi SDKs); in-process only the first run of a test
 * file pays for loading the SDKs. Each run still gets what a fresh process would give it:
 * - a fresh instance of every repository module (cli/, infra/, components/, policy-packs/): their require-cache
 *   entries are dropped first, so module-level state (the Kong JWKS fetcher, the program's resources) starts
 *   clean and `require("../../infra/index")` runs the program again;
 * - a fresh Pulumi runtime: `startOfflineRuntime` calls setMocks, which resets the SDK's process-global store;
 * - the environment the caller passes, `KIS_DEBUG` unset, and the repository root as working directory;
 * - an unhandled rejection (how a failure inside a Pulumi apply surfaces) ends the run the way runAsProcess
 *   ends the process: reportError's line and code.
 * Runs are queued: the Pulumi runtime is process-global, so two plans cannot overlap in one process.
 * Use `spawnKis` where the process boundary is what a test checks (exit code of the real binary, stdout and
 * stderr as separate pipes, stdin).
 */
export function runKis(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<KisRun> {
  const run = queue.then(() => runInProcess(args, env));
  queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

/** Same as runKis (kept for call sites that run several plans through `mapLimit`; they are queued). */
export const runKisAsync = runKis;

let queue: Promise<unknown> = Promise.resolve();
let tsxRegistered = false;

async function runInProcess(args: readonly string[], env: NodeJS.ProcessEnv): Promise<KisRun> {
  if (!tsxRegistered) {
    // The CLI loads the program with require(), as under the engine: TypeScript needs tsx's require hook.
    (require("tsx/cjs/api") as { register(): unknown }).register();
    tsxRegistered = true;
  }
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(REPO_ROOT + sep) && !key.includes(`${sep}node_modules${sep}`) && !key.startsWith(join(REPO_ROOT, "test") + sep)) {
      delete require.cache[key];
    }
  }
  const cli = require(KIS_MAIN) as typeof import("../../cli/main");

  let stdout = "";
  let stderr = "";
  const restore = capture(
    (chunk) => (stdout += chunk),
    (chunk) => (stderr += chunk),
  );
  const savedEnv = { ...process.env };
  Object.assign(process.env, env, { KIS_DEBUG: env["KIS_DEBUG"] ?? "" });
  const savedCwd = process.cwd();
  process.chdir(REPO_ROOT);
  // The test runner's own unhandledRejection listeners would count a planned failure as a test error.
  const otherListeners = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  let status: number;
  try {
    status = await new Promise<number>((resolveStatus) => {
      process.on("unhandledRejection", (err) => resolveStatus(cli.reportError(err)));
      cli.main([...args]).then(resolveStatus, (err: unknown) => resolveStatus(cli.reportError(err)));
    });
  } finally {
    process.removeAllListeners("unhandledRejection");
    for (const listener of otherListeners) process.on("unhandledRejection", listener);
    process.chdir(savedCwd);
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    restore();
  }
  return { status, stdout, stderr };
}

type Sink = (chunk: string) => void;

/** Redirects process.stdout/stderr and console to the sinks until the returned function is called. */
function capture(out: Sink, err: Sink): () => void {
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const consoles = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const writer =
    (sink: Sink) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      sink(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      if (callback) queueMicrotask(callback);
      return true;
    };
  process.stdout.write = writer(out) as typeof process.stdout.write;
  process.stderr.write = writer(err) as typeof process.stderr.write;
  console.log = console.info = (...a: unknown[]) => out(`${format(...a)}\n`);
  console.warn = console.error = (...a: unknown[]) => err(`${format(...a)}\n`);
  return () => {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    Object.assign(console, consoles);
  };
}

/** Runs the real `kis` binary in its own process, as a user would: for exit codes, separate pipes and stdin. */
export function spawnKis(args: readonly string[], env: NodeJS.ProcessEnv = {}, input?: string): KisRun {
  const run = spawnSync(process.execPath, [KIS_BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env, KIS_DEBUG: "" },
    maxBuffer: 256 * 1024 * 1024,
    input,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `spawnKis` without blocking the test process. */
export function spawnKisAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<KisRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [KIS_BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, KIS_DEBUG: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
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
