import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { readVerifyTarget } from "../../../../cli/verify";
import { REPO_ROOT, runKis, spawnKis, tempDir, type KisRun } from "../../../support/run-kis";
import { EXAMPLE_PASSPHRASE, encryptWithKey, keyOfEncryptionSalt } from "../../../support/example-secrets";

const ARTIFACTS = ["identity.md", "kong.yml", "manifests.yaml", "plan.json"];

describe("kis plan --stack dev", () => {
  let out: string;
  let run: KisRun;
  beforeAll(async () => {
    out = tempDir("plan");
    run = await runKis(["plan", "--stack", "dev", "--out", out]);
  });

  it("exits 0 and prints the v2 Entra contract", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/issuer\s+https:\/\/login\.microsoftonline\.com\/8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f\/v2\.0\n/);
    expect(run.stdout).toContain("Routes (Kong enterprise");
    expect(run.stdout).toMatch(/orders-write\s+POST,PUT,PATCH \/orders\s+scopes orders\.write\s+roles orders-admins/);
  });

  it("shows progress on stderr", () => {
    expect(run.stderr).toContain("running infra/index.ts under Pulumi mocks");
    expect(run.stderr).toMatch(/recorded \d+ resources/);
  });

  it("writes the four artifacts", () => {
    expect(readdirSync(join(out, "dev")).sort()).toEqual(ARTIFACTS);
  });

  it("records every resource with type, parent and inputs, and the contract from resource outputs", () => {
    const plan = JSON.parse(readFileSync(join(out, "dev", "plan.json"), "utf8"));
    const types = plan.resources.map((r: { type: string }) => r.type);
    expect(types).toContain("azuread:index/application:Application");
    expect(types).toContain("kubernetes:helm.sh/v3:Release");
    expect(types).toContain("kubernetes:core/v1:ConfigMap");
    const apiApp = plan.resources.find(
      (r: any) => r.type === "azuread:index/application:Application" && r.inputs.api?.requestedAccessTokenVersion === 2,
    );
    expect(apiApp).toBeDefined();
    expect(apiApp.parent).toMatch(/EntraRegistration/);
    const [contract] = plan.identityContracts;
    // The audience is the API application's client id: a provider output, not a config value.
    expect(contract.audience.values).toHaveLength(1);
    expect(contract.audience.values[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(readFileSync(join(out, "dev", "kong.yml"), "utf8")).toContain(contract.audience.values[0]);
  });

  it("never writes a secret value: secret inputs and outputs are redacted", () => {
    for (const file of ARTIFACTS) {
      expect(readFileSync(join(out, "dev", file), "utf8")).not.toContain("plan-only-secret");
    }
    const plan = JSON.parse(readFileSync(join(out, "dev", "plan.json"), "utf8"));
    expect(plan.outputs.clientSecrets).toBe("[secret]");
  });

  it("exports what kis verify probes and where logs go (audit off in dev), with no secret in either", () => {
    const plan = JSON.parse(readFileSync(join(out, "dev", "plan.json"), "utf8"));
    const target = readVerifyTarget(plan, "plan.json");
    expect(target.routes.map((r) => r.name)).toEqual(["orders-read", "orders-write", "orders-reports", "health"]);
    expect(target.clients.map((c) => `${c.provider}/${c.name}:${c.clientId ? "id" : "-"}`)).toEqual(["entra/billing-service:id", "entra/ops-automation:id"]);
    expect(plan.outputs.logDestinations.find((d: any) => d.what === "identity audit log").where).toBe("off (observability.audit)");
    expect(run.stdout).toMatch(/Logs and traces\n {2}Kong {2}identity audit log: off/);
    expect(JSON.stringify([plan.outputs.edgeRoutes, plan.outputs.serviceClients, plan.outputs.logDestinations])).not.toMatch(/secret/i);
  });

  it("draws the request path with issuer and audience on the edges", () => {
    const diagram = readFileSync(join(out, "dev", "identity.md"), "utf8");
    expect(diagram).toContain("```mermaid");
    expect(diagram).toMatch(/iss=https:\/\/login\.microsoftonline\.com\/[^ ]+\/v2\.0, aud=[0-9a-f-]{36}/);
  });

  it("produces byte-identical files on a second run", async () => {
    const again = tempDir("plan-again");
    expect((await runKis(["plan", "--stack", "dev", "--out", again])).status).toBe(0);
    for (const file of ARTIFACTS) {
      expect(readFileSync(join(again, "dev", file), "utf8"), file).toBe(readFileSync(join(out, "dev", file), "utf8"));
    }
  });
});

describe("kis plan with bad input", () => {
  const devConfig = () => parse(readFileSync(join(REPO_ROOT, "stacks", "Pulumi.dev.yaml"), "utf8"));

  // `spawn`: the first case runs the real binary (exit code and stderr of a process, nothing else printed).
  async function planBroken(mutate: (config: Record<string, any>) => void, spawn = false): Promise<{ run: KisRun; out: string }> {
    const dir = tempDir("bad");
    const doc = devConfig();
    mutate(doc.config);
    const file = join(dir, "Pulumi.broken.yaml");
    writeFileSync(file, stringify(doc));
    const out = join(dir, "out");
    const args = ["plan", "--stack-file", file, "--out", out];
    return { run: spawn ? spawnKis(args) : await runKis(args), out };
  }

  it("exits 2 with one line naming the key, no stack trace and no artifacts", async () => {
    const { run, out } = await planBroken((c) => {
      c["kong-identity-stack:routes"][2].upstream = "ftp://x";
    }, true);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n").filter((l) => !l.startsWith("·"))).toEqual([
      'kis: config: routes[2].upstream: expected an http(s) URL, got "ftp://x"',
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it("names a misspelt key", async () => {
    const { run } = await planBroken((c) => {
      c["kong-identity-stack:kong"].replica = 3;
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('kis: config: kong: unknown key "replica"');
  });

  it("rejects an unknown stack with the list of known ones", async () => {
    const run = await runKis(["plan", "--stack", "nope"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--stack nope: no .*Pulumi\.nope\.yaml; known stacks: .*dev/);
  });

  it("rejects an unknown option", async () => {
    const run = await runKis(["plan", "--stak", "dev"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kis: .*--stak/);
  });
});

describe("kis plan of a stack file as teams really write them", () => {
  it("passes other namespaces' keys through and plans encrypted values as secrets it never writes", async () => {
    const dir = tempDir("real");
    const doc = parse(readFileSync(join(REPO_ROOT, "stacks", "Pulumi.dev.yaml"), "utf8"));
    // A real passphrase ciphertext under the file's own encryptionsalt, as `pulumi config set --secret` writes it.
    const ciphertext = encryptWithKey(keyOfEncryptionSalt(EXAMPLE_PASSPHRASE, doc.encryptionsalt), "zpa-client-secret-value");
    doc.config = {
      "azuread:tenantId": "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f",
      "zpa:clientSecret": { secure: ciphertext },
      ...doc.config,
    };
    const file = join(dir, "Pulumi.real.yaml");
    writeFileSync(file, stringify(doc));
    const out = join(dir, "out");
    const run = await runKis(["plan", "--stack-file", file, "--out", out]);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    for (const artifact of readdirSync(join(out, "real"))) {
      const text = readFileSync(join(out, "real", artifact), "utf8");
      expect(text, artifact).not.toContain(ciphertext.split(":")[2]!.slice(0, 16));
      expect(text, artifact).not.toContain("zpa-client-secret-value");
      expect(text, artifact).not.toContain("not decrypted by kis plan");
    }
  });
});
