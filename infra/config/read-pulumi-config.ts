import * as pulumi from "@pulumi/pulumi";
import { ConfigError, formatIssues } from "./parse";
import { expandQuickstart } from "./quickstart";
import { plainSecretProblems } from "./secret-keys";
import { stackConfigSchema, stackObjectSchema, type StackConfig } from "./schema";
import { configNamespace } from "./project-name";
import { deployBlockers, deployVerdict } from "./deploy-readiness";


/**
 * Collects this project's keys from the stack config the engine (or the offline plan) provides.
 * Every key is read, not only the known ones, so a misspelt key is reported instead of ignored.
 */
export function rawStackConfig(all: Readonly<Record<string, string>> = pulumi.runtime.allConfig()): Record<string, unknown> {
  const prefix = `${configNamespace()}:`;
  return Object.fromEntries(
    Object.entries(all)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), decodeConfigValue(key.slice(prefix.length), value)]),
  );
}

/**
 * The one decoding rule, shared by `pulumi up` and `kis plan`: the engine hands every value over as text, with
 * structured values (objects, lists) as JSON. Text is JSON-decoded only when it is an object or a list, or when
 * the key is a boolean setting; so `environment: "true"` stays the text "true" (a valid environment name), and
 * `production: "true"` means true, as Pulumi's own Config.getBoolean reads it.
 */
export function decodeConfigValue(key: string, value: string): unknown {
  const structured = /^\s*[[{]/.test(value);
  const boolean = BOOLEAN_KEYS.has(key) && /^(true|false)$/.test(value);
  if (!structured && !boolean) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Top-level keys whose schema is a boolean (today: production). */
const BOOLEAN_KEYS: ReadonlySet<string> = new Set(
  Object.entries(stackObjectSchema.shape)
    .filter(([, s]) => innerType(s) === "boolean")
    .map(([k]) => k),
);

function innerType(schema: unknown): string | undefined {
  let s = schema as { def?: { type?: string; innerType?: unknown } } | undefined;
  while (s?.def && (s.def.type === "optional" || s.def.type === "default" || s.def.type === "nullable")) s = s.def.innerType as typeof s;
  return s?.def?.type;
}

/** This project's config as the engine hands it over, decoded, with the quick-start blocks built and the schema's verdict. */
export interface StackConfigValidation {
  readonly raw: Record<string, unknown>;
  /** Problems of a quick-start stack file; when there are any, `result` is not consulted. */
  readonly quickstartProblems: readonly string[];
  readonly result: ReturnType<typeof stackConfigSchema.safeParse>;
}

let lastValidation: { text: string; validation: StackConfigValidation } | undefined;

/**
 * Validates this project's keys of the engine's config. The last result is kept by the exact text it read:
 * `kis plan` validates the stack file before the Pulumi runtime starts (bad input is exit 2, nothing written)
 * and the program then reads the same text from the runtime, so it gets the same verdict without a second
 * schema pass (~50 ms per 1000 routes). Any other text, e.g. every `pulumi up`, is validated as it comes.
 */
export function validateStackConfigText(all: Readonly<Record<string, string>> = pulumi.runtime.allConfig()): StackConfigValidation {
  const prefix = `${configNamespace()}:`;
  const text = Object.entries(all)
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, value]) => `${key}\u0000${value}`)
    .join("\u0001");
  if (lastValidation?.text === text) return lastValidation.validation;
  const raw = rawStackConfig(all);
  const quick = expandQuickstart(raw);
  const validation = { raw, quickstartProblems: quick.problems, result: stackConfigSchema.safeParse(quick.config) };
  lastValidation = { text, validation };
  return validation;
}

/**
 * Reads and validates the stack config. A bad value stops the program before any resource is registered,
 * with one line per problem; RunError keeps the engine from printing a stack trace.
 */
export function readStackConfig(): StackConfig {
  try {
    const { quickstartProblems, result } = validateStackConfigText();
    if (quickstartProblems.length > 0) throw new ConfigError(quickstartProblems);
    if (!result.success) throw new ConfigError(formatIssues(result.error.issues));
    // A copy: the plan keeps the config it validated, and nothing the program does may change it.
    const config = structuredClone(result.data);
    // Under the engine, a value is secret when the stack file holds it encrypted or ESC supplies it as a secret.
    const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret ?? (() => true);
    const zpa = config.zpa?.credentials.source === "pulumi-config" ? [config.zpa.credentials.clientSecretKey] : [];
    const plain = plainSecretProblems(Object.keys(pulumi.runtime.allConfig()), isSecret, zpa);
    if (plain.length > 0) throw new ConfigError(plain);
    const blockers = deployBlockers(validateStackConfigText().raw, config);
    const verdict = deployVerdict(blockers, { engine: pulumi.runtime.hasEngine(), dryRun: pulumi.runtime.isDryRun() });
    if (verdict === "refuse") throw new ConfigError(blockers.map((b) => `${b} (pulumi up refuses a stack it cannot deploy as planned)`));
    if (verdict === "warn") for (const b of blockers) void pulumi.log.warn(`${b}; pulumi up will refuse this stack until it is set`);
    return config;
  } catch (err) {
    if (err instanceof ConfigError) {
      throw new pulumi.RunError(`invalid stack configuration:\n  ${err.problems.join("\n  ")}`);
    }
    throw err;
  }
}
