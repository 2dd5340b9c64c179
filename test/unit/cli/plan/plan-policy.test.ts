import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { identityPolicies } from "../../../../policy-packs/identity/policies";
import { REPO_ROOT, mapLimit, runKisAsync, tempDir, type KisRun } from "../../../support/run-kis";

/** How many policies the pack holds (the array grows as rules are added). */
const N = identityPolicies.length;

const LEEWAY_600 = join(REPO_ROOT, "test", "fixtures", "broken", "leeway-600.yaml");
const HS256 = join(REPO_ROOT, "test", "fixtures", "broken", "hs256.yaml");

function configFile(content: unknown): string {
  const file = join(tempDir("policy-config"), "policy.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const runs = new Map<string, { run: KisRun; out: string }>();
const jobs: Record<string, () => string[]> = {
  dev: () => ["--stack", "dev"],
  leeway: () => ["--stack-file", LEEWAY_600],
  leewayAdvisory: () => ["--stack-file", LEEWAY_600, "--policy-config", configFile({ "clock-leeway": "advisory" })],
  leewayDisabled: () => ["--stack-file", LEEWAY_600, "--policy-config", configFile({ "clock-leeway": { enforcementLevel: "disabled" } })],
  leewayRaised: () => ["--stack-file", LEEWAY_600, "--policy-config", configFile({ "clock-leeway": { maxSeconds: 600 } })],
  allAdvisory: () => ["--stack-file", HS256, "--policy-config", configFile({ all: "advisory" })],
  missingConfig: () => ["--stack", "dev", "--policy-config", "/nonexistent/policy.json"],
  badJson: () => ["--stack", "dev", "--policy-config", configFile("{not json")],
  unknownPolicy: () => ["--stack", "dev", "--policy-config", configFile({ "clock-leway": { maxSeconds: 30 } })],
  badValues: () => [
    "--stack",
    "dev",
    "--policy-config",
    configFile({ "clock-leeway": { maxSeconds: "ninety", maxMinutes: 3 }, "access-token-lifetime": { enforcementLevel: "strict", maxMinutes: 2000 } }),
  ],
};

beforeAll(async () => {
  await mapLimit(Object.entries(jobs), 1, async ([key, args]) => {
    const out = join(tempDir("plan-policy"), "out");
    runs.set(key, { run: await runKisAsync(["plan", ...args(), "--out", out]), out });
  });
}, 300_000);

const get = (key: string) => runs.get(key)!;

describe("kis plan runs the identity policy pack", () => {
  it("dev: no violations, said in the summary and recorded in plan.json", () => {
    const { run, out } = get("dev");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Policy pack kis-identity (config policy-packs/identity/config/dev.json): ${N} policies, no violations`);
    expect(run.stderr).toContain(`running policy pack kis-identity (${N} policies)`);
    const plan = JSON.parse(readFileSync(join(out, "dev", "plan.json"), "utf8"));
    expect(plan.policy.pack).toBe("kis-identity");
    expect(plan.policy.violations).toEqual([]);
    expect(plan.policy.policies.map((p: { name: string }) => p.name)).toEqual(identityPolicies.map((p) => p.name));
    expect(plan.policy.policies.every((p: { enforcementLevel: string }) => p.enforcementLevel === "mandatory")).toBe(true);
  });

  it("prints violations grouped by resource, each with its fix, and exits 1 with the files written", () => {
    const { run, out } = get("leeway");
    expect(run.status).toBe(1);
    const section = run.stdout.slice(run.stdout.indexOf("Policy pack kis-identity"));
    expect(section).toMatch(
      new RegExp(
        `^Policy pack kis-identity \\(config policy-packs/identity/config/dev.json\\): ${N} policies, 1 violation \\(1 mandatory, 0 advisory\\)\n` +
          "  kubernetes:core/v1:ConfigMap kong-config\n" +
          "    ✗ \\[mandatory\\] clock-leeway: routes orders-admin, orders-read accept tokens up to 600 s",
      ),
    );
    expect(section).toContain("Fix: set identity.leewaySeconds to at most 120");
    const plan = JSON.parse(readFileSync(join(out, "leeway-600", "plan.json"), "utf8"));
    expect(plan.policy.violations).toEqual([
      {
        policy: "clock-leeway",
        enforcementLevel: "mandatory",
        resource: { urn: expect.stringMatching(/ConfigMap::kong-config$/), type: "kubernetes:core/v1:ConfigMap", name: "kong-config" },
        message: expect.stringContaining('kubernetes:ConfigMap "kong-config": routes orders-admin, orders-read'),
      },
    ]);
    expect(existsSync(join(out, "leeway-600", "kong.yml"))).toBe(true);
  });

  it("--policy-config: an advisory violation is reported but does not fail the plan", () => {
    const { run } = get("leewayAdvisory");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("! [advisory] clock-leeway:");
    expect(run.stdout).toMatch(/\(config \S+policy\.json\)/);
  });

  it("--policy-config: disabled skips the policy, a raised limit passes, all: advisory applies to every policy", () => {
    expect(get("leewayDisabled").run.status).toBe(0);
    expect(get("leewayDisabled").run.stdout).toContain("Policy pack kis-identity (config");
    expect(get("leewayDisabled").run.stdout).toContain(`${N - 1} policies, no violations`);
    expect(get("leewayRaised").run.status).toBe(0);
    const all = get("allAdvisory").run;
    expect(all.status).toBe(0);
    expect(all.stdout).toContain("! [advisory] signing-algorithms:");
  });

  it("--policy-config: a missing or malformed file is bad input (exit 2, one line each, nothing written)", () => {
    for (const [key, pattern] of [
      ["missingConfig", /^kis: --policy-config \/nonexistent\/policy\.json: no such file$/m],
      ["badJson", /^kis: --policy-config \S+: not valid JSON/m],
      ["unknownPolicy", /^kis: --policy-config \S+: unknown policy "clock-leway"; expected "all" or one of audience-required, /m],
    ] as const) {
      const { run, out } = get(key);
      expect(run.status, key).toBe(2);
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("--policy-config: every bad value is named by policy and key, against the policy's configSchema", () => {
    const { run } = get("badValues");
    expect(run.status).toBe(2);
    const lines = run.stderr.split("\n").filter((l) => l.startsWith("kis: "));
    expect(lines.map((l) => l.replace(/^kis: --policy-config \S+: /, ""))).toEqual([
      'clock-leeway.maxSeconds: expected an integer from 0 to 3600, got "ninety"',
      "clock-leeway.maxMinutes: unknown property; expected one of enforcementLevel, maxSeconds",
      'access-token-lifetime.enforcementLevel: expected one of advisory, mandatory, remediate, disabled, got "strict"',
      "access-token-lifetime.maxMinutes: expected an integer from 5 to 1440, got 2000",
    ]);
  });
});
