import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { explainTokenCommand } from "../../../../cli/commands/explain-token";
import { REPO_ROOT, runKis, tempDir, type KisRun } from "../../../support/run-kis";
import { runCommandInProcess } from "../../../support/kis-in-process";

/**
 * `issuerHost: issuer-cognito-idp` is derived once and carried everywhere: the contract, Kong's plugin config,
 * the policy pack (issuer-consistency passes: Kong names the issuer the registration produces) and kis.
 * The cognito-dev example with the one key changed, planned as a user would.
 */
describe("kis plan with a Cognito pool on the issuer-cognito-idp host", () => {
  const out = tempDir("plan-issuer-host");
  const stackFile = join(out, "Pulumi.cognito-new-host.yaml");
  const example = readFileSync(join(REPO_ROOT, "stacks", "Pulumi.cognito-dev.yaml"), "utf8");
  writeFileSync(stackFile, example.replace(/( +)- kind: cognito\n/, "$1- kind: cognito\n$1  issuerHost: issuer-cognito-idp\n").replace("environment: cognito-dev", "environment: cognito-new-host"));
  let run: KisRun;
  beforeAll(async () => {
    run = await runKis(["plan", "--stack-file", stackFile, "--out", out]);
  });

  it("plans with exit 0 (the policy pack agrees) and the contract names the new host", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/issuer\s+https:\/\/issuer-cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_[0-9A-Za-z]{9}\n/);
  });

  it("Kong trusts the new host only, and discovers keys there", () => {
    const kongYml = readFileSync(join(out, "cognito-new-host", "kong.yml"), "utf8");
    expect(kongYml).toMatch(/issuers_allowed:\n\s+- https:\/\/issuer-cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_/);
    expect(kongYml).toMatch(/issuer: https:\/\/issuer-cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_\w+\/\.well-known\/openid-configuration/);
    expect(kongYml).not.toMatch(/https:\/\/cognito-idp\./);
  });

  it("kis explain-token judges with the same contract: the classic host is refused with a hint", async () => {
    const plan = JSON.parse(readFileSync(join(out, "cognito-new-host", "plan.json"), "utf8"));
    const c = plan.identityContracts[0];
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const token = (iss: string) =>
      `${b64({ alg: "RS256", kid: "k" })}.${b64({ iss, client_id: c.clients.values[0], token_use: "access", scope: "orders-api/orders.read", exp: 2_000_000_000, iat: 1_999_990_000 })}.c2ln`;
    const planPath = join(out, "cognito-new-host", "plan.json");
    const ok = await runCommandInProcess(explainTokenCommand, ["--plan", planPath, "--route", "orders-read", "--now", "2033-05-18T03:00:00Z", token(c.issuer)]);
    expect(ok.stdout).toContain("ACCEPTED  orders-read");
    const classic = c.issuer.replace("https://issuer-cognito-idp.", "https://cognito-idp.");
    const refused = await runCommandInProcess(explainTokenCommand, ["--plan", planPath, "--route", "orders-read", "--now", "2033-05-18T03:00:00Z", token(classic)]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/issuer: iss ".*" is not trusted; .*Cognito's alternative issuer host cognito-idp: set identity\.providers\[\]\.issuerHost/);
  });
});
