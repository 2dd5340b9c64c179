import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { PROJECT_NAME } from "../../infra/config";
import { UsageError } from "../errors";

export interface StackFile {
  readonly stack: string;
  readonly path: string;
  /** Config keys without the project prefix, values as YAML gave them. */
  readonly config: Record<string, unknown>;
}

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
  const config = (doc as { config?: Record<string, unknown> } | null)?.config ?? {};
  const prefix = `${PROJECT_NAME}:`;
  const foreign = Object.keys(config).filter((k) => !k.startsWith(prefix));
  if (foreign.length > 0) {
    throw new UsageError(`${path}: config key ${foreign[0]} does not belong to this project; expected keys named ${prefix}<key>`);
  }
  const secure = Object.entries(config).find(([, v]) => v && typeof v === "object" && "secure" in (v as object));
  if (secure) {
    throw new UsageError(
      `${secure[0]}: holds an encrypted value that the offline plan cannot decrypt; plan with a stack file that references secrets by name, or run pulumi preview`,
    );
  }
  return {
    stack,
    path,
    config: Object.fromEntries(Object.entries(config).map(([k, v]) => [k.slice(prefix.length), v])),
  };
}

/** The engine passes structured config as JSON text; the offline plan does the same. */
export function toEngineConfig(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [`${PROJECT_NAME}:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}
