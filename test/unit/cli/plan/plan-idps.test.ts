import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runKis, tempDir, type KisRun } from "../../../support/run-kis";

/** `kis plan` for the Okta, Cognito and cut-over example stacks, as a user runs it. */
describe.each([
  { stack: "okta-dev", issuer: /issuer\s+https:\/\/dev-123456\.okta\.com\/oauth2\/aus[0-9A-Za-z]{17}\n/ },
  {
    stack: "cognito-dev",
    issuer: /issuer\s+https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_[0-9A-Za-z]{9}\n/,
  },
  { stack: "cutover-dev", issuer: /Identity contract: entra \(entra\)[\s\S]*Identity contract: okta \(okta\)/ },
])("kis plan --stack $stack", ({ stack, issuer }) => {
  const out = tempDir(`plan-${stack}`);
  let run: KisRun;
  beforeAll(async () => {
    run = await runKis(["plan", "--stack", stack, "--out", out]);
  });

  it("exits 0 and prints the contract derived from the mocked resource outputs", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(issuer);
  });

  it("never writes a secret value (client secrets are [secret])", () => {
    for (const file of readdirSync(join(out, stack))) {
      expect(readFileSync(join(out, stack, file), "utf8"), file).not.toContain("plan-only-secret");
    }
    const plan = JSON.parse(readFileSync(join(out, stack, "plan.json"), "utf8"));
    expect(plan.outputs.clientSecrets).toBe("[secret]");
  });

  it("kong.yml trusts exactly the planned issuers", () => {
    const plan = JSON.parse(readFileSync(join(out, stack, "plan.json"), "utf8"));
    const kongYml = readFileSync(join(out, stack, "kong.yml"), "utf8");
    const allowed = [...kongYml.matchAll(/issuers_allowed:\n\s+- (\S+)/g)].map((m) => m[1]);
    expect(new Set(allowed)).toEqual(new Set(plan.identityContracts.map((c: { issuer: string }) => c.issuer)));
  });
});

describe("kis plan --stack cutover-dev: the cut-over window", () => {
  const out = tempDir("plan-cutover");
  let run: KisRun;
  beforeAll(async () => {
    run = await runKis(["plan", "--stack", "cutover-dev", "--out", out]);
  });

  it("lists both contracts, copies every protected route for the second provider, and says how tokens are steered", () => {
    expect(run.status).toBe(0);
    const plan = JSON.parse(readFileSync(join(out, "cutover-dev", "plan.json"), "utf8"));
    expect(plan.identityContracts.map((c: { provider: string }) => c.provider)).toEqual(["entra", "okta"]);
    const kongYml = readFileSync(join(out, "cutover-dev", "kong.yml"), "utf8");
    expect([...kongYml.matchAll(/name: (orders-[a-z]+\.okta)\n/g)].map((m) => m[1]).sort()).toEqual([
      "orders-read.okta",
      "orders-reports.okta",
      "orders-write.okta",
    ]);
    expect(kongYml).toContain("authorization:\n            - ~*^bearer +[a-z0-9_-]+\\.[a-z0-9_-]*(?:");
    expect(run.stdout).toMatch(/provider-selection: cut-over: a token reaches okta's copy/);
  });

  it("produces byte-identical files on a second run", async () => {
    const again = tempDir("plan-cutover-again");
    expect((await runKis(["plan", "--stack", "cutover-dev", "--out", again])).status).toBe(0);
    for (const file of readdirSync(join(out, "cutover-dev"))) {
      expect(readFileSync(join(again, "cutover-dev", file), "utf8"), file).toBe(readFileSync(join(out, "cutover-dev", file), "utf8"));
    }
  });
});
