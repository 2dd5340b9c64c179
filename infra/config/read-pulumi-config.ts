import * as pulumi from "@pulumi/pulumi";
import { ConfigError, parseStackConfig } from "./parse";
import type { StackConfig } from "./schema";

export const PROJECT_NAME = "kong-identity-stack";

/**
 * Collects this project's keys from the stack config the engine (or the offline plan) provides.
 * Every key is read, not only the known ones, so a misspelt key is reported instead of ignored.
 */
export function rawStackConfig(all: Readonly<Record<string, string>> = pulumi.runtime.allConfig()): Record<string, unknown> {
  const prefix = `${PROJECT_NAME}:`;
  return Object.fromEntries(
    Object.entries(all)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), decodeConfigValue(value)]),
  );
}

/** Structured values arrive as JSON text; plain strings stay strings. */
function decodeConfigValue(value: string): unknown {
  if (!/^\s*[[{]|^(true|false)$/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Reads and validates the stack config. A bad value stops the program before any resource is registered,
 * with one line per problem; RunError keeps the engine from printing a stack trace.
 */
export function readStackConfig(): StackConfig {
  try {
    return parseStackConfig(rawStackConfig());
  } catch (err) {
    if (err instanceof ConfigError) {
      throw new pulumi.RunError(`invalid stack configuration:\n  ${err.problems.join("\n  ")}`);
    }
    throw err;
  }
}
