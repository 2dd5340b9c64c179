import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mapLimit, spawnKis, spawnKisAsync, tempDir, type KisRun } from "../../../support/run-kis";

/**
 * The three-command start, offline: `kis init` per IdP from flags (no terminal, so no prompts), then
 * `kis plan` of the written file with the pack; and the `pulumi new` path, a stack file holding only the
 * template's scalars.
 */
const IDPS = [
  ["entra", "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f"],
  ["okta", "dev-123456"],
  ["cognito", "eu-central-1"],
] as const;

describe("kis init, then kis plan", { timeout: 240_000 }, () => {
  const dir = tempDir("init");
  const plans: Record<string, KisRun> = {};

  beforeAll(async () => {
    for (const [idp, tenant] of IDPS) {
      const run = spawnKis(["init", "--idp", idp, "--env", `${idp}-team`, "--production", "no", "--kube-context", `${idp}-cluster`, "--tenant", tenant, "--api-name", "payments-api", "--hostname", `api.${idp}.example.com`, "--stacks-dir", dir]);
      expect(run.status, run.stderr).toBe(0);
    }
    const stacks = IDPS.map(([idp]) => `${idp}-team`);
    await mapLimit(stacks, 2, async (stack) => {
      plans[stack] = await spawnKisAsync(["plan", "--stack-file", join(dir, `Pulumi.${stack}.yaml`), "--out", join(dir, "out")]);
    });
  }, 240_000);

  it.each(IDPS.map(([idp]) => idp))("%s: the written stack plans with exit 0 and the pack passes", (idp) => {
    const run = plans[`${idp}-team`]!;
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Policy pack kis-identity \(config policy-packs\/identity\/config\/dev\.json\): \d+ policies, no violations/);
    expect(run.stdout).not.toMatch(/PLACEHOLDER/);
    const plan = JSON.parse(readFileSync(join(dir, "out", `${idp}-team`, "plan.json"), "utf8"));
    expect(plan.identityContracts[0].provider).toBe(idp);
    expect(plan.routes.map((r: { name: string }) => r.name)).toEqual(["payments-read", "payments-write", "health"]);
    expect(plan.gateway.hostnames).toEqual([`api.${idp}.example.com`]);
  });

  it("writes comments a person can follow", () => {
    const text = readFileSync(join(dir, "Pulumi.okta-team.yaml"), "utf8");
    expect(text).toMatch(/^# Stack "okta-team": Okta, Kong Enterprise on api\.okta\.example\.com/);
    expect(text).toContain("  # One entry per route: every scope listed is required");
  });

  it("refuses to overwrite an existing stack file, and leaves it as it was", () => {
    const file = join(dir, "Pulumi.okta-team.yaml");
    const before = readFileSync(file, "utf8");
    const run = spawnKis(["init", "--idp", "okta", "--env", "okta-team", "--stacks-dir", dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kis: init: .*Pulumi\.okta-team\.yaml exists; kis init never overwrites a stack file/);
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("bad answers: one line, exit 2, no file", () => {
    for (const [args, message] of [
      [["--idp", "auth0"], 'Identity provider (entra, okta, cognito) (--idp): expected one of entra, okta, cognito, got "auth0"'],
      [["--idp", "entra", "--tenant", "not-a-guid"], 'The Entra tenant id (a GUID), or replace-me to decide later (plans offline; pulumi up refuses it) (--tenant): expected the Entra tenant id (a GUID) for idp "entra", got "not-a-guid"'],
      [["--env", "Prod!"], "Environment (stack) name (--env): expected an environment name"],
      [["--production", "maybe"], 'Is this a production stack? (yes or no: production rules, 30-minute tokens, three Kong replicas) (--production): expected yes or no, got "maybe"'],
      [["--idpp", "okta"], "unknown flag --idpp; did you mean --idp? (see --help)"],
    ] as const) {
      const run = spawnKis(["init", ...args, "--stacks-dir", dir, "--yes"]);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(existsSync(join(dir, "Pulumi.Prod!.yaml"))).toBe(false);
  });
});
