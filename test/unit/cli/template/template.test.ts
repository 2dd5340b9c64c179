import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { templateFiles } from "../../../../cli/template/template-files";
import { writeTemplate } from "../../../../cli/template/write-template";
import { REPO_ROOT, tempDir } from "../../../support/run-kis";

/**
 * The template folder `pulumi new` takes, and what `pulumi new` makes of it: its text files with ${PROJECT} and
 * ${DESCRIPTION} replaced (as Pulumi's templates code does) and a stack file of the answers under the new project's
 * name. The real `pulumi new` runs in test/engine/program/pulumi-new.test.ts, which needs the language host.
 */
function pulumiNew(template: string, project: string, stack: string, answers: Record<string, string>): string {
  const dir = tempDir("new");
  writeTemplate(dir, REPO_ROOT);
  for (const f of templateFiles(REPO_ROOT)) {
    if (typeof f.content !== "string" && f.content.includes(0)) continue;
    const text = readFileSync(join(dir, f.path), "utf8");
    writeFileSync(join(dir, f.path), text.replaceAll("${PROJECT}", project).replaceAll("${DESCRIPTION}", `${project} edge`));
  }
  const prompts = parse(readFileSync(join(template, "Pulumi.yaml"), "utf8")).template.config as Record<string, { default: string }>;
  const values = { ...Object.fromEntries(Object.entries(prompts).map(([k, v]) => [k, v.default])), ...answers };
  writeFileSync(join(dir, "stacks", `Pulumi.${stack}.yaml`), `config:\n${Object.entries(values).map(([k, v]) => `  ${project}:${k}: ${JSON.stringify(v)}`).join("\n")}\n`);
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

const kisIn = (dir: string, args: string[]) => spawnSync(process.execPath, [join(dir, "cli", "bin", "kis.js"), ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, KIS_DEBUG: "" } });

describe("the template", { timeout: 300_000 }, () => {
  const template = tempDir("template");
  beforeAll(() => {
    writeTemplate(template, REPO_ROOT);
  });

  it("holds what a new project needs and none of this repository's examples, tests or docs", () => {
    const files = templateFiles(REPO_ROOT).map((f) => f.path);
    for (const needed of ["Pulumi.yaml", "package.json", "package-lock.json", "infra/index.ts", "components/identity-edge/index.ts", "policy-packs/identity/PulumiPolicy.yaml", "cli/bin/kis.js", "stacks/.gitkeep", ".github/workflows/test.yml"]) {
      expect(files, needed).toContain(needed);
    }
    expect(files.filter((f) => /^stacks\/Pulumi\..*\.yaml$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith("docs/") || f.startsWith("test/fixtures/") || f.startsWith("test/unit/") || f.startsWith("cli/bench/"))).toEqual([]);
    expect(readdirSync(join(template, "stacks"))).toEqual([".gitkeep"]);
  });

  it("names the project ${PROJECT}, asks un-namespaced questions, and defaults every per-IdP and cluster answer to the placeholder", () => {
    const project = parse(readFileSync(join(template, "Pulumi.yaml"), "utf8"));
    expect(project.name).toBe("${PROJECT}");
    expect(project.description).toBe("${DESCRIPTION}");
    const prompts = project.template.config as Record<string, { default: string }>;
    expect(Object.keys(prompts).filter((k) => k.includes(":"))).toEqual([]);
    expect(prompts["idpTenant"]!.default).toBe("replace-me");
    expect(prompts["kubernetesContext"]!.default).toBe("replace-me");
    expect(prompts["production"]!.default).toBe("false");
    expect(JSON.parse(readFileSync(join(template, "package.json"), "utf8")).name).toBe("${PROJECT}");
  });

  it("a renamed project with Okta answers and its own stack name plans exactly those answers, under its own namespace", () => {
    const dir = pulumiNew(template, "payments-edge", "payments-dev", {
      environment: "payments-dev",
      production: "false",
      idp: "okta",
      idpTenant: "dev-123456",
      apiName: "payments-api",
      hostname: "api.payments.example.com",
      kubernetesContext: "payments-dev-cluster",
    });
    const run = kisIn(dir, ["plan", "--stack", "payments-dev", "--out", join(dir, "out"), "--json"]);
    expect(run.status, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.project).toBe("payments-edge");
    expect(plan.identityContracts[0].provider).toBe("okta");
    expect(plan.identityContracts[0].issuer).toContain("https://dev-123456.okta.com");
    expect(plan.gateway.hostnames).toEqual(["api.payments.example.com"]);
    expect(plan.routes.map((r: { name: string }) => r.name)).toEqual(["payments-read", "payments-write", "health"]);
    expect(plan.deployment).toEqual({ cluster: "context payments-dev-cluster of the deploying machine's KUBECONFIG", blockers: [] });
    expect(existsSync(join(dir, "stacks", "Pulumi.payments-dev.yaml"))).toBe(true);
  });

  it("pulumi new --yes (every default) plans, and kis plan's first line says placeholder and names each key", () => {
    const dir = pulumiNew(template, "edge", "dev", {});
    const run = kisIn(dir, ["plan", "--stack", "dev", "--out", join(dir, "out")]);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^PLACEHOLDER or missing settings: this stack plans offline, but pulumi up refuses it until these 2 are set:/);
    expect(lines[1]).toMatch(/^ {2}idpTenant: is the placeholder replace-me; set the Entra tenant id/);
    expect(lines[2]).toMatch(/^ {2}kubernetes\.context: is the placeholder replace-me/);
  });

  it("idp okta with the default tenant is an Okta placeholder, never the Entra GUID taken as an Okta org", () => {
    const dir = pulumiNew(template, "edge", "dev", { idp: "okta", kubernetesContext: "dev-cluster" });
    const run = kisIn(dir, ["plan", "--stack", "dev", "--out", join(dir, "out"), "--json"]);
    expect(run.status, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.deployment.blockers).toEqual([expect.stringMatching(/^idpTenant: is the placeholder replace-me; set the Okta org name such as dev-123456/)]);
    expect(plan.identityContracts[0].issuer).not.toContain("00000000-0000-0000-0000-000000000000");
  });
});
