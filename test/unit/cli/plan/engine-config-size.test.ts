import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateStack } from "../../../../cli/bench/plan-bench";
import { ENVIRONMENT_STRING_LIMIT, engineConfigSizeWarning, languageHostConfigBytes } from "../../../../cli/plan/engine-config-size";
import { readStackFile } from "../../../../cli/plan/stack-file";
import { REPO_ROOT, tempDir } from "../../../support/run-kis";

/** The dev stack with `routes` generated routes, read as the engine would hand its config over. */
function engineConfigWith(routes: number): Record<string, string> {
  const file = join(tempDir("engine-config-size"), `Pulumi.size-${routes}.yaml`);
  writeFileSync(file, generateStack(routes));
  return readStackFile(file).engineConfig;
}

describe("the config size the Node.js language host can pass (one environment string, 128 KiB)", () => {
  it("the example stacks are far below it: no warning", () => {
    const dev = readStackFile(join(REPO_ROOT, "stacks", "Pulumi.dev.yaml")).engineConfig;
    expect(languageHostConfigBytes(dev)).toBeLessThan(ENVIRONMENT_STRING_LIMIT / 10);
    expect(engineConfigSizeWarning(dev, 4)).toBeUndefined();
  });

  it("600 generated routes fit (the real engine previewed them); 700 do not (it stopped: argument list too long)", () => {
    expect(engineConfigSizeWarning(engineConfigWith(600), 600)).toBeUndefined();
    const warning = engineConfigSizeWarning(engineConfigWith(700), 700);
    expect(warning).toMatch(/^the stack's config is 1[34]\d KiB as the Node\.js language host passes it \(PULUMI_CONFIG\).*argument list too long.*about 6\d\d routes like these per stack/);
  });

  it("counts bytes, not characters: non-ASCII text counts as what it costs", () => {
    expect(languageHostConfigBytes({ "kong-identity-stack:x": "é" })).toBe(Buffer.byteLength('PULUMI_CONFIG={"kong-identity-stack:x":"é"}'));
  });
});
