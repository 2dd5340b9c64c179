import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { PROJECT_NAME } from "../../infra/config";
import { UsageError } from "../errors";
import { ESC_VALUE_PLACEHOLDER, escEnvironments, escExpectation, type EscExpectation } from "./esc";

export interface StackFile {
  readonly stack: string;
  readonly path: string;
  /** This project's keys without the prefix, as the schema validates them. */
  readonly config: Record<string, unknown>;
  /** Every key (other namespaces too, e.g. `azuread:tenantId`), as the engine hands config to a program. */
  readonly engineConfig: Record<string, string>;
  /** Keys whose values are `secure:` in the file: they reach the program as secrets holding a placeholder. */
  readonly secretKeys: readonly string[];
  /** `environment:` (Pulumi ESC) and the secrets the plan expects from it, filled with placeholders. */
  readonly esc: EscExpectation;
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
  const path = join(stacksDir, `Pulumi.${stack}.yaml`);
  if (!existsSync(path)) {
    const known = listStacks(stacksDir);
    throw new UsageError(`--stack ${stack}: no ${path}; known stacks: ${known.join(", ") || "none"}`);
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
  const stack = stackNameOf(path);
  if (!existsSync(path)) throw new UsageError(`--stack-file ${path}: no such file`);
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new UsageError(`${path}: not valid YAML (${(err as Error).message.split("\n")[0]})`);
  }
  const prefix = `${PROJECT_NAME}:`;
  const fileConfig = (doc as { config?: Record<string, unknown> } | null)?.config ?? {};
  // Secrets left to Pulumi ESC are planned like secure: values: present, secret, never resolved.
  const esc = escExpectation(escEnvironments(doc, path), projectKeys(fileConfig, prefix));
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
    secretKeys,
    esc,
  };
}

function projectKeys(config: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
}

const placeholderOf = (v: unknown) => ((v as { secure: unknown }).secure === ESC_VALUE_PLACEHOLDER ? ESC_VALUE_PLACEHOLDER : ENCRYPTED_VALUE_PLACEHOLDER);

function isEncrypted(value: unknown): boolean {
  return Boolean(value) && typeof value === "object" && "secure" in (value as object);
}

/** The engine passes structured config as JSON text; the offline plan does the same. Keys keep their namespace. */
function toEngineConfig(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
