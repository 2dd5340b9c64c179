import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { mapLimit, REPO_ROOT, spawnKis, spawnKisAsync, tempDir, type KisRun } from "../../../support/run-kis";

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
      const run = spawnKis(["init", "--idp", idp, "--env", `${idp}-team`, "--tenant", tenant, "--api-name", "payments-api", "--hostname", `api.${idp}.example.com`, "--stacks-dir", dir]);
      expect(run.status, run.stderr).toBe(0);
    }
    // `pulumi new` writes the template's answers as plain keys: the program builds the blocks from them.
    const template = parse(readFileSync(join(REPO_ROOT, "Pulumi.yaml"), "utf8")).template.config as Record<string, { default: string }>;
    const answers = Object.fromEntries(Object.entries(template).map(([k, v]) => [k, v.default]));
    writeFileSync(join(dir, "Pulumi.from-template.yaml"), `config:\n${Object.entries(answers).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join("\n")}\n`);
    const stacks = [...IDPS.map(([idp]) => `${idp}-team`), "from-template"];
    await mapLimit(stacks, 2, async (stack) => {
      plans[stack] = await spawnKisAsync(["plan", "--stack-file", join(dir, `Pulumi.${stack}.yaml`), "--out", join(dir, "out")]);
    });
  }, 240_000);

  it.each(IDPS.map(([idp]) => idp))("%s: the written stack plans with exit 0 and the pack passes", (idp) => {
    const run = plans[`${idp}-team`]!;
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Policy pack kis-identity: \d+ policies, no violations/);
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

  it("the pulumi new path: a stack file with only the template's scalars plans with exit 0 and passes the pack", () => {
    const run = plans["from-template"]!;
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/no violations/);
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
      [["--idp", "auth0"], '--idp: expected one of entra, okta, cognito, got "auth0"'],
      [["--idp", "entra", "--tenant", "not-a-guid"], '--tenant: expected the Entra tenant id (a GUID) for idp "entra", got "not-a-guid"'],
      [["--env", "Prod!"], "--env: expected an environment name"],
    ] as const) {
      const run = spawnKis(["init", ...args, "--stacks-dir", dir, "--yes"]);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(existsSync(join(dir, "Pulumi.Prod!.yaml"))).toBe(false);
  });
});
