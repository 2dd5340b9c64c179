import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listStacks } from "../../cli/plan/stack-file";
import { runKis, tempDir, type KisRun } from "../support/run-kis";
import { REPO_ROOT } from "./schemas";
import { validateHelmValueKeys, validateKongYamlText } from "./validators";

/** What `kis plan` writes for every example stack must be accepted by the vendors' own schemas. */
describe.each(listStacks(join(REPO_ROOT, "stacks")))("kis plan --stack %s artifacts", (stack) => {
  const out = tempDir(`conformance-${stack}`);
  let run: KisRun;
  beforeAll(async () => {
    run = await runKis(["plan", "--stack", stack, "--out", out]);
  });

  it("plans", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
  });

  it("kong.yml validates against the declarative schema and each plugin's schema", () => {
    const text = readFileSync(join(out, stack, "kong.yml"), "utf8");
    expect(text).toContain("_format_version");
    expect(validateKongYamlText(text)).toEqual([]);
  });

  it("every Helm value key exists in the kong chart's values.yaml", () => {
    const plan = JSON.parse(readFileSync(join(out, stack, "plan.json"), "utf8"));
    const releases = plan.resources.filter((r: { type: string }) => r.type === "kubernetes:helm.sh/v3:Release");
    expect(releases.length).toBeGreaterThan(0);
    for (const release of releases) {
      expect(release.inputs.chart).toBe("kong");
      expect(validateHelmValueKeys(release.inputs.values)).toEqual([]);
    }
  });
});
