/** What `kis plan` reports from the policy pack (plan.json `policy`). */

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export interface PolicyViolation {
  readonly policy: string;
  /** The level the violation counts at (`remediate` is reported as mandatory, like the engine does). */
  readonly enforcementLevel: "advisory" | "mandatory";
  /** The resource concerned; undefined for a stack-wide finding. */
  readonly resource: { readonly urn: string; readonly type: string; readonly name: string } | undefined;
  readonly message: string;
}

export interface PolicyReport {
  readonly pack: string;
  /** The `--policy-config` file, when one was given (as the user wrote the path). */
  readonly configFile: string | undefined;
  /** Policies that ran, with the enforcement level each ran at. */
  readonly policies: readonly { readonly name: string; readonly enforcementLevel: EnforcementLevel }[];
  readonly violations: readonly PolicyViolation[];
}

export function mandatoryCount(report: PolicyReport): number {
  return report.violations.filter((v) => v.enforcementLevel === "mandatory").length;
}
