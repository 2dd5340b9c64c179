import { reportError } from "../../cli/main";

export interface InProcessRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one `kis` command function inside the test process, capturing what it prints: for commands and inputs that
 * stop before the Pulumi runtime starts (explain-token, trace, verify, any bad input to plan), where a process per
 * case would cost seconds each on a loaded machine. Errors end as in `main()`: through reportError, which picks
 * the exit code. (main() itself loads commands with require(), which vitest's module loader does not serve.)
 */
export async function runCommandInProcess(command: (args: string[]) => Promise<number>, argv: readonly string[]): Promise<InProcessRun> {
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  const debug = process.env["KIS_DEBUG"];
  delete process.env["KIS_DEBUG"];
  try {
    let status: number;
    try {
      status = await command([...argv]);
    } catch (e) {
      status = reportError(e);
    }
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    if (debug !== undefined) process.env["KIS_DEBUG"] = debug;
  }
}
