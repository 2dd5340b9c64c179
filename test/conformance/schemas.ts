import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** Root of this repository (test/conformance -> ..). */
export const REPO_ROOT = resolve(__dirname, "..", "..");

/**
 * The vendor schemas directory: `KIS_SCHEMAS_DIR`, or `../shared/schemas` beside the repository (where CI
 * provides it). The schemas are read in place, never copied into the project.
 */
export function schemasDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env["KIS_SCHEMAS_DIR"];
  const dir = configured ? resolve(configured) : resolve(REPO_ROOT, "..", "shared", "schemas");
  const marker = join(dir, "kong", "declarative.schema.json");
  if (!existsSync(marker)) {
    throw new Error(
      `vendor schemas not found: ${marker} does not exist. ` +
        (configured
          ? `KIS_SCHEMAS_DIR is set to "${configured}"; point it at the shared schemas folder (the one holding kong/ and f5/).`
          : `Expected them at ../shared/schemas beside the repository; set KIS_SCHEMAS_DIR to their location.`),
    );
  }
  return dir;
}

export function schemaPath(...parts: readonly string[]): string {
  return join(schemasDir(), ...parts);
}

export function readJsonSchema(...parts: readonly string[]): Record<string, unknown> {
  return JSON.parse(readFileSync(schemaPath(...parts), "utf8")) as Record<string, unknown>;
}
