import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The repository root (where Pulumi.yaml and stacks/ live), whatever the current directory: the first folder
 * above this file that holds Pulumi.yaml, so it is the same from cli/ (TypeScript) and dist/cli/ (compiled).
 */
export function repoRoot(): string {
  for (let dir = resolve(__dirname, ".."); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "Pulumi.yaml"))) return dir;
    if (dirname(dir) === dir) return resolve(__dirname, "..");
  }
}
