/**
 * Kong's `env` vault (kong/vaults/env/init.lua, Kong 3.x): for `{vault://env/<resource>}` it replaces every
 * "-" in the resource with "_", prepends the vault's `prefix` (none here: the stack never sets
 * KONG_VAULT_ENV_PREFIX) and upper-cases the result, then looks that name up in the environment it captured
 * when the worker started. So a changed value needs a pod restart, which the secrets-revision annotation does.
 */

/** Kebab-case only, so the id <-> variable mapping is one to one and the reference needs no escaping. */
const SECRET_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Kong reads every KONG_* variable as configuration, so a secret there would override a Kong setting. */
const RESERVED_PREFIX = "KONG_";

/** Throws with one line naming the id and the fix when it cannot be an env-vault secret id. */
export function assertSecretId(id: string): void {
  if (!SECRET_ID.test(id)) {
    throw new Error(
      `Kong vault secret id "${id}": expected kebab-case (lower-case letters, digits and single hyphens, e.g. "pingaccess-shared-secret")`,
    );
  }
  if (environmentName(id).startsWith(RESERVED_PREFIX)) {
    throw new Error(
      `Kong vault secret id "${id}": its variable ${environmentName(id)} would be read by Kong as configuration. Fix: pick an id that does not start with "kong-"`,
    );
  }
}

/** `{vault://env/<id>}`: what goes into kong.yml in place of the secret value. */
export function vaultReference(id: string): string {
  assertSecretId(id);
  return `{vault://env/${id}}`;
}

/** The environment variable Kong's env vault reads for the id: "pingaccess-shared-secret" -> PINGACCESS_SHARED_SECRET. */
export function vaultEnvironmentVariable(id: string): string {
  assertSecretId(id);
  return environmentName(id);
}

/** True when a plugin field holds an env-vault reference rather than a literal value. */
export function isVaultReference(value: unknown): value is string {
  return typeof value === "string" && parseVaultReference(value) !== undefined;
}

/**
 * The id of a `{vault://env/<id>}` reference, or undefined for anything else (a literal, another vault).
 * Kong also accepts a trailing `/<key>` and `#<version>`; the stack never writes those, so they do not parse.
 */
export function parseVaultReference(value: string): string | undefined {
  const match = /^\{vault:\/\/env\/([^/#}]+)\}$/.exec(value);
  return match && SECRET_ID.test(match[1]!) ? match[1] : undefined;
}

function environmentName(id: string): string {
  return id.replaceAll("-", "_").toUpperCase();
}
