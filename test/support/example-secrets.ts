import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from "node:crypto";

/**
 * The example stacks' secrets provider: Pulumi's passphrase secrets manager with a passphrase everybody knows.
 * It makes `pulumi preview --stack dev` work on a fresh clone; it protects nothing (docs/testing.md says how to
 * replace it). Tests decrypt the committed values with Pulumi's own scheme, and the engine tests have the real
 * CLI decrypt them too, so a fake ciphertext cannot pass either.
 */
export const EXAMPLE_PASSPHRASE = "kong-identity-stack example passphrase (not for production)";

/** Pulumi's scheme (sdk/go/common/resource/config/crypt.go): PBKDF2-SHA256, 1,000,000 rounds, AES-256-GCM. */
const ROUNDS = 1_000_000;
const keys = new Map<string, Buffer>();

function keyFor(passphrase: string, salt: Buffer): Buffer {
  const id = `${salt.toString("base64")}\0${passphrase}`;
  let key = keys.get(id);
  if (!key) {
    key = pbkdf2Sync(passphrase, salt, ROUNDS, 32, "sha256");
    keys.set(id, key);
  }
  return key;
}

/** `v1:<nonce>:<ciphertext+tag>`, as `pulumi config set --secret` writes it. */
export function encryptWithKey(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1:${nonce.toString("base64")}:${body.toString("base64")}`;
}

export function decryptWithKey(key: Buffer, ciphertext: string): string {
  const [version, nonce, body] = ciphertext.split(":");
  if (version !== "v1" || nonce === undefined || body === undefined) throw new Error("not a v1 ciphertext");
  const raw = Buffer.from(body, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]).toString("utf8");
}

/** A new `encryptionsalt:` (8 random bytes, then "pulumi" encrypted to check the passphrase) and its key. */
export function newEncryptionSalt(passphrase: string): { encryptionSalt: string; key: Buffer } {
  const salt = randomBytes(8);
  const key = keyFor(passphrase, salt);
  return { encryptionSalt: `v1:${salt.toString("base64")}:${encryptWithKey(key, "pulumi")}`, key };
}

/** The key of a stack file's `encryptionsalt:`; throws when the passphrase is not the one it was made with. */
export function keyOfEncryptionSalt(passphrase: string, encryptionSalt: string): Buffer {
  const parts = encryptionSalt.split(":");
  if (parts.length !== 5 || parts[0] !== "v1") throw new Error("encryptionsalt: not v1:<salt>:v1:<nonce>:<ciphertext>");
  const key = keyFor(passphrase, Buffer.from(parts[1]!, "base64"));
  if (decryptWithKey(key, parts.slice(2).join(":")) !== "pulumi") throw new Error("incorrect passphrase");
  return key;
}
