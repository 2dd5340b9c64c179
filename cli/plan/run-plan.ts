import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { PROJECT_NAME, parseStackConfig } from "../../infra/config";
import { setJwksFetcher } from "../../components/kong";
import { PLAN_ARTIFACTS } from "./artifacts";
import { OFFLINE_JWKS } from "./offline-jwks";
import { IDENTITY_PACK, readPolicyConfigFile, renderPolicyReport, runPolicyPack, type PolicyReport } from "./policy";
import { startOfflineRuntime } from "./offline-runtime";
import { buildPlanDocument, type PlanDocument } from "./plan-document";
import { resolveOutputs } from "./resolve-outputs";
import { readStackFile } from "./stack-file";
import { escLine } from "./esc-report";
import { renderSummary } from "./summary";

export interface PlanOptions {
  /** Path of the stack file (`stacks/Pulumi.<stack>.yaml`, or any file of that shape). */
  readonly stackFile: string;
  /** Artifacts go to `<outDir>/<stack>/`. */
  readonly outDir: string;
  /** Progress lines for a person (stderr in the CLI). */
  readonly progress: (line: string) => void;
  /** `--policy-config FILE`: the JSON `pulumi preview --policy-pack-config` takes. */
  readonly policyConfig?: string;
}

export interface PlanResult {
  readonly plan: PlanDocument;
  readonly summary: string;
  readonly files: readonly string[];
  readonly policy: PolicyReport;
}

/**
 * The offline plan: validate the stack file, run the real program under Pulumi's mocks, record what it
 * registers, and write the artifacts. One plan per process: the Pulumi runtime is process-global.
 */
export async function runPlan(options: PlanOptions): Promise<PlanResult> {
  const { progress } = options;
  const stackFile = readStackFile(options.stackFile);
  const stack = stackFile.stack;
  progress(`validating ${relative(process.cwd(), stackFile.path) || stackFile.path}`);
  if (stackFile.esc.environments.length) progress(escLine(stackFile.esc));
  const config = parseStackConfig(stackFile.config);
  // Read before anything runs: a bad policy config is bad input (exit 2), not a finding.
  const policyConfig = options.policyConfig ? readPolicyConfigFile(options.policyConfig, IDENTITY_PACK.policies) : new Map();

  progress("running infra/index.ts under Pulumi mocks (no Pulumi CLI, no cloud account)");
  const runtime = startOfflineRuntime({ project: PROJECT_NAME, stack, config: stackFile.engineConfig, secretKeys: [...stackFile.secretKeys] });
  // The OSS edition reads each IdP's JWKS at deploy time; offline, fixed public keys stand in for it.
  setJwksFetcher(async () => OFFLINE_JWKS);
  // require, not import(): the program is CommonJS like under the engine, and `kis` loads TypeScript through tsx's require hook.
  const program = require("../../infra/index") as Record<string, unknown>;
  const outputs = await resolveOutputs(program);
  await runtime.settled();
  progress(`recorded ${runtime.resources.length} resources`);

  progress(`running policy pack ${IDENTITY_PACK.name} (${IDENTITY_PACK.policies.length} policies)`);
  const policy = await runPolicyPack({
    pack: IDENTITY_PACK,
    resources: runtime.resources,
    componentOutputs: runtime.componentOutputs,
    config: policyConfig,
    ...(options.policyConfig ? { configFile: relative(process.cwd(), options.policyConfig) || options.policyConfig } : {}),
  });
  const plan = buildPlanDocument({ project: PROJECT_NAME, stack, config, outputs, resources: runtime.resources, policy });
  const dir = resolve(options.outDir, stack);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const artifact of PLAN_ARTIFACTS) {
    const content = artifact.render(plan);
    if (content === undefined) continue;
    const path = join(dir, artifact.file);
    writeFileSync(path, content);
    files.push(path);
  }
  progress(`wrote ${files.length} files to ${relative(process.cwd(), dir) || "."}`);
  const shown = files.map((f) => relative(process.cwd(), f) || f);
  return { plan, summary: `${renderSummary(plan, shown)}

${renderPolicyReport(policy)}`, files, policy };
}
