import { displayKey, setSecretCommand } from "../../infra/config";

/**
 * Whether each `secure:` value in a stack file can be a ciphertext of the secrets provider the file names. `kis
 * plan` never decrypts (it has no passphrase and needs none), but a value the real CLI cannot decrypt makes the
 * first `pulumi preview` fail: the example stacks once shipped base64 of "placeholder-kong-private-key".
 * The shapes are Pulumi's (sdk/go/common/resource/config/crypt.go, pkg/secrets/passphrase/manager.go):
 *   - passphrase (`encryptionsalt: v1:<8-byte salt>:v1:<nonce>:<ciphertext>`) and the cloud KMS providers
 *     (`secretsprovider: awskms://…` with `encryptedkey:`) write `v1:<12-byte nonce>:<ciphertext + 16-byte tag>`;
 *   - with neither, Pulumi Cloud's secrets manager: opaque base64 of at least a GCM tag's worth of bytes.
 */
export type SecretsProviderKind = "passphrase" | "cloud-kms" | "pulumi-cloud";

export interface SecretsProviderFields {
  readonly secretsprovider?: unknown;
  readonly encryptionsalt?: unknown;
  readonly encryptedkey?: unknown;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const bytesOf = (text: string | undefined) => (text !== undefined && BASE64.test(text) && text.length % 4 === 0 ? Buffer.from(text, "base64") : undefined);

/** `v1:<nonce>:<ciphertext>` with a 12-byte nonce and at least the 16-byte tag. */
export function isSymmetricCiphertext(value: string): boolean {
  const [version, nonce, body, ...rest] = value.split(":");
  return version === "v1" && rest.length === 0 && bytesOf(nonce)?.length === 12 && (bytesOf(body)?.length ?? 0) >= 16;
}

/** AES-GCM output looks random; a run of readable characters this long in it is a chance of about 1 in 10^10. */
const READABLE_RUN = /[\x20-\x7e]{20,}/;

export function secretsProviderKind(fields: SecretsProviderFields): SecretsProviderKind {
  const provider = typeof fields.secretsprovider === "string" ? fields.secretsprovider : "";
  if (provider !== "" && provider !== "passphrase" && provider !== "default") return "cloud-kms";
  return typeof fields.encryptionsalt === "string" ? "passphrase" : "pulumi-cloud";
}

/**
 * One line per `secure:` value (and provider field) the real CLI could not decrypt, each naming the key and the
 * command that writes a real ciphertext. `secure` maps full config keys to the raw `secure:` text.
 */
export function ciphertextProblems(fields: SecretsProviderFields, secure: Readonly<Record<string, unknown>>, stack: string): string[] {
  const kind = secretsProviderKind(fields);
  const problems: string[] = [];
  if (kind === "passphrase") {
    const salt = String(fields.encryptionsalt);
    const [v, s, ...check] = salt.split(":");
    if (v !== "v1" || bytesOf(s)?.length !== 8 || !isSymmetricCiphertext(check.join(":"))) {
      problems.push(
        `encryptionsalt: is not a passphrase salt (v1:<salt>:v1:<nonce>:<ciphertext>); remove it and every secure: value, then set each secret again with \`pulumi config set --secret <key> --stack ${stack}\``,
      );
    }
  }
  if (kind === "cloud-kms" && typeof fields.encryptedkey !== "string") {
    problems.push(`secretsprovider: ${String(fields.secretsprovider)} needs the encryptedkey: the CLI wrote beside it; restore it from version control or run \`pulumi stack change-secrets-provider\``);
  }
  for (const [key, raw] of Object.entries(secure).sort(([a], [b]) => a.localeCompare(b))) {
    const why = whyNotCiphertext(kind, raw);
    if (why) problems.push(`${displayKey(key)}: the secure: value is not a ciphertext (${why}), so \`pulumi preview\` cannot decrypt it; write it with \`${setSecretCommand(key)} --stack ${stack}\``);
  }
  return problems;
}

function whyNotCiphertext(kind: SecretsProviderKind, raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw === "") return "it is empty or not text";
  if (kind !== "pulumi-cloud") {
    if (isSymmetricCiphertext(raw)) return undefined;
    return kind === "passphrase" ? "a passphrase ciphertext is v1:<nonce>:<ciphertext>, as encryptionsalt: promises" : "a KMS-backed ciphertext is v1:<nonce>:<ciphertext>";
  }
  if (isSymmetricCiphertext(raw)) return "it is a passphrase ciphertext, but the file has no encryptionsalt: to decrypt it with";
  const bytes = bytesOf(raw);
  if (!bytes) return "it is not base64";
  if (bytes.length < 16) return `${bytes.length} bytes is shorter than any ciphertext`;
  if (READABLE_RUN.test(bytes.toString("latin1"))) return "it is base64 of readable text, not encrypted";
  return undefined;
}
