import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * Reading policy configuration. Under the engine `getConfig()` returns what `--policy-pack-config` (or the
 * Pulumi Cloud policy group) set, without enforcementLevel; `kis plan --policy-config` passes the same.
 * Defaults live in each policy's `configSchema` and are applied here too, so a policy behaves the same
 * whether or not the caller applied schema defaults.
 */

export interface ConfigSource {
  getConfig<T extends object>(): T;
}

export function readConfig<T extends object>(source: ConfigSource, defaults: T): T {
  const given = (source.getConfig<Partial<T>>() ?? {}) as Partial<T>;
  const out = { ...defaults } as T;
  for (const key of Object.keys(defaults) as (keyof T)[]) {
    const value = given[key];
    if (value !== undefined && value !== null) out[key] = value as T[keyof T];
  }
  return out;
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → `<stack>`. */
export function stackOfUrn(urn: string): string | undefined {
  const match = /^urn:pulumi:([^:]+)::/.exec(urn);
  return match?.[1];
}

/** Config shared by rules that are stricter in production. */
export interface ProductionConfig {
  /** true/false forces the decision; "auto" decides by the stack name. */
  production: boolean | "auto";
  /** Stack names that count as production when `production` is "auto". */
  productionStacks: string[];
}

export const PRODUCTION_DEFAULTS: ProductionConfig = { production: "auto", productionStacks: ["prod", "production"] };

export const PRODUCTION_SCHEMA: Record<keyof ProductionConfig, PolicyConfigJSONSchema> = {
  production: {
    description: 'true or false forces production rules on or off; "auto" (default) decides by the stack name',
    type: ["boolean", "string"],
    enum: [true, false, "auto"],
    default: "auto",
  },
  productionStacks: {
    type: "array",
    items: { type: "string" },
    description: 'stack names treated as production when production is "auto"',
    default: ["prod", "production"],
  },
};

export function isProduction(config: ProductionConfig, urn: string | undefined): boolean {
  if (config.production === true || config.production === false) return config.production;
  const stack = urn ? stackOfUrn(urn) : undefined;
  return stack !== undefined && config.productionStacks.includes(stack);
}

/**
 * The policy config a stack runs with, chosen by its `production` setting (never by its name): `kis plan` uses it
 * when no --policy-config is given, and the workflows pass the same file to `pulumi preview` and `pulumi up`.
 */
export const POLICY_CONFIG_FILES = { production: "prod.json", development: "dev.json" } as const;

/** The path of that file, relative to the repository root. */
export function policyConfigFileFor(production: boolean): string {
  return `policy-packs/identity/config/${production ? POLICY_CONFIG_FILES.production : POLICY_CONFIG_FILES.development}`;
}
