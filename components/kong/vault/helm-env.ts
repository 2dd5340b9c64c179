import { vaultEnvironmentVariable } from "./reference";
import type { KongSecretRef } from "./types";

/**
 * The `kong` chart's values fragment that exposes each secret to the Kong containers. It uses `customEnv`,
 * not `env`: the chart prefixes `env` keys with KONG_ (they are Kong settings) but only upper-cases
 * `customEnv` keys, and renders a map value (`valueFrom.secretKeyRef`) as is (`kong.renderEnv`, chart 3.4.1).
 * An empty list gives an empty fragment, so the values of a stack without secrets do not change.
 * Throws when two refs claim the same variable for different Secret keys.
 */
export function kongSecretEnv(refs: readonly KongSecretRef[]): Record<string, unknown> {
  const customEnv: Record<string, { valueFrom: { secretKeyRef: { name: string; key: string } } }> = {};
  for (const ref of refs) {
    const variable = vaultEnvironmentVariable(ref.id);
    const entry = { valueFrom: { secretKeyRef: { name: ref.secretName, key: ref.secretKey } } };
    const existing = customEnv[variable];
    if (existing && (existing.valueFrom.secretKeyRef.name !== ref.secretName || existing.valueFrom.secretKeyRef.key !== ref.secretKey)) {
      throw new Error(
        `Kong vault secret "${ref.id}": two sources for ${variable} (${existing.valueFrom.secretKeyRef.name}/${existing.valueFrom.secretKeyRef.key} and ${ref.secretName}/${ref.secretKey}). Fix: give each secret its own id`,
      );
    }
    customEnv[variable] = entry;
  }
  return Object.keys(customEnv).length === 0 ? {} : { customEnv };
}
