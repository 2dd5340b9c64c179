import { parseArgs, type ParseArgsConfig } from "node:util";

type Flags = NonNullable<ParseArgsConfig["options"]>;

const HELP = { help: { type: "boolean", short: "h", default: false } } as const;

/**
 * A command's arguments, parsed the one way every command parses them: strict (an unknown flag is a usage error,
 * exit 2) and `--help`/`-h` added. With --help it prints `usage` and gives undefined: the command returns 0.
 */
export function commandArgs<const O extends Flags, const P extends boolean = false>(args: string[], options: O, usage: string, allowPositionals?: P) {
  const parsed = parseArgs({ args, options: { ...options, ...HELP }, strict: true, allowPositionals: (allowPositionals ?? false) as P });
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    return undefined;
  }
  return parsed;
}
