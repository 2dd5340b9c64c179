import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listStacks, readStackFile } from "../../cli/plan/stack-file";
import { EXAMPLE_PASSPHRASE, decryptWithKey, keyOfEncryptionSalt } from "../support/example-secrets";
import { REPO_ROOT, spawnKis, tempDir } from "../support/run-kis";
import { languageHostStatus, pulumiVersion, pulumiWorkspace, type PulumiWorkspace } from "./support/pulumi-cli";

/**
 * The example stacks' secrets as the real CLI sees them: every `secure:` value decrypts with the documented
 * example passphrase through Pulumi's own secrets manager, a wrong passphrase is refused, `pulumi stack init`
 * leaves the files as they are, and a value that is no ciphertext fails in the CLI exactly where `kis plan`
 * refuses it. Needs only the CLI (not the language host), so CI runs it on every machine.
 */
const STACKS_DIR = join(REPO_ROOT, "stacks");
const stacks = listStacks(STACKS_DIR);
let ws: PulumiWorkspace;
const decrypted: string[] = [];

beforeAll(() => {
  ws = pulumiWorkspace("secrets");
  for (const stack of stacks) {
    const init = ws.pulumi(["stack", "init", stack, "--no-select"]);
    expect(init.status, init.stderr).toBe(0);
  }
});

afterAll(() => {
  console.log(
    `engine: ${decrypted.length} stacks' secrets decrypted by the real CLI, ${pulumiVersion()}; language host: ${languageHostStatus()}`,
  );
});

describe.each(stacks)("example stack %s under the real CLI", (stack) => {
  it("pulumi config --show-secrets decrypts every secure: value to what Pulumi's scheme gives, and marks it secret", () => {
    const file = readStackFile(join(STACKS_DIR, `Pulumi.${stack}.yaml`));
    const run = ws.pulumi(["config", "--stack", stack, "--show-secrets", "--json"]);
    expect(run.status, run.stderr).toBe(0);
    const config = JSON.parse(run.stdout) as Record<string, { value?: string; secret: boolean }>;
    const secretKeys = Object.keys(config).filter((k) => config[k]!.secret).sort();
    expect(secretKeys).toEqual(Object.keys(file.ciphertexts).sort());
    const key = keyOfEncryptionSalt(EXAMPLE_PASSPHRASE, String(file.secretsProvider.encryptionsalt));
    for (const name of secretKeys) expect(config[name]!.value, name).toBe(decryptWithKey(key, String(file.ciphertexts[name])));
    decrypted.push(stack);
  });

  it("pulumi stack init and config leave the stack file byte for byte as committed", () => {
    const before = readFileSync(join(STACKS_DIR, `Pulumi.${stack}.yaml`), "utf8");
    expect(ws.pulumi(["config", "--stack", stack, "--json"]).status).toBe(0);
    expect(readFileSync(join(STACKS_DIR, `Pulumi.${stack}.yaml`), "utf8")).toBe(before);
  });
});

describe("what the real CLI refuses", () => {
  it("a wrong passphrase: the CLI stops before decrypting anything", () => {
    const run = ws.pulumi(["config", "--stack", "dev", "--show-secrets", "--json"], { env: { PULUMI_CONFIG_PASSPHRASE: "not the example passphrase" } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/incorrect passphrase/i);
  });

  it("the placeholder the examples once held: the CLI cannot decrypt it, and kis plan refuses the same file (exit 2, the key, the fix)", () => {
    const dir = tempDir("engine-fake-secret");
    const file = join(dir, "Pulumi.dev.yaml");
    const fake = "AAABAFkzcGxhY2Vob2xkZXIta29uZy1wcml2YXRlLWtleQ==";
    writeFileSync(file, readFileSync(join(STACKS_DIR, "Pulumi.dev.yaml"), "utf8").replace(/(kongTlsPrivateKey:\n\s+secure: )\S+/, `$1${fake}`));
    const cli = ws.pulumi(["config", "--stack", "dev", "--config-file", file, "--show-secrets", "--json"]);
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toMatch(/decrypt|bad value/i);
    const kis = spawnKis(["plan", "--stack-file", file, "--out", join(dir, "out")]);
    expect(kis.status).toBe(2);
    expect(kis.stderr).toMatch(/^kis: config: kongTlsPrivateKey: the secure: value is not a ciphertext .*pulumi config set --secret kong-identity-stack:kongTlsPrivateKey < tls\.key --stack dev`$/m);
  });
});
