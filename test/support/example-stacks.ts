import { join, resolve } from "node:path";
import { readStackFile } from "../../cli/plan/stack-file";
import { parseStackConfig, type StackConfig } from "../../infra/config";

const STACKS_DIR = resolve(__dirname, "..", "..", "stacks");

/** `dev`, `Pulumi.dev.yaml` → the path of `stacks/Pulumi.dev.yaml`. */
const pathOf = (stack: string) => join(STACKS_DIR, /^Pulumi\..+\.yaml$/.test(stack) ? stack : `Pulumi.${stack}.yaml`);

/**
 * An example stack's config as the program receives it (keys without the project prefix, `secure:` values as
 * placeholders), read by the same code as `kis plan`. A fresh copy on every call, so tests may edit it.
 */
export function exampleStackRaw(stack: string): Record<string, any> {
  return structuredClone(readStackFile(pathOf(stack)).config);
}

/** An example stack's config, validated. */
export function exampleStackConfig(stack: string): StackConfig {
  return parseStackConfig(exampleStackRaw(stack));
}
