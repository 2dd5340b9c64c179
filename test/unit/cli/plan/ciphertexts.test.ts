import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ciphertextProblems, isSymmetricCiphertext, secretsProviderKind } from "../../../../cli/plan/ciphertexts";
import { EXAMPLE_PASSPHRASE, encryptWithKey, newEncryptionSalt } from "../../../support/example-secrets";

/** One compliant stack file's provider fields and values per provider kind; then one test per way to be wrong. */
const { encryptionSalt, key } = newEncryptionSalt(EXAMPLE_PASSPHRASE);
const passphrase = { encryptionsalt: encryptionSalt };
const KEY = "kong-identity-stack:kongTlsPrivateKey";
const real = encryptWithKey(key, "-----BEGIN PRIVATE KEY-----\nexample\n-----END PRIVATE KEY-----\n");
const FAKE = "AAABAFkzcGxhY2Vob2xkZXIta29uZy1wcml2YXRlLWtleQ=="; // what the example stacks once held

describe("secure: values the real CLI can decrypt", () => {
  it("a passphrase stack with a ciphertext Pulumi's scheme wrote: no problem", () => {
    expect(isSymmetricCiphertext(real)).toBe(true);
    expect(ciphertextProblems(passphrase, { [KEY]: real }, "dev")).toEqual([]);
  });

  it("a Pulumi Cloud stack (no provider fields) with opaque base64: no problem", () => {
    expect(secretsProviderKind({})).toBe("pulumi-cloud");
    expect(ciphertextProblems({}, { [KEY]: randomBytes(64).toString("base64") }, "dev")).toEqual([]);
  });

  it("a KMS stack with its encryptedkey and a v1 ciphertext: no problem", () => {
    const kms = { secretsprovider: "awskms://alias/kis?region=eu-west-1", encryptedkey: "AQICAHh..." };
    expect(secretsProviderKind(kms)).toBe("cloud-kms");
    expect(ciphertextProblems(kms, { [KEY]: real }, "dev")).toEqual([]);
  });

  it("the old placeholder under a passphrase salt: refused, naming the key and the command", () => {
    expect(ciphertextProblems(passphrase, { [KEY]: FAKE }, "dev")).toEqual([
      "kongTlsPrivateKey: the secure: value is not a ciphertext (a passphrase ciphertext is v1:<nonce>:<ciphertext>, as encryptionsalt: promises), so `pulumi preview` cannot decrypt it; write it with `pulumi config set --secret kong-identity-stack:kongTlsPrivateKey < tls.key --stack dev`",
    ]);
  });

  it("the old placeholder with no provider fields: base64 of readable text", () => {
    expect(ciphertextProblems({}, { [KEY]: FAKE }, "prod")[0]).toMatch(/^kongTlsPrivateKey: the secure: value is not a ciphertext \(it is base64 of readable text, not encrypted\).*--stack prod`$/);
  });

  it("a passphrase ciphertext in a file that lost its encryptionsalt", () => {
    expect(ciphertextProblems({}, { [KEY]: real }, "dev")[0]).toContain("it is a passphrase ciphertext, but the file has no encryptionsalt: to decrypt it with");
  });

  it("a value too short to hold a GCM tag, or not base64", () => {
    expect(ciphertextProblems({}, { [KEY]: "AAABAGRldg==" }, "dev")[0]).toContain("7 bytes is shorter than any ciphertext");
    expect(ciphertextProblems({}, { [KEY]: "not base64!" }, "dev")[0]).toContain("it is not base64");
    expect(ciphertextProblems(passphrase, { [KEY]: `v1:${randomBytes(8).toString("base64")}:${randomBytes(32).toString("base64")}` }, "dev")).toHaveLength(1);
  });

  it("a malformed encryptionsalt", () => {
    expect(ciphertextProblems({ encryptionsalt: "v1:c2FsdA==:nope" }, { [KEY]: real }, "dev")[0]).toMatch(/^encryptionsalt: is not a passphrase salt/);
  });

  it("a KMS secretsprovider without its encryptedkey", () => {
    expect(ciphertextProblems({ secretsprovider: "awskms://alias/kis" }, { [KEY]: real }, "dev")[0]).toMatch(/^secretsprovider: awskms:\/\/alias\/kis needs the encryptedkey:/);
  });
});
