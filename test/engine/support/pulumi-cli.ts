import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EXAMPLE_PASSPHRASE } from "../../support/example-secrets";
import { REPO_ROOT, tempDir } from "../../support/run-kis";

/**
 * The real Pulumi CLI as the engine tests run it: the binary install-pulumi.sh built (or found), a local file
 * backend and PULUMI_HOME in a folder of the test's own, the example passphrase, and the test provider plugins
 * (test/engine/providers) first on PATH. Nothing reaches Pulumi Cloud or a vendor.
 */
export interface PulumiRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const INSTALL = join(REPO_ROOT, "test", "engine", "tools", "install-pulumi.sh");
let binDir: string | undefined;

/** Where the CLI is (builds it on first use: minutes on a fresh machine; `npm run test:engine` builds it first). */
export function pulumiBinDir(): string {
  if (binDir) return binDir;
  const run = spawnSync("bash", [INSTALL, "--bin-dir"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (run.status !== 0) throw new Error(`install-pulumi.sh failed (exit ${run.status})`);
  binDir = run.stdout.trim();
  return binDir;
}

/** "built", "on PATH: …" or "unavailable: <the Go command's error>". */
export function languageHostStatus(): string {
  const file = join(pulumiBinDir(), "language-host.status");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : "unknown";
}

export interface PulumiWorkspace {
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  pulumi(args: readonly string[], options?: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string }): PulumiRun;
}

/** A fresh backend and PULUMI_HOME: stacks made here are seen by this workspace only. */
export function pulumiWorkspace(name: string): PulumiWorkspace {
  const home = tempDir(`engine-${name}`);
  const state = join(home, "state");
  mkdirSync(state, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: `${pulumiBinDir()}:${join(REPO_ROOT, "test", "engine", "providers")}:${process.env["PATH"]}`,
    HOME: process.env["HOME"],
    PULUMI_HOME: join(home, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${state}`,
    PULUMI_CONFIG_PASSPHRASE: EXAMPLE_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    NO_COLOR: "1",
    TMPDIR: process.env["TMPDIR"] ?? "/tmp",
  };
  return {
    home,
    env,
    pulumi(args, options = {}) {
      const run = spawnSync("pulumi", [...args, "--non-interactive"], {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...env, ...options.env },
        encoding: "utf8",
        input: options.input,
        timeout: options.timeoutMs ?? 300_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      return { status: run.status, stdout: run.stdout ?? "", stderr: run.stderr ?? "" };
    },
  };
}

/** `pulumi version` of the CLI under test (v3.248.0). */
export function pulumiVersion(): string {
  const run = spawnSync(join(pulumiBinDir(), "pulumi"), ["version"], { encoding: "utf8" });
  return run.stdout.trim();
}
