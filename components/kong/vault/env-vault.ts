/**
 * Kong env-vault references backed by a Kubernetes Secret: the secret value reaches the Kong pods only as an
 * environment variable, and kong.yml only names it (`{vault://env/<id>}`).
 *
 * Kong's env vault (kong/vaults/env) turns the reference's name into a variable name by replacing `-` with
 * `_` and upper-casing it; the chart's `customEnv` renders each key upper-cased and without the `KONG_`
 * prefix that `env` keys get, so `customEnv.<id with _>` is exactly the variable the vault reads.
 */
export interface KongSecretRef {
  /** kebab-case name, e.g. "pingaccess-shared-secret". */
  readonly id: string;
  /** Kubernetes Secret (in Kong's namespace) holding the value. */
  readonly secretName: string;
  readonly secretKey: string;
}

const ID = /^[a-z][a-z0-9-]*[a-z0-9]$/;

function checkId(id: string): string {
  if (!ID.test(id)) throw new Error(`vault reference id ${JSON.stringify(id)} must be kebab-case (a-z, 0-9, -)`);
  return id;
}

/** `{vault://env/<id>}` exactly as Kong resolves it. */
export function vaultReference(id: string): string {
  return `{vault://env/${checkId(id)}}`;
}

/** The environment variable Kong's env vault reads for the id. */
export function vaultEnvironmentVariable(id: string): string {
  return checkId(id).replace(/-/g, "_").toUpperCase();
}

/** Helm values fragment of the kong chart: each reference as an env variable read from its Secret key. */
export function kongSecretEnv(refs: readonly KongSecretRef[]): Record<string, unknown> {
  if (refs.length === 0) return {};
  return {
    customEnv: Object.fromEntries(
      refs.map((r) => [vaultEnvironmentVariable(r.id).toLowerCase(), { valueFrom: { secretKeyRef: { name: r.secretName, key: r.secretKey } } }]),
    ),
  };
}
