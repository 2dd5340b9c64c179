/** Tags on every entity: decK and the Admin API can select what this stack owns, per environment. */
export function entityTags(environment: string): readonly string[] {
  return ["kong-identity-stack", `environment-${environment}`];
}
