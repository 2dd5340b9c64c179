import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../../support/run-kis";

/**
 * What action-validator (a schema check, run by .ci/run) cannot see: pins, permissions, secrets in the
 * offline job, concurrency and environments. Read from the workflow files as GitHub parses them.
 */
const DIR = join(REPO_ROOT, ".github", "workflows");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".yml")).sort();
type Job = { permissions?: unknown; steps?: { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> }[]; if?: string; concurrency?: { group?: string }; environment?: string };
const workflow = (file: string) => parse(readFileSync(join(DIR, file), "utf8")) as { permissions?: unknown; jobs: Record<string, Job> };

describe("GitHub workflows", () => {
  it("are the preview, fork-comment and deploy workflows, and each passes action-validator", () => {
    expect(FILES).toEqual(["deploy.yml", "preview-comment.yml", "preview.yml"]);
    for (const file of FILES) {
      const run = spawnSync(join(REPO_ROOT, "node_modules", ".bin", "action-validator"), [join(DIR, file)], { encoding: "utf8" });
      expect(run.status, `${file}: ${run.stderr}`).toBe(0);
    }
  });

  it("action-validator rejects a broken workflow (the lint can fail)", () => {
    const file = join(tempDir("workflow"), "broken.yml");
    writeFileSync(file, "name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n");
    const bad = spawnSync(join(REPO_ROOT, "node_modules", ".bin", "action-validator"), [file], { encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("Additional property 'stepz' is not allowed");
  });

  it("pin every action to a full commit SHA", () => {
    for (const file of FILES) {
      for (const job of Object.values(workflow(file).jobs)) {
        for (const step of job.steps ?? []) {
          if (step.uses) expect(step.uses, file).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
        }
      }
    }
  });

  it("grant nothing by default and only what each job needs", () => {
    for (const file of FILES) {
      const wf = workflow(file);
      expect(wf.permissions, file).toEqual({});
      for (const [name, job] of Object.entries(wf.jobs)) {
        const perms = job.permissions as Record<string, string>;
        expect(perms, `${file} ${name}`).toBeDefined();
        expect(Object.values(perms).every((p) => p === "read" || p === "write"), `${file} ${name}`).toBe(true);
        expect(perms["contents"] ?? "read", `${file} ${name}: no job writes code`).toBe("read");
      }
    }
  });

  it("the offline review job uses no secret, and the cloud preview never runs for forks or without a token", () => {
    const wf = workflow("preview.yml");
    expect(JSON.stringify(wf.jobs["identity-review"])).not.toMatch(/secrets\./);
    expect(wf.jobs["stacks"]!.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(wf.jobs["pulumi-preview"]!.if).toBe("needs.stacks.outputs.has-pulumi == 'true'");
    const preview = wf.jobs["pulumi-preview"]!.steps!.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
    expect(preview.with).toMatchObject({ command: "preview", "comment-on-pr": true, policyPacks: "policy-packs/identity", policyPackConfigs: "${{ matrix.policyConfig }}" });
  });

  it("deploy runs pulumi up per stack behind the stack's GitHub environment, one at a time per stack, never cancelled", () => {
    const up = workflow("deploy.yml").jobs["up"]!;
    expect(up.environment).toBe("${{ matrix.stack }}");
    expect(up.concurrency).toEqual({ group: "deploy-${{ matrix.stack }}", "cancel-in-progress": false });
    expect(up.steps!.find((s) => s.uses?.startsWith("pulumi/actions@"))!.with).toMatchObject({ command: "up", policyPacks: "policy-packs/identity" });
  });

  it("the stack matrix lists every stack file with its environment's policy config", () => {
    const run = spawnSync("bash", [join(REPO_ROOT, ".github", "scripts", "list-stacks.sh")], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const matrix = JSON.parse(run.stdout) as { stack: string; policyConfig: string }[];
    const stacks = readdirSync(join(REPO_ROOT, "stacks")).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter(Boolean).sort();
    expect(matrix.map((m) => m.stack)).toEqual(stacks);
    expect(matrix.find((m) => m.stack === "prod")!.policyConfig).toBe("policy-packs/identity/config/prod.json");
  });
});
