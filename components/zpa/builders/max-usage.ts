/**
 * How many enrolments the App Connector provisioning key must allow.
 *
 * Every App Connector pod that starts enrols once and uses up one `maxUsage` (Zscaler: "the pods are
 * ephemeral and consume a provisioning key utilization count each time they run"). Over the key's life:
 *   - `replicas` for the first start,
 *   - `replicas` per full rollout (a RollingUpdate replaces every pod once; maxSurge 1 only limits how many
 *     run at the same time, not how many start), times `rolloutsPerKey`,
 *   - `replicas` spare for pods rescheduled outside a rollout (node drain, eviction, a deleted pod).
 * maxUsage = replicas × (rolloutsPerKey + 2). Raising it later is an in-place update of the key.
 * The schema keeps it at most 10 × (8 + 2) = 100, Zscaler's per-group App Connector threshold.
 */
export function provisioningKeyMaxUsage(replicas: number, rolloutsPerKey: number): number {
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`replicas: expected a whole number of at least 1, got ${replicas}`);
  if (!Number.isInteger(rolloutsPerKey) || rolloutsPerKey < 0) throw new Error(`rolloutsPerKey: expected a whole number of at least 0, got ${rolloutsPerKey}`);
  return replicas * (rolloutsPerKey + 2);
}

export const MAX_USAGE_FORMULA = "replicas × (rolloutsPerKey + 2): first start, one full rollout per rolloutsPerKey, one spare set for rescheduled pods";
