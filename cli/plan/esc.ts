import { F5_SECRET_KEYS, KUBECONFIG_SECRET_KEY } from "../../infra/config";
import { UsageError } from "../errors";

/**
 * Pulumi ESC: a stack file may list `environment:` (ESC environments) that supply its secrets through
 * `pulumiConfig` and `environmentVariables`. `kis plan` never talks to Pulumi Cloud: it says which keys it
 * expects from ESC and plans each as a secret placeholder, as it does for `secure:` values.
 */
export const ESC_VALUE_PLACEHOLDER = "[secret: from Pulumi ESC, not resolved by kis plan]";

/** Which secrets a config needs that the stack file may leave to ESC. Other features append their rule. */
export interface EscSecretRule {
  /** Config keys (without the project prefix) the program reads as secrets when this rule applies. */
  readonly configKeys: (config: Readonly<Record<string, unknown>>) => readonly string[];
  /** Environment variables a provider reads at deploy time (ESC `environmentVariables`); not needed offline. */
  readonly environmentVariables: (config: Readonly<Record<string, unknown>>) => readonly string[];
}

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export const ESC_SECRET_RULES: EscSecretRule[] = [
  {
    // F5: the virtual server's TLS certificate and key; the BIG-IP password when none is in the environment.
    configKeys: (c) => (c["f5"] ? [F5_SECRET_KEYS.certificate, F5_SECRET_KEYS.privateKey] : []),
    environmentVariables: (c) => (c["f5"] && !c[F5_SECRET_KEYS.password] ? ["F5_PASSWORD"] : []),
  },
  {
    // The cluster: a stack that names no context gets its kubeconfig from the environment (docs/platform-guide.md).
    configKeys: (c) => (c["kubernetes"] === undefined && c[KUBECONFIG_SECRET_KEY] === undefined ? [KUBECONFIG_SECRET_KEY] : []),
    environmentVariables: () => [],
  },
  {
    // ZPA: API credentials are named environment variables (zpa.credentials), never values in the stack file.
    configKeys: () => [],
    environmentVariables: (c) => {
      const creds = record(record(c["zpa"])["credentials"]);
      return Object.entries(creds)
        .filter(([k, v]) => k.endsWith("Env") && typeof v === "string")
        .map(([, v]) => v as string);
    },
  },
];

export interface EscExpectation {
  readonly environments: readonly string[];
  /** Config keys the file lacks that the plan fills with a secret placeholder. */
  readonly configKeys: readonly string[];
  readonly environmentVariables: readonly string[];
}

/** Reads the stack file's `environment:` (a list of ESC environment names, or absent). */
export function escEnvironments(doc: unknown, path: string): string[] {
  const value = record(doc)["environment"];
  if (value === undefined || value === null) return [];
  const ok = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" && /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+){0,2}$/.test(v));
  if (!ok) {
    throw new UsageError(`${path}: environment: expected a list of Pulumi ESC environment names such as [kong-identity-stack/prod], got ${JSON.stringify(value)}`);
  }
  return value as string[];
}

/** The secrets this config expects from the listed ESC environments (only keys the file does not set). */
export function escExpectation(environments: readonly string[], config: Readonly<Record<string, unknown>>): EscExpectation {
  if (environments.length === 0) return { environments, configKeys: [], environmentVariables: [] };
  const uniq = (xs: string[]) => [...new Set(xs)].sort();
  return {
    environments,
    configKeys: uniq(ESC_SECRET_RULES.flatMap((r) => r.configKeys(config)).filter((k) => config[k] === undefined)),
    environmentVariables: uniq(ESC_SECRET_RULES.flatMap((r) => r.environmentVariables(config))),
  };
}
