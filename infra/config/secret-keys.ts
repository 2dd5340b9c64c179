import { configNamespace } from "./project-name";

/**
 * THE list of stack config keys that hold secrets. It drives three things, so they cannot drift apart:
 *   - the plain-value check: a listed key written in clear in a stack file is refused, naming the
 *     `pulumi config set --secret` command (values from ESC or the environment arrive as secrets and pass);
 *   - redaction: `kis plan` hands every listed key to the program as a secret even before the check, so
 *     nothing it registers or writes carries the value;
 *   - the docs: docs/input-safety.md lists these keys (a test compares the page with this list).
 * To add a secret setting, add one line here.
 */
export interface SecretConfigKey {
  /** The full config key, namespace included (`kong-identity-stack:f5Password`, `zpa:clientSecret`). */
  readonly key: string;
  /** What it holds, for messages and the docs. */
  readonly holds: string;
  /** How a person stores it, after `pulumi config set --secret <key>`: ` < file.pem` or ` '<value>'`. */
  readonly input: string;
  /** false: may be encrypted but need not be (a certificate is public); everything else must be. */
  readonly mustBeSecret: boolean;
}

const secret = (key: string, holds: string, input = " '<value>'", mustBeSecret = true): SecretConfigKey => ({ key, holds, input, mustBeSecret });
/** One of this project's own keys: its namespace is the project's name, read when the key is (a renamed project reads its own). */
const own = (key: string, holds: string, input?: string, mustBeSecret?: boolean): SecretConfigKey => ({
  ...secret(key, holds, input, mustBeSecret),
  get key() {
    return `${configNamespace()}:${key}`;
  },
});

export const SECRET_CONFIG_KEYS: readonly SecretConfigKey[] = [
  own("f5TlsPrivateKey", "the F5 virtual server's TLS private key (PEM)", " < tls.key"),
  own("f5Password", "the BIG-IP management password (or F5_PASSWORD at deploy time)"),
  own("kongTlsPrivateKey", "Kong's proxy TLS private key (PEM) for kong.tls.certificate", " < tls.key"),
  own("kubeconfig", "a kubeconfig for the stack's cluster (YAML)", " < kubeconfig.yaml"),
  own("f5TlsCertificate", "the F5 virtual server's TLS certificate (PEM; public, so it may be stored in clear)", " < tls.crt", false),
  secret("zpa:clientSecret", "the ZPA API client secret (default zpa.credentials.clientSecretKey)"),
  secret("azuread:clientSecret", "the Entra ID (azuread provider) client secret"),
  secret("azuread:clientCertificatePassword", "the password of the azuread provider's client certificate"),
  secret("okta:apiToken", "the Okta API token"),
  secret("okta:privateKey", "the Okta provider's private key (PEM)", " < okta.key"),
  secret("aws:secretKey", "the AWS secret access key"),
  secret("aws:token", "the AWS session token"),
];

/** `pulumi config set --secret <key> ...` for one key. */
export function setSecretCommand(key: string): string {
  const known = SECRET_CONFIG_KEYS.find((s) => s.key === key);
  return `pulumi config set --secret ${key}${known?.input ?? " '<value>'"}`;
}

/**
 * Keys written in clear that must be secrets. `extraKeys` are secret keys the config itself names (the ZPA
 * credentials' clientSecretKey when it is not the default). `isSecret(key)`: the engine's or the stack
 * file's knowledge of which values are encrypted.
 */
export function plainSecretProblems(
  present: readonly string[],
  isSecret: (key: string) => boolean,
  extraKeys: readonly string[] = [],
): string[] {
  const must = new Set([...SECRET_CONFIG_KEYS.filter((s) => s.mustBeSecret).map((s) => s.key), ...extraKeys]);
  return present
    .filter((key) => must.has(key) && !isSecret(key))
    .sort()
    .map((key) => {
      const holds = SECRET_CONFIG_KEYS.find((s) => s.key === key)?.holds ?? "a secret";
      return `${displayKey(key)}: holds ${holds} in plain text in the stack file; store it encrypted with \`${setSecretCommand(key)}\` (or supply it from Pulumi ESC as a secret)`;
    });
}

/** Project keys without their namespace, as config error lines name them; other namespaces in full. */
export const displayKey = (key: string) => {
  const prefix = `${configNamespace()}:`;
  return key.startsWith(prefix) ? key.slice(prefix.length) : key;
};

/** Whether a project key may hold an encrypted value at all (anything else `secure:` is a mistake). */
export function mayBeSecret(key: string, extraKeys: readonly string[] = []): boolean {
  return SECRET_CONFIG_KEYS.some((s) => s.key === key) || extraKeys.includes(key);
}
