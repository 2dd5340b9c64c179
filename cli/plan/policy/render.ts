import type { PolicyReport, PolicyViolation } from "./types";
import { mandatoryCount } from "./types";
import { shortType } from "../../../policy-packs/identity/policies/violation";

/** The policy section of the summary: violations grouped by resource, each with its fix. */
export function renderPolicyReport(report: PolicyReport): string {
  const active = report.policies.filter((p) => p.enforcementLevel !== "disabled").length;
  const header = `Policy pack ${report.pack}${report.configFile ? ` (config ${report.configFile})` : ""}: ${active} policies`;
  if (report.violations.length === 0) return `${header}, no violations`;
  const mandatory = mandatoryCount(report);
  const lines = [
    `${header}, ${report.violations.length} violation${report.violations.length === 1 ? "" : "s"} (${mandatory} mandatory, ${report.violations.length - mandatory} advisory)`,
  ];
  const groups = new Map<string, PolicyViolation[]>();
  for (const v of report.violations) {
    const key = v.resource ? `${v.resource.type} ${v.resource.name}` : "stack";
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  for (const [resource, items] of groups) {
    lines.push(`  ${resource}`);
    for (const v of items) {
      // The message names its resource for the engine's output; under the resource heading that is said already.
      const subject = v.resource ? `${shortType(v.resource.type)} ${JSON.stringify(v.resource.name)}: ` : "";
      const message = subject && v.message.startsWith(subject) ? v.message.slice(subject.length) : v.message;
      const [first, ...rest] = message.split("\n");
      lines.push(`    ${v.enforcementLevel === "mandatory" ? "✗" : "!"} [${v.enforcementLevel}] ${v.policy}: ${first}`);
      for (const line of rest) lines.push(`      ${line}`);
    }
  }
  return lines.join("\n");
}
