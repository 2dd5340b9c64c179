import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";

/** A resource as a policy sees it: type, name and (unwrapped) input properties. */
export interface PolicyFixture {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, any>;
  /** Name of the parent fixture (stack policies see it as `parent`). */
  readonly parent?: string;
  /** Names of fixtures this one depends on (stack policies see them as `dependencies`). */
  readonly dependsOn?: readonly string[];
  /** Defaults to `urn:pulumi:test::kong-identity-stack::<type>::<name>`; set it to test stack-name rules. */
  readonly urn?: string;
  /**
   * Top-level inputs that were Pulumi secrets, as `kis plan` passes them. Leave unset to call the policy as
   * the engine does (which cannot say what was secret).
   */
  readonly secretInputs?: readonly string[];
}

export interface Violation {
  readonly message: string;
  readonly urn?: string;
}

const urnOf = (r: PolicyFixture) => r.urn ?? `urn:pulumi:test::kong-identity-stack::${r.type}::${r.name}`;
const OPTS = { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };

/** Runs one resource policy over one resource, the way the engine calls it, and collects violations. */
export async function runResourcePolicy(
  policy: ResourceValidationPolicy,
  resource: PolicyFixture,
  config: object = {},
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const report: ReportViolation = (message, urn) => violations.push({ message, urn });
  const args = {
    type: resource.type,
    props: resource.props,
    urn: urnOf(resource),
    name: resource.name,
    opts: OPTS,
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: () => ({ ...defaultsOf(policy), ...config }),
    notApplicable: () => {
      throw new Error("not applicable");
    },
    ...(resource.secretInputs ? { secretInputs: resource.secretInputs } : {}),
  } as unknown as ResourceValidationArgs;
  const validations = [policy.validateResource ?? []].flat();
  for (const validate of validations) await validate(args, report);
  return violations;
}

/** Runs one stack policy over a list of resources and collects violations. */
export async function runStackPolicy(
  policy: StackValidationPolicy,
  resources: readonly PolicyFixture[],
  config: object = {},
): Promise<Violation[]> {
  const violations: Violation[] = [];
  const byUrn = new Map<string, PolicyResource>();
  for (const r of resources) {
    byUrn.set(urnOf(r), { type: r.type, name: r.name, props: r.props, urn: urnOf(r), opts: OPTS, dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined } as unknown as PolicyResource);
  }
  const byName = (name: string) => [...byUrn.values()].find((p) => p.name === name);
  for (const r of resources) {
    const resource = byUrn.get(urnOf(r))!;
    if (r.parent) resource.parent = byName(r.parent);
    resource.dependencies = (r.dependsOn ?? []).map(byName).filter((d): d is PolicyResource => d !== undefined);
  }
  await policy.validateStack(
    {
      resources: [...byUrn.values()],
      stackTags: new Map(),
      getConfig: () => ({ ...defaultsOf(policy), ...config }),
      notApplicable: () => {
        throw new Error("not applicable");
      },
    } as never,
    (message, urn) => violations.push({ message, urn }),
  );
  return violations;
}

function defaultsOf(policy: { configSchema?: { properties?: Record<string, { default?: unknown }> } }): Record<string, unknown> {
  const props = policy.configSchema?.properties ?? {};
  return Object.fromEntries(Object.entries(props).filter(([, p]) => p.default !== undefined).map(([k, p]) => [k, p.default]));
}
