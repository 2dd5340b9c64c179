import type { EscExpectation } from "./esc";

/** The line `kis plan` prints for a stack file that lists Pulumi ESC environments. */
export function escLine(esc: EscExpectation): string {
  const keys = esc.configKeys.length ? `config ${esc.configKeys.join(", ")} (planned as secret placeholders)` : "no config key this plan needs";
  const vars = esc.environmentVariables.length ? `; at deploy time also environment variables ${esc.environmentVariables.join(", ")}` : "";
  return `Pulumi ESC environment${esc.environments.length === 1 ? "" : "s"} ${esc.environments.join(", ")}: expecting ${keys}${vars}`;
}
