import type {
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import type { IdentityPolicy } from "../../../policy-packs/identity/policies";
import type { RecordedOutputs, RecordedResource } from "../offline-runtime";
import type { PolicyPackConfig } from "./policy-config";
import type { EnforcementLevel, PolicyReport, PolicyViolation } from "./types";

export interface PackToRun {
  readonly name: string;
  /** The pack-wide enforcement level (the PolicyPack's `enforcementLevel`). */
  readonly enforcementLevel: EnforcementLevel;
  readonly policies: readonly IdentityPolicy[];
}

export interface PolicyRunInput {
  readonly pack: PackToRun;
  readonly resources: readonly RecordedResource[];
  /** Components' registered outputs: their properties in stack policies, as under the engine. */
  readonly componentOutputs: ReadonlyMap<string, RecordedOutputs>;
  readonly config: PolicyPackConfig;
  readonly configFile?: string;
}

/**
 * Runs a policy pack over the recorded resources the way @pulumi/policy's analyzer does under the engine:
 * each resource policy once per custom resource (Analyze: the resource's inputs), each stack policy once
 * over all resources (AnalyzeStack: custom resources' properties and components' registered outputs, with
 * parent and dependencies linked). The enforcement level is the config's, else the policy's, else the
 * pack's; "disabled" skips a policy and "remediate" counts as mandatory (validation-only pack).
 *
 * One difference is deliberate: inputs that were Pulumi secrets arrive as "[secret]" placeholders and the
 * args carry `secretInputs`, which lets secrets-are-secret check what the engine's analyzer cannot see.
 */
export async function runPolicyPack(input: PolicyRunInput): Promise<PolicyReport> {
  const { pack, config } = input;
  const stackResources = linkResources(input.resources, input.componentOutputs);
  const violations: PolicyViolation[] = [];
  const ran: { name: string; enforcementLevel: EnforcementLevel }[] = [];

  for (const policy of pack.policies) {
    const level = config.get(policy.name)?.enforcementLevel ?? config.get("all")?.enforcementLevel ?? policy.enforcementLevel ?? pack.enforcementLevel;
    ran.push({ name: policy.name, enforcementLevel: level });
    if (level === "disabled") continue;
    const counted = level === "advisory" ? "advisory" : "mandatory";
    const properties = { ...schemaDefaults(policy), ...(config.get(policy.name)?.properties ?? {}) };
    const getConfig = <T extends object>() => ({ ...properties }) as T;
    const byUrn = new Map(input.resources.map((r) => [r.urn, r]));
    const report =
      (fallbackUrn: string | undefined): ReportViolation =>
      (message, urn) => {
        const at = byUrn.get(urn ?? fallbackUrn ?? "");
        violations.push({
          policy: policy.name,
          enforcementLevel: counted,
          resource: at ? { urn: at.urn, type: at.type, name: at.name } : undefined,
          message,
        });
      };

    const validations = policy.validateResource === undefined ? [] : [policy.validateResource].flat();
    for (const resource of validations.length > 0 ? input.resources.filter((r) => r.custom) : []) {
      const args = resourceArgs(resource, getConfig);
      for (const validate of validations) await guarded(policy.name, resource.urn, () => validate(args, report(resource.urn)));
    }
    if (policy.validateStack) {
      const validateStack = policy.validateStack;
      const args: StackValidationArgs = { resources: stackResources, getConfig, stackTags: new Map(), notApplicable };
      await guarded(policy.name, undefined, () => validateStack(args, report(undefined)));
    }
  }
  return {
    pack: pack.name,
    configFile: input.configFile,
    policies: ran,
    violations: violations.sort(
      (a, b) =>
        (a.resource?.urn ?? "").localeCompare(b.resource?.urn ?? "") || a.policy.localeCompare(b.policy) || a.message.localeCompare(b.message),
    ),
  };
}

const OPTIONS: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "not applicable");
};

/** isType/asType the way the analyzer answers them: by the class's Pulumi type token. */
function typeChecks(type: string, props: Record<string, unknown>) {
  const matches = (cls: unknown) => (cls as { __pulumiType?: string } | undefined)?.__pulumiType === type;
  return { isType: matches as never, asType: ((cls: unknown) => (matches(cls) ? props : undefined)) as never };
}

function resourceArgs(r: RecordedResource, getConfig: <T extends object>() => T): ResourceValidationArgs & { secretInputs: readonly string[] } {
  return {
    type: r.type,
    props: r.inputs,
    urn: r.urn,
    name: r.name,
    opts: { ...OPTIONS, ...(r.parent ? { parent: r.parent } : {}) },
    stackTags: new Map(),
    getConfig,
    notApplicable,
    ...typeChecks(r.type, r.inputs),
    secretInputs: r.secretInputs,
  };
}

function linkResources(resources: readonly RecordedResource[], outputs: ReadonlyMap<string, RecordedOutputs>): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  for (const r of resources) {
    const props = r.custom ? r.inputs : (outputs.get(r.urn)?.outputs ?? {});
    byUrn.set(r.urn, {
      type: r.type,
      name: r.name,
      urn: r.urn,
      props,
      opts: { ...OPTIONS, ...(r.parent ? { parent: r.parent } : {}) },
      dependencies: [],
      propertyDependencies: {},
      ...typeChecks(r.type, props),
    });
  }
  for (const r of resources) {
    const resource = byUrn.get(r.urn)!;
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    if (parent) resource.parent = parent;
    resource.dependencies = r.dependencies.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
  }
  return [...byUrn.values()];
}

function schemaDefaults(policy: IdentityPolicy): Record<string, unknown> {
  const props = policy.configSchema?.properties ?? {};
  return Object.fromEntries(
    Object.entries(props)
      .filter(([, p]) => typeof p === "object" && p !== null && "default" in p)
      .map(([k, p]) => [k, (p as { default: unknown }).default]),
  );
}

async function guarded(policy: string, urn: string | undefined, run: () => void | Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (err instanceof NotApplicable) return;
    throw new Error(`policy ${policy} failed${urn ? ` on ${urn}` : ""}: ${(err as Error).message}`);
  }
}
