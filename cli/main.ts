import { ConfigError } from "../infra/config";
import { UsageError } from "./errors";

const HELP = `kis: kong-identity-stack tools

Usage:
  kis plan [--stack dev | --stack-file PATH] [--out out] [--json] [--policy-config FILE]
      offline plan of a stack: synthesis under Pulumi mocks, artifacts in <out>/<stack>/, summary,
      and the identity policy pack (FILE: the JSON pulumi preview --policy-pack-config takes)
  kis explain-token [--stack dev | --plan FILE] [--route NAME] [--now ISO] [--json] TOKEN|-
      why each route of a planned stack would accept or reject an access token (claims, not signature)
  kis diff BASE HEAD [--markdown | --json]
      what a change does to identity between two plans (out/ folders or plan.json): widening, narrowing,
      neutral; --markdown renders the pull-request comment (kis diff --help)
  kis init [--idp entra|okta|cognito] [--env NAME] [--tenant ID] [--api-name NAME] [--hostname HOST] [--yes]
      writes stacks/Pulumi.<env>.yaml for a new stack from a few answers (never overwrites; kis init --help)
  kis help

Exit codes: 0 ok, 1 policy violations (plan), a rejected token (explain-token) or a widening change (diff),\n2 bad input.`;

type Command = (args: string[]) => Promise<number>;
// Loaded on use: `plan` pulls in the Pulumi SDK and every component, `explain-token` needs none of it.
const COMMANDS: Record<string, () => Command> = {
  plan: () => (require("./commands/plan") as typeof import("./commands/plan")).planCommand,
  "explain-token": () => (require("./commands/explain-token") as typeof import("./commands/explain-token")).explainTokenCommand,
  diff: () => (require("./commands/diff") as typeof import("./commands/diff")).diffCommand,
  init: () => (require("./commands/init") as typeof import("./commands/init")).initCommand,
};

/** Runs one `kis` command. Bad input ends with one line and exit 2; never a stack trace unless KIS_DEBUG is set. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${HELP}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`kis: unknown command "${name}"; expected one of ${Object.keys(COMMANDS).join(", ")} (kis help)\n`);
    return 2;
  }
  try {
    return await command()(rest);
  } catch (err) {
    return reportError(err);
  }
}

export function reportError(err: unknown): number {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.problems.map((p) => `kis: config: ${p}`).join("\n")}\n`);
    return 2;
  }
  if (err instanceof UsageError || (err as { code?: string })?.code?.startsWith?.("ERR_PARSE_ARGS")) {
    process.stderr.write(`kis: ${(err as Error).message}\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kis: internal error: ${message.split("\n")[0]}\n`);
  if (process.env["KIS_DEBUG"]) process.stderr.write(`${(err as Error)?.stack ?? ""}\n`);
  else process.stderr.write("kis: run again with KIS_DEBUG=1 for details\n");
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
