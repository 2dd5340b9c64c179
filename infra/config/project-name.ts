import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";

/**
 * The namespace of this project's own config keys: the project's name, never a constant, so a project that
 * `pulumi new` named `payments-edge` reads `payments-edge:idp` and `pulumi config set --secret kongTlsPrivateKey`
 * lands where the program looks. Under the engine and `kis plan`'s mocks it is the running project's name; before a
 * runtime exists (`kis` checking a stack file, `kis init`, tests) it is the `name:` of the Pulumi.yaml this code
 * sits under.
 */
export function configNamespace(): string {
  // Without a monitor (engine or mocks) the SDK answers "project", a name no stack file uses.
  return pulumi.runtime.getMonitor() ? pulumi.getProject() : projectNameFromFile();
}

let fromFile: string | undefined;

/** The `name:` of the nearest Pulumi.yaml above this file (the project this code was copied into). */
export function projectNameFromFile(): string {
  if (fromFile !== undefined) return fromFile;
  for (let dir = resolve(__dirname); ; dir = dirname(dir)) {
    const file = join(dir, "Pulumi.yaml");
    if (existsSync(file)) {
      const name = (parse(readFileSync(file, "utf8")) as { name?: unknown } | null)?.name;
      if (typeof name !== "string" || !/^[A-Za-z0-9_.-]+$/.test(name)) {
        throw new Error(`${file}: name: expected the project's name (letters, digits, '-', '_', '.'), got ${JSON.stringify(name)}`);
      }
      return (fromFile = name);
    }
    if (dirname(dir) === dir) throw new Error(`no Pulumi.yaml above ${__dirname}: the project's name is the namespace of its config keys`);
  }
}

/** `<namespace>:<key>` for one of this project's own keys. */
export const ownKey = (key: string): string => `${configNamespace()}:${key}`;
