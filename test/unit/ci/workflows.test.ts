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
type Step = { uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
type Job = {
  permissions?: unknown;
  steps?: Step[];
  if?: string;
  needs?: string | string[];
  uses?: string;
  with?: Record<string, unknown>;
  strategy?: { matrix?: { include?: string } };
  concurrency?: { group?: string };
  environment?: string;
};
const workflow = (file: string) => parse(readFileSync(join(DIR, file), "utf8")) as { permissions?: unknown; jobs: Record<string, Job> };

describe("GitHub workflows", () => {
  it("are the preview, fork-comment and deploy workflows, and each passes action-validator", () => {
    expect(FILES).toEqual(["deploy.yml", "preview-comment.yml", "preview.yml", "pulumi-up.yml", "test.yml"]);
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

  it("pin every action to a full commit SHA (this repository's own composite action aside), in the composite action too", () => {
    const steps = [...FILES.flatMap((file) => Object.values(workflow(file).jobs).flatMap((job) => job.steps ?? [])), ...credentialsAction().runs.steps];
    for (const step of steps) {
      if (step.uses && !step.uses.startsWith("./.github/")) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} *$/);
    }
    expect(steps.filter((s) => s.uses?.startsWith("./")).map((s) => s.uses)).toEqual(["./.github/actions/stack-credentials", "./.github/actions/stack-credentials"]);
  });

  it("grant nothing by default and only what each job needs", () => {
    for (const file of FILES) {
      const wf = workflow(file);
      expect(wf.permissions, file).toEqual({});
      for (const [name, job] of Object.entries(wf.jobs)) {
        const perms = job.permissions as Record<string, string>;
        // A call of a reusable workflow grants what the called job declares, no more.
        expect(perms, `${file} ${name}`).toBeDefined();
        expect(Object.values(perms).every((p) => p === "read" || p === "write"), `${file} ${name}`).toBe(true);
        expect(perms["contents"] ?? "read", `${file} ${name}: no job writes code`).toBe("read");
      }
    }
  });

  it("the offline review job uses no secret, and the cloud preview never runs for forks or without a Pulumi organization", () => {
    const wf = workflow("preview.yml");
    expect(JSON.stringify(wf.jobs["identity-review"])).not.toMatch(/secrets\./);
    expect(wf.jobs["stacks"]!.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(wf.jobs["pulumi-preview"]!.if).toBe("needs.stacks.outputs.has-pulumi == 'true'");
    const preview = wf.jobs["pulumi-preview"]!.steps!.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
    expect(preview.with).toMatchObject({ command: "preview", "comment-on-pr": false, policyPacks: "policy-packs/identity", policyPackConfigs: "${{ matrix.policyConfig }}" });
  });

  it("the stack matrix lists every stack file with the policy config its production setting selects", () => {
    const list = (which: string) => {
      const run = spawnSync("bash", [join(REPO_ROOT, ".github", "scripts", "list-stacks.sh"), which], { encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { stack: string; project: string; production: boolean; policyConfig: string }[];
    };
    const stacks = readdirSync(join(REPO_ROOT, "stacks")).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter(Boolean).sort();
    expect(list("all").map((m) => m.stack)).toEqual(stacks);
    expect(list("production")).toEqual([{ stack: "prod", project: "kong-identity-stack", production: true, policyConfig: "policy-packs/identity/config/prod.json" }]);
    expect(list("development").map((m) => m.stack)).toEqual(stacks.filter((s) => s !== "prod"));
    expect(new Set(list("development").map((m) => m.policyConfig))).toEqual(new Set(["policy-packs/identity/config/dev.json"]));
  });

  it("a stack named like production but set production: false gets the development config, and the reverse", () => {
    const dir = tempDir("policy-config");
    writeFileSync(join(dir, "Pulumi.payments-prod.yaml"), "config:\n  kong-identity-stack:environment: payments-prod\n  kong-identity-stack:production: false\n");
    writeFileSync(join(dir, "Pulumi.team-a.yaml"), "config:\n  kong-identity-stack:environment: team-a\n  kong-identity-stack:production: true\n");
    const pick = (file: string) => spawnSync("bash", [join(REPO_ROOT, ".github", "scripts", "stack-policy-config.sh"), join(dir, file)], { encoding: "utf8" }).stdout.trim();
    expect(pick("Pulumi.payments-prod.yaml")).toBe("policy-packs/identity/config/dev.json");
    expect(pick("Pulumi.team-a.yaml")).toBe("policy-packs/identity/config/prod.json");
  });
});

/** Every step that runs the Pulumi CLI (pulumi/actions), with the job it runs in. */
const pulumiSteps = () =>
  FILES.flatMap((file) => Object.entries(workflow(file).jobs).flatMap(([name, job]) => (job.steps ?? []).filter((s) => s.uses?.startsWith("pulumi/actions@")).map((step) => ({ file, name, job, step }))));
const credentialsAction = () =>
  parse(readFileSync(join(REPO_ROOT, ".github", "actions", "stack-credentials", "action.yml"), "utf8")) as { runs: { steps: Step[] } };
const allWorkflowText = () => [...FILES.map((f) => readFileSync(join(DIR, f), "utf8")), readFileSync(join(REPO_ROOT, ".github", "actions", "stack-credentials", "action.yml"), "utf8")].join("\n");

describe("workflows: credentials, versions, names (issue 25, build step 6)", () => {
  it("Pulumi Cloud by OIDC (pulumi/auth-actions) before every Pulumi step; no long-lived access token anywhere", () => {
    expect(allWorkflowText()).not.toMatch(/PULUMI_ACCESS_TOKEN/);
    expect(credentialsAction().runs.steps[0]!.uses).toMatch(/^pulumi\/auth-actions@[0-9a-f]{40}/);
    expect(credentialsAction().runs.steps[0]!.with).toMatchObject({ organization: "${{ inputs.pulumi-organization }}", "requested-token-type": "urn:pulumi:token-type:access_token:organization" });
    const steps = pulumiSteps();
    expect(steps.map((s) => `${s.file}:${s.name}`)).toEqual(["preview.yml:pulumi-preview", "pulumi-up.yml:up"]);
    for (const { job, step } of steps) {
      const all = job.steps!;
      expect(all.findIndex((s) => s.uses === "./.github/actions/stack-credentials")).toBeLessThan(all.indexOf(step));
      expect(all.find((s) => s.uses === "./.github/actions/stack-credentials")!.with).toMatchObject({ "pulumi-organization": "${{ vars.PULUMI_ORG }}" });
      expect((job.permissions as Record<string, string>)["id-token"]).toBe("write");
    }
  });

  it("org-qualified stack names, the tested CLI version pinned, upsert on both, refresh on up", () => {
    const version = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).dependencies["@pulumi/pulumi"];
    for (const { step } of pulumiSteps()) {
      expect(step.with!["stack-name"]).toMatch(/^\$\{\{ vars\.PULUMI_ORG \}\}\/\$\{\{ (matrix|inputs)\.project \}\}\/\$\{\{ (matrix|inputs)\.stack \}\}$/);
      expect(String(step.with!["pulumi-version"])).toBe(version);
      expect(step.with!["upsert"]).toBe(true);
    }
    const up = pulumiSteps().find((s) => s.step.with!["command"] === "up")!;
    expect(up.step.with!["refresh"]).toBe(true);
  });

  it("AWS by a role and OIDC (configure-aws-credentials); Entra by workload identity federation: no AWS keys, no client secret", () => {
    const aws = credentialsAction().runs.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!;
    expect(aws.with).toEqual({ "role-to-assume": "${{ inputs.aws-role-arn }}", "aws-region": "${{ inputs.aws-region }}" });
    expect(allWorkflowText()).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|ARM_CLIENT_SECRET|KIS_GRAPH_CLIENT_SECRET/);
    for (const { step } of pulumiSteps()) expect(step.env).toMatchObject({ ARM_USE_OIDC: "true", ARM_CLIENT_ID: "${{ vars.ARM_CLIENT_ID }}", ARM_TENANT_ID: "${{ vars.ARM_TENANT_ID }}" });
  });

  it("cluster, F5, ZPA, PingAccess and Okta credentials reach every preview and up, each named in the docs' credentials table", () => {
    const guide = readFileSync(join(REPO_ROOT, "docs", "platform-guide.md"), "utf8");
    const table = guide.slice(guide.indexOf("## Credentials"));
    for (const { job, step } of pulumiSteps()) {
      for (const name of ["F5_PASSWORD", "ZPA_CLIENT_ID", "ZPA_CLIENT_SECRET", "PINGACCESS_ADMIN_PASSWORD", "OKTA_API_TOKEN", "PULUMI_CONFIG_PASSPHRASE"]) {
        expect(step.env![name], name).toBe(`\${{ secrets.${name} }}`);
        expect(table, name).toContain(`\`${name}\``);
      }
      expect(job.steps!.find((s) => s.uses === "./.github/actions/stack-credentials")!.with!["kubeconfig"]).toBe("${{ secrets.KUBECONFIG }}");
    }
    for (const name of ["KUBECONFIG", "PULUMI_ORG", "AWS_ROLE_ARN", "AWS_REGION", "ARM_CLIENT_ID", "ARM_TENANT_ID"]) expect(table, name).toContain(`\`${name}\``);
  });

  it("deploy: development stacks first, production only after them, through a gate that checks the environments' protection", () => {
    const jobs = workflow("deploy.yml").jobs;
    expect(Object.keys(jobs)).toEqual(["stacks", "development", "production-gate", "production"]);
    expect(jobs["development"]!.uses).toBe("./.github/workflows/pulumi-up.yml");
    expect(jobs["development"]!.strategy!.matrix!.include).toBe("${{ fromJSON(needs.stacks.outputs.development) }}");
    expect(jobs["production-gate"]!.needs).toEqual(["stacks", "development"]);
    expect(jobs["production-gate"]!.if).toContain("needs.development.result == 'success'");
    expect(jobs["production-gate"]!.steps!.at(-1)!.run).toBe("node .github/scripts/check-environment-protection.js $ENVIRONMENTS");
    expect((jobs["production-gate"]!.permissions as Record<string, string>)["actions"]).toBe("read");
    expect(jobs["production"]!.needs).toEqual(["stacks", "production-gate"]);
    expect(jobs["production"]!.uses).toBe("./.github/workflows/pulumi-up.yml");
    expect(jobs["production"]!.strategy!.matrix!.include).toBe("${{ fromJSON(needs.stacks.outputs.production) }}");
    const up = workflow("pulumi-up.yml").jobs["up"]!;
    expect(up.environment).toBe("${{ inputs.stack }}");
    expect(up.concurrency).toEqual({ group: "deploy-${{ inputs.stack }}", "cancel-in-progress": false });
  });

  it("one pull-request comment: no preview comments by itself; the comment job posts with the base branch's script", () => {
    const wf = workflow("preview.yml");
    const text = readFileSync(join(DIR, "preview.yml"), "utf8");
    expect(text.match(/createComment|updateComment|comment-on-pr: true/g)).toBeNull();
    const comment = wf.jobs["comment"]!;
    expect(comment.needs).toEqual(["identity-review", "pulumi-preview"]);
    expect(comment.steps![0]!.with).toMatchObject({ ref: "${{ github.event.pull_request.base.sha }}", path: "base" });
    expect(String(comment.steps!.at(-1)!.with!["script"])).toContain("/base/.github/scripts/pr-comment.js");
    expect(comment.steps!.filter((s) => s.uses?.startsWith("actions/download-artifact@")).map((s) => s.with!["name"] ?? s.with!["pattern"])).toEqual(["identity-review", "preview-*"]);
  });

  it("test.yml runs typecheck, lint and the unit tests", () => {
    const runs = workflow("test.yml").jobs["test"]!.steps!.map((s) => s.run).filter(Boolean);
    expect(runs).toEqual(["npm ci --no-audit --no-fund", "npm run typecheck", "npm run lint", "npm test"]);
  });
});
