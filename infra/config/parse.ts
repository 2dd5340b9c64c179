import type { z } from "zod";
import { expandQuickstart } from "./quickstart";
import { stackConfigSchema, stackObjectSchema, type StackConfig } from "./schema";

/** The stack config keys this program reads (each `kong-identity-stack:<key>` in the stack file). */
export const CONFIG_KEYS: readonly string[] = Object.keys(stackObjectSchema.shape);

/** One line per problem: `routes[2].upstream: expected an http(s) URL, got "ftp://x"`. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    "",
  );
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.flatMap((issue) => {
    // A union reports every branch; the deepest branch's issues say the most.
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!;
      return formatIssues(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })));
    }
    return [`${formatPath(issue.path) || "(stack config)"}: ${issue.message}`];
  });
  return [...new Set(lines)];
}

const depth = (issues: readonly z.core.$ZodIssue[]) => Math.max(0, ...issues.map((i) => i.path.length));

/** Validates raw stack config; throws a ConfigError listing every problem, each on one line. */
export function parseStackConfig(raw: unknown): StackConfig {
  // A stack file with only the quick-start scalars (pulumi new) gets its missing blocks built first.
  const quick = raw && typeof raw === "object" && !Array.isArray(raw) ? expandQuickstart(raw as Record<string, unknown>) : { config: raw, problems: [] };
  if (quick.problems.length) throw new ConfigError(quick.problems);
  const result = stackConfigSchema.safeParse(quick.config);
  if (!result.success) throw new ConfigError(formatIssues(result.error.issues));
  return result.data;
}


