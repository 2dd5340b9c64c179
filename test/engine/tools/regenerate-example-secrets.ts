/**
 * Writes the example stacks' TLS material and its ciphertexts anew: a new example CA, a Kong certificate per host
 * set (replacing the old PEM wherever stacks/ or test/fixtures/ hold it), an F5 certificate for the same names,
 * and every `secure:` value encrypted with EXAMPLE_PASSPHRASE under one `encryptionsalt:`. Run it when the
 * example certificates near their end (2036) or to change the example passphrase:
 *
 *   npx tsx test/engine/tools/regenerate-example-secrets.ts
 *
 * The engine tests then prove the result with the real CLI (`pulumi config --show-secrets`).
 */
import { X509Certificate } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createCa, issueServerCertificate, type Issued } from "../../support/tls-material";
import { EXAMPLE_PASSPHRASE, encryptWithKey, newEncryptionSalt } from "../../support/example-secrets";

const ROOT = join(__dirname, "..", "..", "..");
const EXAMPLE_CA_CN = "kong-identity-stack example CA (not for production)";
const PEM = /^([ \t]*)-----BEGIN CERTIFICATE-----\n(?:\1[A-Za-z0-9+/=]+\n)+\1-----END CERTIFICATE-----$/gm;
const SECURE = /^([ \t]*)(kong-identity-stack:(kongTlsPrivateKey|f5TlsCertificate|f5TlsPrivateKey)):\n\1[ \t]+secure: \S+$/gm;

const bodyOf = (pem: string) => pem.split("\n").map((l) => l.trim()).join("\n");
const indent = (pem: string, pad: string) => pem.trim().split("\n").map((l) => pad + l).join("\n");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

async function main(): Promise<void> {
  const files = [...yamlFiles(join(ROOT, "stacks")), ...yamlFiles(join(ROOT, "test", "fixtures"))];
  const ca = await createCa(EXAMPLE_CA_CN);
  const replaced = new Map<string, Issued>(); // old PEM body -> new certificate
  const f5ByNames = new Map<string, Issued>();
  const { encryptionSalt, key } = newEncryptionSalt(EXAMPLE_PASSPHRASE);

  async function renewed(oldPem: string): Promise<Issued | undefined> {
    const old = new X509Certificate(bodyOf(oldPem));
    if (!old.issuer.includes(EXAMPLE_CA_CN)) return undefined; // another CA on purpose (a broken fixture)
    if (old.ca) return ca;
    if (new Date(old.validTo).getTime() < Date.now()) return undefined; // expired on purpose
    const body = bodyOf(oldPem);
    const names = (old.subjectAltName ?? "").split(", ").filter((n) => n.startsWith("DNS:")).map((n) => n.slice(4));
    if (!replaced.has(body)) replaced.set(body, await issueServerCertificate(ca, names));
    return replaced.get(body);
  }

  let changedFiles = 0;
  for (const file of files) {
    const before = readFileSync(file, "utf8");
    let text = before;
    let kongLeaf: Issued | undefined;
    for (const match of [...before.matchAll(PEM)]) {
      const next = await renewed(match[0]);
      if (!next) continue;
      if (next !== ca) kongLeaf ??= next;
      text = text.replace(match[0], indent(next.certificatePem, match[1]!));
    }
    if (!new RegExp(SECURE.source, "m").test(text)) {
      // Example stacks without secrets get the salt too: `pulumi stack init` would otherwise write a new one.
      if (file.startsWith(join(ROOT, "stacks"))) text = withEncryptionSalt(text, encryptionSalt);
      if (text !== before) writeFileSync(file, text), changedFiles++;
      continue;
    }
    const names = kongLeaf ? kongLeaf.certificate.subject : "CN=api.dev.example.com";
    const host = names.replace(/^CN=/, "");
    if (!f5ByNames.has(host)) f5ByNames.set(host, await issueServerCertificate(ca, [host]));
    const f5 = f5ByNames.get(host)!;
    const orphanKey = kongLeaf ? undefined : (await issueServerCertificate(ca, [host])).privateKeyPem;
    const plaintext = (name: string) =>
      name === "kongTlsPrivateKey" ? (kongLeaf?.privateKeyPem ?? orphanKey!) : name === "f5TlsCertificate" ? f5.certificatePem : f5.privateKeyPem;
    text = text.replace(SECURE, (_all, pad: string, fullKey: string, name: string) =>
      `${pad}${fullKey}:\n${pad}  secure: ${encryptWithKey(key, plaintext(name))}`);
    text = withEncryptionSalt(text, encryptionSalt);
    writeFileSync(file, text);
    changedFiles++;
  }
  console.log(`example secrets: ${changedFiles} files written, ${replaced.size} Kong certificates and the CA renewed, ${f5ByNames.size} F5 certificates`);
  for (const file of files) if (readFileSync(file, "utf8").includes("AAABAFkz")) console.log(`  still a placeholder: ${relative(ROOT, file)}`);
}

/** `encryptionsalt:` right above `config:` (replacing an older one): the top-level key the CLI reads. */
function withEncryptionSalt(text: string, salt: string): string {
  const without = text.replace(/^# Secrets here are encrypted with the example passphrase.*\n/m, "").replace(/^encryptionsalt: .*\n/m, "");
  return without.replace(
    /^config:/m,
    `# Secrets here are encrypted with the example passphrase (docs/testing.md#example-secrets): replace them.\nencryptionsalt: ${salt}\nconfig:`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
