import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { configNamespace } from "../../infra/config";
import { escapeText } from "../output";
import { validatePlanInput } from "./validate-input";
import { productionRules } from "./production-rules";
import { setJwksFetcher } from "../../components/kong";
import { PLAN_ARTIFACTS } from "./artifacts";
import { OFFLINE_JWKS } from "./offline-jwks";
import { IDENTITY_PACK, policyConfigWarnings, renderPolicyReport, runPolicyPack, type PolicyReport } from "./policy";
import { startOfflineRuntime } from "./offline-runtime";
import { buildPlanDocument, type PlanDocument } from "./plan-document";
import { resolveOutputs } from "./resolve-outputs";
import { engineConfigSizeWarning } from "./engine-config-size";
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
  progress(`validating ${escapeText(relative(process.cwd(), options.stackFile) || options.stackFile)}`);
  // Everything checked before anything runs or is written: bad input is exit 2, never a finding or a half-made folder.
  const { stackFile, config, deployment, policyConfig, policyConfigFile, artifactDir, secretKeys } = validatePlanInput(options);
  for (const warning of policyConfigWarnings(policyConfig, IDENTITY_PACK.policies)) progress(`warning: ${warning}`);
  for (const blocker of deployment.blockers) progress(`warning: not deployable yet: ${blocker}`);
  const stack = stackFile.stack;
  if (stackFile.esc.environments.length) progress(escLine(stackFile.esc));
  const tooBigForTheEngine = engineConfigSizeWarning(stackFile.engineConfig, config.routes.length);
  if (tooBigForTheEngine) progress(`warning: ${tooBigForTheEngine}`);

  progress("running infra/index.ts under Pulumi mocks (no Pulumi CLI, no cloud account)");
  const runtime = startOfflineRuntime({ project: configNamespace(), stack, config: stackFile.engineConfig, secretKeys: [...secretKeys] });
  // The OSS edition reads each IdP's JWKS at deploy time; offline, fixed public keys stand in for it.
  setJwksFetcher(async () => OFFLINE_JWKS);
  // require, not import(): the program is CommonJS like under the engine, and `kis` loads TypeScript through tsx's require hook.
  const program = require("../../infra/index") as Record<string, unknown>;
  const outputs = await resolveOutputs(program);
  await runtime.settled();
  // A plan of a program still at work would miss resources (and say yes): refuse before anything is written.
  const pending = runtime.pending();
  if (pending > 0) throw new Error(`the program still had ${pending} Pulumi operations pending after it settled; the plan would be incomplete`);
  progress(`recorded ${runtime.resources.length} resources`);

  progress(`running policy pack ${IDENTITY_PACK.name} (${IDENTITY_PACK.policies.length} policies)`);
  const policy = await runPolicyPack({
    pack: IDENTITY_PACK,
    resources: runtime.resources,
    componentOutputs: runtime.componentOutputs,
    config: policyConfig,
    configFile: policyConfigFile,
  });
  // The banner states what the policies apply, decided once (production-rules.ts), not what the config hopes for.
  const rules = productionRules(stack, config, IDENTITY_PACK.policies, policyConfig);
  if (rules.warning) progress(`warning: ${rules.warning}`);
  const plan: PlanDocument = {
    ...buildPlanDocument({ project: configNamespace(), stack, config: { ...config, production: rules.on }, outputs, resources: runtime.resources, policy }),
    productionRules: { on: rules.on, reason: rules.reason, ...(rules.warning ? { warning: rules.warning } : {}) },
    deployment,
  };
  const dir = artifactDir;
  // Render every artifact before writing any: a renderer that throws leaves no partial folder behind.
  const rendered = PLAN_ARTIFACTS.flatMap((a) => {
    const content = a.render(plan);
    return content === undefined ? [] : [{ path: join(dir, a.file), content }];
  });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const { path, content } of rendered) {
    writeFileSync(path, content);
    files.push(path);
  }
  progress(`wrote ${files.length} files to ${relative(process.cwd(), dir) || "."}`);
  const shown = files.map((f) => relative(process.cwd(), f) || f);
  return { plan, summary: `${renderSummary(plan, shown)}

${renderPolicyReport(policy)}`, files, policy };
}
