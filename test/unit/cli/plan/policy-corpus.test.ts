import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { listStacks } from "../../../../cli/plan/stack-file";
import { REPO_ROOT, mapLimit, runKisAsync, tempDir, type KisRun } from "../../../support/run-kis";

/**
 * The corpus: every stack file in test/fixtures/broken/ is wrong in one way, named in its header
 * (`# expect: <rule>`, optionally `<case>.policy.json` for an environment's policy config). `kis plan`
 * must exit 1 and report exactly that rule; the example stacks and the corpus's compliant base exit 0.
 * Plans run in-process one after another (run-kis.ts: each gets fresh modules and a fresh Pulumi runtime).
 */
const BROKEN = join(REPO_ROOT, "test", "fixtures", "broken");
const COMPLIANT = join(REPO_ROOT, "test", "fixtures", "compliant", "Pulumi.staging.yaml");
const PACK_CONFIG = join(REPO_ROOT, "policy-packs", "identity", "config");

interface Case {
  readonly name: string;
  readonly file: string;
  readonly expect: string;
  readonly policyConfig: string | undefined;
}

const cases: Case[] = readdirSync(BROKEN)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => {
    const file = join(BROKEN, f);
    const expected = /^# expect: (\S+)$/m.exec(readFileSync(file, "utf8"))?.[1];
    if (!expected) throw new Error(`${f} has no "# expect: <rule>" header`);
    const policy = file.replace(/\.yaml$/, ".policy.json");
    return { name: basename(f, ".yaml"), file, expect: expected, policyConfig: existsSync(policy) ? policy : undefined };
  });

interface Planned {
  readonly run: KisRun;
  readonly out: string;
  readonly plan: any;
}

const plans = new Map<string, Planned>();
const plan = async (key: string, stackArgs: string[], policyConfig?: string) => {
  const out = tempDir("corpus");
  const run = await runKisAsync(["plan", ...stackArgs, "--out", out, "--json", ...(policyConfig ? ["--policy-config", policyConfig] : [])]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    parsed = undefined;
  }
  plans.set(key, { run, out, plan: parsed });
};

const exampleStacks = listStacks(join(REPO_ROOT, "stacks"));

beforeAll(async () => {
  const jobs: (() => Promise<void>)[] = [
    ...cases.map((c) => () => plan(c.name, ["--stack-file", c.file], c.policyConfig)),
    () => plan("compliant", ["--stack-file", COMPLIANT]),
    ...exampleStacks.map((s) => () => plan(`stack:${s}`, ["--stack", s])),
    ...exampleStacks
      .filter((s) => existsSync(join(PACK_CONFIG, `${s}.json`)))
      .map((s) => () => plan(`stack:${s}:config`, ["--stack", s], join(PACK_CONFIG, `${s}.json`))),
  ];
  await mapLimit(jobs, 1, (job) => job());
}, 1_800_000); // ~40 plans (five sign-in cases added); a shared 2-core machine can need more than ten minutes

describe("policy corpus: kis plan refuses each broken stack with the expected rule", () => {
  it("has at least 15 cases covering at least 8 rules", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(new Set(cases.map((c) => c.expect)).size).toBeGreaterThanOrEqual(8);
  });

  it.each(cases)("$name → $expect, exit 1", (c) => {
    const { run, out, plan: doc } = plans.get(c.name)!;
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/kis: \d+ mandatory policy violations?; files written for inspection/);
    const violations = doc.policy.violations as { policy: string; enforcementLevel: string; resource?: { name: string }; message: string }[];
    expect([...new Set(violations.map((v) => v.policy))]).toEqual([c.expect]);
    for (const v of violations) {
      expect(v.enforcementLevel).toBe("mandatory");
      expect(v.resource?.name).toBeTruthy();
      expect(v.message).toContain(`"${v.resource!.name}"`);
      expect(v.message).toMatch(/\. Fix: \S/);
    }
    // The files are written all the same, for inspection.
    const stack = c.name;
    expect(JSON.parse(readFileSync(join(out, stack, "plan.json"), "utf8")).policy.violations).toHaveLength(violations.length);
  });
});

describe("policy corpus: compliant stacks exit 0", () => {
  it("the corpus's compliant base has no violation", () => {
    const { run, plan: doc } = plans.get("compliant")!;
    expect(run.status, run.stderr).toBe(0);
    expect(doc.policy.violations).toEqual([]);
  });

  it.each(exampleStacks)("stacks/Pulumi.%s.yaml passes with the default policy config and its environment's config", (stack) => {
    for (const key of [`stack:${stack}`, `stack:${stack}:config`]) {
      const planned = plans.get(key);
      if (!planned) continue;
      expect(planned.run.status, `${key}: ${planned.run.stderr}`).toBe(0);
      expect(planned.plan.policy.violations).toEqual([]);
    }
    expect(plans.has(`stack:${stack}`)).toBe(true);
  });
});

describe("example stacks: the YAML artifacts read the same under YAML 1.1 (Helm, go-yaml v2) and 1.2", () => {
  const values = (text: string, version: "1.1" | "1.2") => parseAllDocuments(text, { version }).map((d) => d.toJS());
  it.each(exampleStacks)("stacks/Pulumi.%s.yaml: kong.yml and manifests.yaml", (stack) => {
    const { out } = plans.get(`stack:${stack}`)!;
    for (const file of ["kong.yml", "manifests.yaml"]) {
      const text = readFileSync(join(out, stack, file), "utf8");
      expect(values(text, "1.1"), `${stack}/${file}`).toEqual(values(text, "1.2"));
    }
    expect(readFileSync(join(out, stack, "manifests.yaml"), "utf8")).toMatch(/database: "off"/);
  });
});
