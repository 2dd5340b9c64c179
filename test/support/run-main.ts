import { reportError } from "../../cli/main";

type Command = (args: string[]) => Promise<number>;

/**
 * Runs one `kis` command module in this process (commands that load no Pulumi SDK: trace, verify), with the
 * same error reporting as `kis`, capturing what it writes. Much cheaper than a child process on a busy
 * machine; `runKis` still covers the real entry point.
 */
export async function runCommand(command: Command, args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    let status: number;
    try {
      status = await command([...args]);
    } catch (e) {
      status = reportError(e);
    }
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
