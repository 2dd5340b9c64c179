import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ESC_VALUE_PLACEHOLDER } from "../../../../cli/plan/esc";
import { escLine } from "../../../../cli/plan/esc-report";
import { readStackFile } from "../../../../cli/plan/stack-file";
import { REPO_ROOT, spawnKis, tempDir } from "../../../support/run-kis";

/** The prod example with its F5 secrets moved from `secure:` values to a Pulumi ESC environment. */
function prodWithEsc(dir: string, environment = "environment:\n  - kong-identity-stack/prod\n"): string {
  const text = readFileSync(join(REPO_ROOT, "stacks", "Pulumi.prod.yaml"), "utf8")
    .replace(/  kong-identity-stack:f5TlsCertificate:\n    secure: \S+\n/, "")
    .replace(/  kong-identity-stack:f5TlsPrivateKey:\n    secure: \S+\n/, "");
  // Kong's proxy key stays an encrypted value in this variant; only the F5 secrets move to ESC.
  expect(text.match(/secure:/g)).toHaveLength(1);
  expect(text).toMatch(/  kong-identity-stack:kongTlsPrivateKey:\n    secure: v1:/);
  const file = join(dir, "Pulumi.prod.yaml");
  writeFileSync(file, `${environment}${text}`);
  return file;
}

describe("Pulumi ESC environments in a stack file", () => {
  it("the F5 secrets the file leaves to ESC are secret placeholders, and the ZPA variables are named", () => {
    const stack = readStackFile(prodWithEsc(tempDir("esc")));
    expect(stack.esc).toEqual({
      environments: ["kong-identity-stack/prod"],
      configKeys: ["f5TlsCertificate", "f5TlsPrivateKey"],
      environmentVariables: ["F5_PASSWORD", "ZPA_CLIENT_ID", "ZPA_CLIENT_SECRET"],
    });
    // Kong's proxy key stays an encrypted value in the file: a secret, not an ESC key.
    expect(stack.secretKeys).toEqual(["kong-identity-stack:f5TlsCertificate", "kong-identity-stack:f5TlsPrivateKey", "kong-identity-stack:kongTlsPrivateKey"]);
    expect(stack.engineConfig["kong-identity-stack:f5TlsCertificate"]).toBe(ESC_VALUE_PLACEHOLDER);
    expect(escLine(stack.esc)).toBe(
      "Pulumi ESC environment kong-identity-stack/prod: expecting config f5TlsCertificate, f5TlsPrivateKey (planned as secret placeholders); at deploy time also environment variables F5_PASSWORD, ZPA_CLIENT_ID, ZPA_CLIENT_SECRET",
    );
  });

  it("a stack that names no cluster context expects the kubeconfig from ESC, and is then deployable", () => {
    const file = prodWithEsc(tempDir("esc-kube"));
    writeFileSync(file, readFileSync(file, "utf8").replace(/  # The cluster this stack deploys to.*\n  kong-identity-stack:kubernetes:\n    context: prod-cluster\n/, ""));
    const stack = readStackFile(file);
    expect(stack.esc.configKeys).toEqual(["f5TlsCertificate", "f5TlsPrivateKey", "kubeconfig"]);
    expect(stack.engineConfig["kong-identity-stack:kubeconfig"]).toBe(ESC_VALUE_PLACEHOLDER);
    expect(stack.secretKeys).toContain("kong-identity-stack:kubeconfig");
  });

  it("without environment: a missing secret is still an error, and nothing is filled in", () => {
    const dir = tempDir("esc-none");
    const stack = readStackFile(prodWithEsc(dir, ""));
    expect(stack.esc.configKeys).toEqual([]);
    const run = spawnKis(["plan", "--stack-file", join(dir, "Pulumi.prod.yaml"), "--out", join(dir, "out")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("kis: config: f5TlsCertificate: missing;");
  });

  it("a malformed environment: list is one line, exit 2", () => {
    const dir = tempDir("esc-bad");
    prodWithEsc(dir, "environment: kong-identity-stack/prod\n");
    const run = spawnKis(["plan", "--stack-file", join(dir, "Pulumi.prod.yaml"), "--out", join(dir, "out")]);
    expect(run.status).toBe(2);
    const errors = run.stderr.trim().split("\n").filter((l) => l.startsWith("kis: "));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^kis: .*Pulumi\.prod\.yaml: environment: expected a list of Pulumi ESC environment names such as \[kong-identity-stack\/prod\], got "kong-identity-stack\/prod"$/);
  });

  it("kis plan says what it expects from ESC, plans with exit 0, and no artifact holds a secret value", { timeout: 120_000 }, () => {
    const dir = tempDir("esc-plan");
    const run = spawnKis(["plan", "--stack-file", prodWithEsc(dir), "--out", join(dir, "out"), "--policy-config", join(REPO_ROOT, "policy-packs", "identity", "config", "prod.json")]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("· Pulumi ESC environment kong-identity-stack/prod: expecting config f5TlsCertificate, f5TlsPrivateKey (planned as secret placeholders)");
    const plan = readFileSync(join(dir, "out", "prod", "plan.json"), "utf8");
    expect(plan).not.toContain(ESC_VALUE_PLACEHOLDER); // secret inputs are recorded as [secret], never as their value
    expect(readFileSync(join(dir, "out", "prod", "as3.json"), "utf8")).not.toContain(ESC_VALUE_PLACEHOLDER);
  });
});
