/**
 * `npm run docs:config`: regenerates docs/configuration.md from the stack-config schema. `--check` exits 1 when the
 * committed file differs (the unit test does the same check).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stackObjectSchema } from "../../infra/config/schema";
import { renderConfigurationReference } from "../../infra/config/reference";
import { repoRoot } from "../repo-root";

export const CONFIGURATION_REFERENCE_PATH = join(repoRoot(), "docs", "configuration.md");

if (require.main === module) {
  const generated = renderConfigurationReference(stackObjectSchema);
  if (process.argv.includes("--check")) {
    const committed = readFileSync(CONFIGURATION_REFERENCE_PATH, "utf8");
    if (committed !== generated) {
      process.stderr.write("docs/configuration.md is out of date: run npm run docs:config\n");
      process.exit(1);
    }
  } else {
    writeFileSync(CONFIGURATION_REFERENCE_PATH, generated);
    process.stdout.write(`wrote ${CONFIGURATION_REFERENCE_PATH}\n`);
  }
}
