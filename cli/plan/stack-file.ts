import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { configNamespace } from "../../infra/config";
import { UsageError } from "../errors";
import { escapeText } from "../output";
import { checkStackName } from "./stack-name";
import type { SecretsProviderFields } from "./ciphertexts";
import { ESC_VALUE_PLACEHOLDER, escEnvironments, escExpectation, type EscExpectation } from "./esc";
import { parseStackYaml } from "./stack-yaml";

export interface StackFile {
  readonly stack: string;
  readonly path: string;
  /** This project's keys without the prefix, as the schema validates them. */
  readonly config: Record<string, unknown>;
  /** Every key (other namespaces too, e.g. `azuread:tenantId`), as the engine hands config to a program. */
  readonly engineConfig: Record<string, string>;
  /** Every key's value as the YAML holds it (secure: values as their { secure } object). */
  readonly rawValues: Readonly<Record<string, unknown>>;
  /** Keys whose values are `secure:` in the file: they reach the program as secrets holding a placeholder. */
  readonly secretKeys: readonly string[];
  /** `environment:` (Pulumi ESC) and the secrets the plan expects from it, filled with placeholders. */
  readonly esc: EscExpectation;
  /** The top-level fields that name the stack's secrets provider (`encryptionsalt:`, `secretsprovider:`, ...). */
  readonly secretsProvider: SecretsProviderFields;
  /** The `secure:` text of each encrypted key written in the file (not those ESC supplies). */
  readonly ciphertexts: Readonly<Record<string, unknown>>;
}

/**
 * What an encrypted (`secure:`) value becomes in the offline plan: the plan has no secrets provider to decrypt
 * it, and needs none, because nothing offline sends the value anywhere. The program still reads it as a secret.
 */
export const ENCRYPTED_VALUE_PLACEHOLDER = "[secret: encrypted in the stack file, not decrypted by kis plan]";

export function listStacks(stacksDir: string): string[] {
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => Boolean(s))
    .sort();
}

/** Finds `stacks/Pulumi.<stack>.yaml`. */
export function stackFilePath(stacksDir: string, stack: string): string {
  checkStackName(stack, "--stack:");
  const path = join(stacksDir, `Pulumi.${stack}.yaml`);
  if (!existsSync(path)) {
    const known = listStacks(stacksDir);
    throw new UsageError(`--stack ${escapeText(stack)}: no ${escapeText(path)}; known stacks: ${known.join(", ") || "none"}`);
  }
  return path;
}

/** The stack name a file stands for: `Pulumi.<stack>.yaml` → `<stack>`, otherwise the file's base name. */
export function stackNameOf(path: string): string {
  const file = basename(path);
  return /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1] ?? file.replace(/\.ya?ml$/, "");
}

/** Reads a stack file the way the engine would hand its config to the program. */
export function readStackFile(path: string): StackFile {
  const shown = escapeText(path);
  const stack = stackNameOf(path);
  checkStackName(stack, `--stack-file ${shown}: stack name from the file name:`, "rename the file to Pulumi.<stack>.yaml");
  if (!existsSync(path)) throw new UsageError(`--stack-file ${shown}: no such file`);
  if (statSync(path).isDirectory()) throw new UsageError(`--stack-file ${shown}: is a directory; pass the stack file itself (Pulumi.<stack>.yaml)`);
  const { config: fileConfig, doc } = stackConfigMapping(shown, readFileSync(path));
  const prefix = `${configNamespace()}:`;
  // Secrets left to Pulumi ESC are planned like secure: values: present, secret, never resolved.
  const esc = escExpectation(escEnvironments(doc, shown), projectKeys(fileConfig, prefix));
  const all = { ...fileConfig, ...Object.fromEntries(esc.configKeys.map((k) => [`${prefix}${k}`, { secure: ESC_VALUE_PLACEHOLDER }])) };
  const secretKeys = Object.keys(all).filter((k) => isEncrypted(all[k])).sort();
  const values = Object.fromEntries(
    Object.entries(all).map(([k, v]) => [k, isEncrypted(v) ? placeholderOf(v) : v] as const),
  );
  return {
    stack,
    path,
    config: Object.fromEntries(
      Object.entries(values)
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => [k.slice(prefix.length), v]),
    ),
    engineConfig: toEngineConfig(values),
    rawValues: all,
    secretKeys,
    esc,
    secretsProvider: providerFields(doc),
    ciphertexts: Object.fromEntries(Object.entries(fileConfig).filter(([, v]) => isEncrypted(v)).map(([k, v]) => [k, (v as { secure: unknown }).secure])),
  };
}

function projectKeys(config: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
}

const placeholderOf = (v: unknown) => ((v as { secure: unknown }).secure === ESC_VALUE_PLACEHOLDER ? ESC_VALUE_PLACEHOLDER : ENCRYPTED_VALUE_PLACEHOLDER);

const notAStackFile = () => `this is not a Pulumi stack file (expected UTF-8 YAML with a config: mapping of keys such as ${configNamespace()}:environment)`;

/**
 * The `config:` mapping of a stack file, or one line saying why the bytes are not a stack file at all: binary,
 * UTF-16, empty, or YAML without a `config:` mapping would otherwise surface as a list of "missing" keys.
 */
function stackConfigMapping(shown: string, bytes: Buffer): { config: Record<string, unknown>; doc: unknown } {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16 || bytes.includes(0)) throw new UsageError(`${shown}: ${notAStackFile()}; it is ${utf16 ? "UTF-16 text: save it as UTF-8" : "binary"}`);
  const text = bytes.toString("utf8");
  if (text.includes("\uFFFD")) throw new UsageError(`${shown}: ${notAStackFile()}; it is not UTF-8 text`);
  if (text.trim() === "") throw new UsageError(`${shown}: ${notAStackFile()}; the file is empty`);
  let doc: unknown;
  try {
    doc = parseStackYaml(text);
  } catch (err) {
    throw new UsageError(`${shown}: ${yamlProblem(err)}`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new UsageError(`${shown}: ${notAStackFile()}; its top level is ${Array.isArray(doc) ? "a list" : doc === null ? "empty" : `a ${typeof doc}`}`);
  }
  const config = (doc as Record<string, unknown>)["config"];
  if (config === undefined) throw new UsageError(`${shown}: ${notAStackFile()}; it has no config: key`);
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new UsageError(`${shown}: config: expected a mapping of config keys (${configNamespace()}:environment: dev, ...), got ${config === null ? "nothing" : Array.isArray(config) ? "a list" : `a ${typeof config}`}`);
  }
  return { config: config as Record<string, unknown>, doc };
}

/** `not valid YAML at line 3, column 5: Implicit keys need to be on a single line`: no trailing context excerpt. */
function yamlProblem(err: unknown): string {
  const e = err as { message?: string; linePos?: { line: number; col: number }[] };
  const reason = (e.message ?? String(err)).split("\n")[0]!.replace(/\s+at line \d+, column \d+:?\s*$/, "").replace(/[:\s]+$/, "");
  const at = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "";
  return `not valid YAML${at}: ${escapeText(reason)}`;
}

function providerFields(doc: unknown): SecretsProviderFields {
  const top = doc as Record<string, unknown>;
  return { secretsprovider: top["secretsprovider"], encryptionsalt: top["encryptionsalt"], encryptedkey: top["encryptedkey"] };
}

function isEncrypted(value: unknown): boolean {
  return Boolean(value) && typeof value === "object" && "secure" in (value as object);
}

/** The engine passes structured config as JSON text; the offline plan does the same. Keys keep their namespace. */
function toEngineConfig(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
