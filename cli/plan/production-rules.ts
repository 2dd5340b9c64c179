import type { StackConfig } from "../../infra/config";
import { isProduction, PRODUCTION_DEFAULTS, type IdentityPolicy, type ProductionConfig } from "../../policy-packs/identity/policies";
import type { PolicyPackConfig } from "./policy";

/** Whether production rules apply, why, and a warning when the stack config says otherwise. */
export interface ProductionRules {
  readonly on: boolean;
  readonly reason: string;
  /** The policies whose rules change with it (audience-required, redirect-uris-https). */
  readonly policies: readonly string[];
  readonly warning?: string;
}

/**
 * Production is decided in one place: the policy pack's own rule (isProduction: the policy config's
 * `production`, else the stack name against `productionStacks`), because that is what `pulumi preview` will
 * apply too. The banner shows this decision; the stack config's `environment`/`production` only declare
 * intent, and a disagreement is a warning naming the fix.
 */
export function productionRules(stack: string, config: StackConfig, policies: readonly IdentityPolicy[], policyConfig: PolicyPackConfig): ProductionRules {
  const aware = policies.filter((p) => p.configSchema?.properties && "production" in p.configSchema.properties);
  const level = (name: string) => policyConfig.get(name)?.enforcementLevel ?? policyConfig.get("all")?.enforcementLevel;
  const active = aware.filter((p) => level(p.name) !== "disabled");
  const settingsOf = (name: string): ProductionConfig => {
    const given = policyConfig.get(name)?.properties ?? {};
    return {
      production: (given["production"] as ProductionConfig["production"] | undefined) ?? PRODUCTION_DEFAULTS.production,
      productionStacks: (given["productionStacks"] as string[] | undefined) ?? PRODUCTION_DEFAULTS.productionStacks,
    };
  };
  const decisions = active.map((p) => ({ name: p.name, settings: settingsOf(p.name), on: isProduction(settingsOf(p.name), `urn:pulumi:${stack}::x::t::n`) }));
  const on = decisions.length > 0 && decisions.every((d) => d.on);
  const first = decisions[0];
  const reason =
    decisions.length === 0
      ? "the policies with production rules are disabled by the policy config"
      : decisions.some((d) => d.on !== on)
        ? `only for ${decisions.filter((d) => d.on).map((d) => d.name).join(", ")} (the policy config differs per policy)`
        : first!.settings.production !== "auto"
          ? `the policy config sets production: ${first!.settings.production}`
          : `stack name ${JSON.stringify(stack)} is ${on ? "" : "not "}one of the production stacks (${first!.settings.productionStacks.join(", ")})`;
  const declared = config.production;
  const warning =
    declared !== on
      ? `the stack config declares ${declared ? "production" : "a non-production environment"} (environment ${config.environment}${declared ? "" : ", production: false"}), ` +
        `but the policy pack applies production rules ${on ? "ON" : "OFF"}: ${reason}. ` +
        (declared
          ? `Name the stack one of ${(first?.settings.productionStacks ?? PRODUCTION_DEFAULTS.productionStacks).join(", ")}, or pass a policy config with production: true`
          : "Set environment or production to match, or change the policy config")
      : undefined;
  return { on, reason, policies: active.map((p) => p.name), ...(warning ? { warning } : {}) };
}
