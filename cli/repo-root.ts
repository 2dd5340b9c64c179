import { resolve } from "node:path";

/** The repository root (where Pulumi.yaml and stacks/ live), whatever the current directory. */
export function repoRoot(): string {
  return resolve(__dirname, "..");
}
