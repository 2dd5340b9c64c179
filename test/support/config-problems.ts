import { ConfigError, parseStackConfig } from "../../infra/config";

/** The problem lines `parse` throws as a ConfigError, or [] when it succeeds; any other error is rethrown. */
export function problemsOf(parse: () => unknown): string[] {
  try {
    parse();
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
}

/** The problems a raw stack config produces, or [] when it parses. */
export const configProblems = (raw: unknown): string[] => problemsOf(() => parseStackConfig(raw));
