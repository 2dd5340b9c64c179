import { X509Certificate, createPrivateKey, createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { listStacks } from "../../../../cli/plan/stack-file";
import { EXAMPLE_PASSPHRASE, decryptWithKey, keyOfEncryptionSalt } from "../../../support/example-secrets";
import { REPO_ROOT } from "../../../support/run-kis";

/**
 * The example stacks' secrets are real: each decrypts with the example passphrase by Pulumi's own scheme (the
 * engine tests have the real CLI do the same), and what it decrypts to works with the rest of the file: Kong's
 * key is the key of kong.tls.certificate, the F5's certificate and key are a pair for the names clients call.
 */
const P = "kong-identity-stack:";
const stacks = listStacks(join(REPO_ROOT, "stacks"));
const read = (stack: string) => parse(readFileSync(join(REPO_ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as { encryptionsalt?: string; config: Record<string, any> };
const samePublicKey = (cert: X509Certificate, keyPem: string) =>
  cert.publicKey.export({ type: "spki", format: "der" }).equals(createPublicKey(createPrivateKey(keyPem)).export({ type: "spki", format: "der" }));
const exampleCa = new X509Certificate(read("f5-dev").config[`${P}kong`].tls.caCertificate);

describe.each(stacks)("example stack %s", (stack) => {
  const doc = read(stack);
  const secure = Object.entries(doc.config).filter(([, v]) => v && typeof v === "object" && "secure" in v);

  it("every secure: value decrypts with the example passphrase, and the passphrase is checked by the salt", () => {
    // Every example stack names the example salt, secrets or not: `pulumi stack init` would write a new one.
    const key = keyOfEncryptionSalt(EXAMPLE_PASSPHRASE, doc.encryptionsalt!);
    for (const [name, value] of secure) expect(decryptWithKey(key, value.secure), name).toMatch(/^-----BEGIN (CERTIFICATE|PRIVATE KEY)-----\n/);
    expect(() => keyOfEncryptionSalt("not the example passphrase", doc.encryptionsalt!)).toThrow();
  });

  it("the decrypted material fits the certificates in the file", () => {
    const key = keyOfEncryptionSalt(EXAMPLE_PASSPHRASE, doc.encryptionsalt!);
    const plain = (name: string) => decryptWithKey(key, doc.config[`${P}${name}`].secure);
    const kong = doc.config[`${P}kong`];
    if (doc.config[`${P}kongTlsPrivateKey`]) {
      const cert = new X509Certificate(kong.tls.certificate);
      expect(samePublicKey(cert, plain("kongTlsPrivateKey")), "kongTlsPrivateKey is the key of kong.tls.certificate").toBe(true);
      expect(cert.verify(exampleCa.publicKey), "issued by the example CA").toBe(true);
    }
    if (doc.config[`${P}f5TlsCertificate`]) {
      const cert = new X509Certificate(plain("f5TlsCertificate"));
      expect(samePublicKey(cert, plain("f5TlsPrivateKey")), "f5TlsPrivateKey is the key of f5TlsCertificate").toBe(true);
      for (const host of kong.hostnames as string[]) expect(cert.checkHost(host), host).toBe(host);
    }
  });
});
