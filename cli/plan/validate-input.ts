import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import {
  clusterTarget,
  ConfigError,
  deployBlockers,
  displayKey,
  formatIssues,
  mayBeSecret,
  configNamespace,
  plainSecretProblems,
  SECRET_CONFIG_KEYS,
  validateStackConfigText,
  type StackConfig,
} from "../../infra/config";
import { policyConfigFileFor } from "../../policy-packs/identity/policies";
import { UsageError } from "../errors";
import { repoRoot } from "../repo-root";
import { escapeText } from "../output";
import { ciphertextProblems } from "./ciphertexts";
import { IDENTITY_PACK, readPolicyConfigFile, type PolicyPackConfig } from "./policy";
import { readStackFile, type StackFile } from "./stack-file";

export interface PlanInput {
  readonly stackFile: StackFile;
  readonly config: StackConfig;
  readonly deployment: { readonly cluster: string; readonly blockers: readonly string[] };
  readonly policyConfig: PolicyPackConfig;
  /** The policy config file applied: --policy-config, or the one the stack's production setting selects. */
  readonly policyConfigFile: string;
  /** `<out>/<stack>`, resolved and checked to lie inside `<out>`. */
  readonly artifactDir: string;
  /** Keys the program must receive as secrets: encrypted in the file, or listed in SECRET_CONFIG_KEYS. */
  readonly secretKeys: readonly string[];
}

/**
 * Everything `kis plan` checks before the Pulumi runtime starts and before a file is written: the stack file,
 * the config exactly as the program will decode it, secrets in clear, the policy config and the output folder.
 * Bad input throws UsageError or ConfigError (exit 2); nothing here writes a file.
 */
export function validatePlanInput(options: { stackFile: string; outDir: string; policyConfig?: string }): PlanInput {
  const stackFile = readStackFile(options.stackFile);
  const config = validateStackConfig(stackFile);
  const raw = validateStackConfigText(stackFile.engineConfig).raw;
  const deployment = { cluster: clusterTarget(raw, config), blockers: deployBlockers(raw, config) };
  // Without --policy-config the stack's own `production` setting picks the file the workflows pass to the engine.
  const policyConfigFile = options.policyConfig ?? resolve(repoRoot(), policyConfigFileFor(config.production));
  const policyConfig = existsSync(policyConfigFile) || options.policyConfig ? readPolicyConfigFile(policyConfigFile, IDENTITY_PACK.policies) : new Map();
  const artifactDir = checkOutDir(options.outDir, stackFile.stack);
  const present = Object.keys(stackFile.engineConfig);
  const secretKeys = [...new Set([...stackFile.secretKeys, ...SECRET_CONFIG_KEYS.map((s) => s.key).filter((k) => present.includes(k))])].sort();
  return { stackFile, config, deployment, policyConfig, policyConfigFile: relative(repoRoot(), policyConfigFile), artifactDir, secretKeys };
}

/**
 * The config as the program reads it: the engine's strings decoded by the program's own rawStackConfig (one
 * decoding rule, so `environment: "true"` means the same here and under `pulumi up`), then the schema, the
 * keys that must be secrets, and `secure:` values on keys that are not secrets. All problems in one error.
 */
export function validateStackConfig(stackFile: StackFile): StackConfig {
  const prefix = `${configNamespace()}:`;
  const { raw, quickstartProblems, result } = validateStackConfigText(stackFile.engineConfig);
  const encrypted = new Set(stackFile.secretKeys);
  const zpaSecretKey = zpaClientSecretKey(raw);
  // An encrypted value on a key that is no secret reaches the schema as a placeholder: say so instead of echoing it.
  const wrongSecure = stackFile.secretKeys.filter((k) => k.startsWith(prefix) && !mayBeSecret(k, zpaSecretKey ? [zpaSecretKey] : []));
  const problems = wrongSecure.map(
    (k) => `${displayKey(k)}: is encrypted (secure:) but is not a secret setting, and the schema needs its value; store it in clear: pulumi config set ${k} <value>`,
  );
  // `key:` with nothing after it: YAML null, which the engine would hand over as the text "null".
  const empty = Object.entries(stackFile.rawValues).filter(([k, v]) => k.startsWith(prefix) && v === null).map(([k]) => k);
  problems.push(...empty.map((k) => `${displayKey(k)}: the key has no value; give it one or remove the line`));
  const skip = new Set([...wrongSecure, ...empty].map(displayKey));
  // A stack file with only the quick-start scalars (pulumi new) gets its missing blocks built, as in the program.
  problems.push(...quickstartProblems);
  if (!result.success && quickstartProblems.length === 0) {
    problems.push(...formatIssues(result.error.issues).filter((line) => !skip.has(line.split(/[.[:]/, 1)[0]!)));
  }
  problems.push(...plainSecretProblems(Object.keys(stackFile.engineConfig), (k) => encrypted.has(k), zpaSecretKey ? [zpaSecretKey] : []));
  const ciphertexts = Object.fromEntries(Object.entries(stackFile.ciphertexts).filter(([k]) => !wrongSecure.includes(k)));
  problems.push(...ciphertextProblems(stackFile.secretsProvider, ciphertexts, stackFile.stack));
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data!;
}

/** The config key the ZPA block reads its client secret from, when it reads it from Pulumi config. */
function zpaClientSecretKey(raw: Record<string, unknown>): string | undefined {
  const zpa = raw["zpa"] as { credentials?: { source?: unknown; clientSecretKey?: unknown } } | undefined;
  const creds = typeof zpa === "object" && zpa !== null ? zpa.credentials : undefined;
  if (!creds || creds.source !== "pulumi-config") return undefined;
  return typeof creds.clientSecretKey === "string" ? creds.clientSecretKey : "zpa:clientSecret";
}

/**
 * `<out>/<stack>`, only after checking that it lies inside `<out>` and that `<out>` is, or can be created as, a
 * writable directory. Creates nothing: a run that fails later leaves no folder behind.
 */
export function checkOutDir(outDir: string, stack: string): string {
  const out = resolve(outDir);
  const dir = resolve(out, stack);
  const rel = relative(out, dir);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel) || rel.includes("/") || rel.includes("\\")) {
    throw new UsageError(`--out ${escapeText(outDir)}: the stack folder ${escapeText(dir)} would not be directly inside it; use a plain stack name`);
  }
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new UsageError(`--out ${escapeText(outDir)}: is a file, not a directory; pass a directory (it is created if missing)`);
  }
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UsageError(`--out ${escapeText(outDir)}: ${escapeText(dir)} is a file; remove it or pass another --out`);
  }
  // The nearest folder that exists must be a writable directory (it is where `<out>` will be created).
  let existing = out;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) {
    throw new UsageError(`--out ${escapeText(outDir)}: ${escapeText(existing)} is a file, not a directory; pass another --out`);
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch (err) {
    throw new UsageError(`--out ${escapeText(outDir)}: cannot write there (${(err as NodeJS.ErrnoException).code ?? "error"}); pass a writable directory`);
  }
  return dir;
}
