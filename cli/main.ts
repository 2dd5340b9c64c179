import { ConfigError } from "../infra/config";
import { UsageError } from "./errors";
import { safeLine } from "./output";

/** The commands, each loaded on use: `plan` pulls in the Pulumi SDK and every component, `explain-token` none of it. */
interface CommandModule {
  /** What `kis <command> --help` prints. */
  readonly usage: string;
  readonly run: Command;
}
type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { readonly summary: string; readonly load: () => CommandModule }> = {
  plan: {
    summary: "offline plan of a stack: synthesis under Pulumi mocks, policy pack, summary, artifacts",
    load: () => {
      const m = require("./commands/plan") as typeof import("./commands/plan");
      return { usage: m.planUsage, run: m.planCommand };
    },
  },
  "explain-token": {
    summary: "why each route of a planned or deployed stack would accept or reject an access token (claims, kid; signature with --jwks)",
    load: () => {
      const m = require("./commands/explain-token") as typeof import("./commands/explain-token");
      return { usage: m.explainTokenUsage, run: m.explainTokenCommand };
    },
  },
  diff: {
    summary: "what a change does to identity between two plans: widening, narrowing, neutral; the PR comment",
    load: () => {
      const m = require("./commands/diff") as typeof import("./commands/diff");
      return { usage: m.usage, run: m.diffCommand };
    },
  },
  init: {
    summary: "writes stacks/Pulumi.<env>.yaml for a new stack from a few answers (never overwrites)",
    load: () => {
      const m = require("./commands/init") as typeof import("./commands/init");
      return { usage: m.usage, run: m.initCommand };
    },
  },
  trace: {
    summary: "one chain per request (user → ZPA → connector → F5 → Kong route → upstream) from the edge's logs",
    load: () => {
      const m = require("./commands/trace") as typeof import("./commands/trace");
      return { usage: m.usage, run: m.traceCommand };
    },
  },
  verify: {
    summary: "probe a deployed edge per route: 401 without a token, 2xx/403 per service client, or no answer from outside",
    load: () => {
      const m = require("./commands/verify") as typeof import("./commands/verify");
      return { usage: m.usage, run: (args) => m.verifyCommand(args) };
    },
  },
};

export const EXIT_CODES = `Exit codes:
  0  ok
  1  the input is valid but refused: mandatory policy violations (plan), a rejected token (explain-token),
     a change that widens access (diff), a broken or ambiguous chain (trace), a probe answered otherwise
     than the stack says (verify)
  2  bad input: a stack file, flag, token or file kis cannot use; one line names the key and the fix
  3  a bug in kis itself, never your input: run again with KIS_DEBUG=1 and report the trace`;

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`);
  return `kis: kong-identity-stack tools

Usage: kis <command> [options]      kis <command> --help shows a command's options

Commands:
${lines.join("\n")}
  ${"help".padEnd(width)}this text

${EXIT_CODES}
Docs: docs/cli.md`;
}

const wantsHelp = (args: readonly string[]) => args.includes("--help") || args.includes("-h");

/** Runs one `kis` command. Bad input ends with one line and exit 2; never a stack trace unless KIS_DEBUG is set. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) return main([topic, "--help"]);
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`kis: unknown command "${name}"; expected one of ${Object.keys(COMMANDS).join(", ")} (kis help)\n`);
    return 2;
  }
  try {
    const loaded = command.load();
    if (wantsHelp(rest)) {
      process.stdout.write(`${loaded.usage}\n`);
      return 0;
    }
    return await loaded.run(rest);
  } catch (err) {
    return reportError(err);
  }
}

/** Every line goes through safeLine: messages quote stack-file and token values, which must not reach a terminal raw. */
export function reportError(err: unknown): number {
  const write = (lines: readonly string[]) => process.stderr.write(`${lines.map((l) => `kis: ${safeLine(l)}`).join("\n")}\n`);
  if (err instanceof ConfigError) {
    write(err.problems.map((p) => `config: ${p}`));
    return 2;
  }
  if (err instanceof UsageError || (err as { code?: string })?.code?.startsWith?.("ERR_PARSE_ARGS")) {
    write((err as Error).message.split("\n"));
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  write([`internal error (a bug in kis, not in your input): ${message.split("\n")[0]}`]);
  if (process.env["KIS_DEBUG"]) process.stderr.write(`${(err as Error)?.stack ?? ""}\n`);
  else write([`please report it with the output of the same command run with KIS_DEBUG=1`]);
  return 3;
}


/**
 * Runs `kis` as a process. Exits only after stdout has drained: a piped `--json` plan can be megabytes,
 * and process.exit() would cut it off. A failure inside a Pulumi apply surfaces as an unhandled
 * rejection: it is reported like any other error.
 */
export function runAsProcess(argv: string[]): void {
  const exit = (code: number) => process.stdout.write("", () => process.exit(code));
  process.on("unhandledRejection", (err) => exit(reportError(err)));
  main(argv).then(exit);
}

if (require.main === module) runAsProcess(process.argv.slice(2));
