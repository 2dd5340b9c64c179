import * as pulumi from "@pulumi/pulumi";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readStackConfig, stackConfigSchema, validateStackConfigText } from "../../../../infra/config";
import { validatePlanInput } from "../../../../cli/plan/validate-input";
import { REPO_ROOT, tempDir } from "../../../support/run-kis";

/**
 * `kis plan` validates the stack config before the Pulumi runtime starts, then the program reads the same config
 * from the runtime: one schema pass, not two. Anything else (another text, `pulumi up`) is validated afresh.
 */
const DEV = join(REPO_ROOT, "stacks", "Pulumi.dev.yaml");
const P = "kong-identity-stack:";

afterEach(() => {
  vi.restoreAllMocks();
  pulumi.runtime.setAllConfig({});
});

describe("stack config validated once per text", () => {
  it("gives the same verdict for the same text and validates any other text", () => {
    const { stackFile } = validatePlanInput({ stackFile: DEV, outDir: tempDir("validate-once") });
    const passes = vi.spyOn(stackConfigSchema, "safeParse");
    const text = { ...stackFile.engineConfig, [`${P}environment`]: `once-${process.pid}-${Date.now()}` };
    const first = validateStackConfigText(text);
    expect(passes).toHaveBeenCalledTimes(1);
    expect(first.result.data?.environment).toBe(text[`${P}environment`]);
    expect(validateStackConfigText({ ...text })).toBe(first);
    expect(passes).toHaveBeenCalledTimes(1);
    const other = validateStackConfigText({ ...text, [`${P}environment`]: "other" });
    expect(passes).toHaveBeenCalledTimes(2);
    expect(other.result.data?.environment).toBe("other");
    // Only the last text is kept: going back validates again.
    validateStackConfigText(text);
    expect(passes).toHaveBeenCalledTimes(3);
  });

  it("the program reads the config the plan validated without a second pass, as its own copy", () => {
    const { stackFile, config, secretKeys } = validatePlanInput({ stackFile: DEV, outDir: tempDir("validate-once") });
    const passes = vi.spyOn(stackConfigSchema, "safeParse");
    pulumi.runtime.setAllConfig(stackFile.engineConfig, [...secretKeys]);
    const program = readStackConfig();
    expect(passes).not.toHaveBeenCalled();
    expect(program).toEqual(config);
    // The program may not change what the plan reports (plan.json's config comes from the plan's copy).
    program.routes[0]!.paths.push("/changed-by-the-program");
    expect(config.routes[0]!.paths).not.toContain("/changed-by-the-program");
    expect(readStackConfig().routes[0]!.paths).not.toContain("/changed-by-the-program");
  });

  it("a config the runtime holds differently is validated again, with the program's own errors", () => {
    const { stackFile, secretKeys } = validatePlanInput({ stackFile: DEV, outDir: tempDir("validate-once") });
    const passes = vi.spyOn(stackConfigSchema, "safeParse");
    pulumi.runtime.setAllConfig({ ...stackFile.engineConfig, [`${P}kong`]: "{}" }, [...secretKeys]);
    expect(() => readStackConfig()).toThrow(/invalid stack configuration:\n {2}kong\./);
    expect(passes).toHaveBeenCalledTimes(1);
  });
});
