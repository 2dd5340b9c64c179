import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { writeTemplate } from "../../../cli/template/write-template";
import { REPO_ROOT, tempDir } from "../../support/run-kis";
import { pulumiWorkspace, type PulumiWorkspace } from "../support/pulumi-cli";
import { POLICY_PACK, policyVerdicts, requireLanguageHost } from "./engine-program";

/**
 * `pulumi new <template> --yes` by the real CLI, as a platform team runs it: a renamed project, a stack name of its
 * own, one IdP's answers; then `pulumi preview` of what it made, and `pulumi up` of a stack left with placeholders.
 * The new project's node_modules is linked from this repository and `npm` is a no-op on PATH for `pulumi new` only:
 * installing 700 MB of packages again would prove npm, not the template.
 */
const ANSWERS = {
  okta: { idpTenant: "dev-123456" },
  cognito: { idpTenant: "eu-central-1" },
  entra: { idpTenant: "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f" },
} as const;
const PROJECT = "payments-edge";
let template: string;
let noNpm: string;

beforeAll(() => {
  requireLanguageHost();
  template = tempDir("template");
  writeTemplate(template, REPO_ROOT);
  noNpm = tempDir("no-npm");
  writeFileSync(join(noNpm, "npm"), "#!/bin/sh\n# pulumi new's dependency install: the project's node_modules is linked (see the test)\nexit 0\n");
  chmodSync(join(noNpm, "npm"), 0o755);
});

/** One project per backend, as one team's Pulumi organization holds one project of that name. */
function pulumiNew(stack: string, config: Record<string, string>): { dir: string; ws: PulumiWorkspace } {
  const ws = pulumiWorkspace(`new-${stack}`);
  const dir = join(tempDir("new-project"), PROJECT);
  mkdirSync(dir);
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
  const run = ws.pulumi(
    ["new", template, "--yes", "--force", "--dir", dir, "--name", PROJECT, "--description", "Payments API edge", "--stack", stack, ...Object.entries(config).flatMap(([k, v]) => ["--config", `${k}=${v}`])],
    { env: { PATH: `${noNpm}:${ws.env["PATH"]}` }, cwd: dir },
  );
  expect(run.status, `${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`).toBe(0);
  return { dir, ws };
}

const stackConfig = (dir: string, stack: string) => (parse(readFileSync(join(dir, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> }).config;

describe.each(Object.keys(ANSWERS) as (keyof typeof ANSWERS)[])("pulumi new <template> --yes with %s answers, project payments-edge, a stack name of its own", (idp) => {
  it("writes exactly those answers under the project's own name, and the stack previews with exit 0", () => {
    const stack = `payments-${idp}-dev`;
    const answers = { environment: "payments-dev", idp, ...ANSWERS[idp], apiName: "payments-api", hostname: "api.payments.example.com", kubernetesContext: "payments-dev-cluster" };
    const { dir, ws } = pulumiNew(stack, answers);
    const config = stackConfig(dir, stack);
    for (const [k, v] of Object.entries(answers)) expect(config[`${PROJECT}:${k}`], k).toBe(v);
    expect(config[`${PROJECT}:production`]).toBe("false");
    expect(Object.keys(config).filter((k) => k.startsWith("kong-identity-stack:"))).toEqual([]);
    const preview = ws.pulumi(["preview", "--stack", stack, "--policy-pack", POLICY_PACK, "--policy-pack-config", join(POLICY_PACK, "config", "dev.json")], { cwd: dir });
    expect(preview.status, `${preview.stdout.slice(-3000)}\n${preview.stderr.slice(-2000)}`).toBe(0);
    expect(policyVerdicts(preview).violated).toEqual([]);
    expect(`${preview.stdout}${preview.stderr}`).toMatch(new RegExp(`${idp === "okta" ? "okta:" : idp === "cognito" ? "aws:cognito" : "azuread:"}`));
  });
});

describe("a stack left with the template's placeholders", () => {
  it("previews (with a warning naming each key) but pulumi up refuses it before creating anything", { timeout: 400_000 }, () => {
    const { dir, ws } = pulumiNew("placeholder-dev", {});
    const preview = ws.pulumi(["preview", "--stack", "placeholder-dev"], { cwd: dir });
    expect(preview.status, preview.stderr.slice(-2000)).toBe(0);
    expect(preview.stdout + preview.stderr).toMatch(/idpTenant: is the placeholder replace-me.*pulumi up will refuse/);
    const up = ws.pulumi(["up", "--yes", "--stack", "placeholder-dev"], { cwd: dir });
    expect(up.status).not.toBe(0);
    expect(up.stdout + up.stderr).toMatch(/idpTenant: is the placeholder replace-me/);
    expect(up.stdout + up.stderr).toMatch(/kubernetes\.context: is the placeholder replace-me/);
    // Refused by the program before it registered anything: the state holds no resource of any vendor.
    const state = ws.pulumi(["stack", "export", "--stack", "placeholder-dev"], { cwd: dir });
    expect(state.status, state.stderr).toBe(0);
    const types = ((JSON.parse(state.stdout).deployment.resources ?? []) as { type: string }[]).map((r) => r.type);
    expect(types.filter((t) => !t.startsWith("pulumi:"))).toEqual([]);
  });
});
