import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors";
import { nearestFlag } from "./nearest-flag";

type Flags = NonNullable<ParseArgsConfig["options"]>;

const HELP = { help: { type: "boolean", short: "h", default: false } } as const;

/**
 * A command's arguments, parsed the one way every command parses them: strict (an unknown flag is a usage error,
 * exit 2) and `--help`/`-h` added. With --help it prints `usage` and gives undefined: the command returns 0.
 */
export function commandArgs<const O extends Flags, const P extends boolean = false>(args: string[], options: O, usage: string, allowPositionals?: P) {
  const all = { ...options, ...HELP };
  let parsed;
  try {
    parsed = parseArgs({ args, options: all, strict: true, allowPositionals: (allowPositionals ?? false) as P });
  } catch (err) {
    const unknown = (err as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'(-[^']+)'/.exec((err as Error).message)?.[1] : undefined;
    if (!unknown) throw err;
    const near = nearestFlag(unknown.replace(/=.*$/, ""), Object.keys(all).map((k) => `--${k}`));
    throw new UsageError(`unknown flag ${unknown}${near ? `; did you mean ${near}?` : ""} (see --help)`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    return undefined;
  }
  return parsed;
}
