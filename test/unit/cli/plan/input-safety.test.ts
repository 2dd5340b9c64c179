import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify, parse } from "yaml";
import { planCommand } from "../../../../cli/commands/plan";
import { IDENTITY_PACK, policyConfigWarnings } from "../../../../cli/plan/policy";
import { productionRules } from "../../../../cli/plan/production-rules";
import { readStackFile } from "../../../../cli/plan/stack-file";
import { validateStackConfig } from "../../../../cli/plan/validate-input";
import { EXIT_CODES } from "../../../../cli/main";
import { rawStackConfig } from "../../../../infra/config";
import { exampleStackConfig } from "../../../support/example-stacks";
import { runCommandInProcess } from "../../../support/kis-in-process";
import { REPO_ROOT, spawnKis, tempDir } from "../../../support/run-kis";

/**
 * Bad and hostile input to `kis plan`: each case exits 2 with one line per problem naming the key and the fix,
 * prints no stack trace, and writes nothing. In-process (planCommand through reportError, as main() runs it):
 * every case stops before the Pulumi runtime starts. Two cases run as real processes to prove the same at the CLI.
 */
const STACK = join(REPO_ROOT, "stacks", "Pulumi.dev.yaml");
const devDoc = () => parse(readFileSync(STACK, "utf8")) as { config: Record<string, any> };
const K = (key: string) => `kong-identity-stack:${key}`;

function writeStack(doc: unknown, name = "Pulumi.case.yaml"): string {
  const dir = tempDir("input-safety");
  const file = join(dir, name);
  writeFileSync(file, typeof doc === "string" || Buffer.isBuffer(doc) ? doc : stringify(doc));
  return file;
}

async function plan(stackFile: string, ...extra: string[]) {
  const out = join(tempDir("input-safety-out"), "out");
  const run = await runCommandInProcess(planCommand, ["--stack-file", stackFile, "--out", out, ...extra]);
  return { ...run, out, wrote: existsSync(out) ? readdirSync(out, { recursive: true }) : [] };
}

/** The error lines (progress lines start with "·"). */
const errorLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("kis:"));

const expectRefused = (run: Awaited<ReturnType<typeof plan>>, line: RegExp) => {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toMatch(line);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(run.wrote).toEqual([]);
};

describe("kis plan refuses hostile and careless stack files (exit 2, the key and the fix, nothing written)", () => {
  it("the issue's shadowing route: anonymous GET /orders beside orders-read", async () => {
    const doc = devDoc();
    doc.config[K("routes")].push({ name: "orders-open", paths: ["/orders"], methods: ["GET"], upstream: "http://orders.orders.svc.cluster.local:8080", anonymous: true });
    expectRefused(await plan(writeStack(doc)), /^kis: config: routes\[4\]: routes\[0\] "orders-read" and routes\[4\] "orders-open" both match GET api\.dev\.example\.com\/orders but demand different things.*Fix|give them disjoint paths/m);
  });

  it.each([
    ["userinfo", "http://svc:Pa55w0rd@orders.orders.svc.cluster.local:8080", /routes\[0\]\.upstream: "http:\/\/\*\*\*@orders\.orders\.svc\.cluster\.local:8080" carries credentials .*vault:\/\/env/],
    ["an api_key query parameter", "http://orders.orders.svc.cluster.local:8080/?api_key=Pa55w0rd", /routes\[0\]\.upstream: .*api_key=\*\*\*.* carries a credential in query parameter "api_key".*vault:\/\/env/],
  ])("an upstream URL with %s, never echoing the password", async (_what, upstream, line) => {
    const doc = devDoc();
    doc.config[K("routes")][0].upstream = upstream;
    const run = await plan(writeStack(doc));
    expectRefused(run, line);
    expect(run.stderr + run.stdout).not.toContain("Pa55w0rd");
  });

  it("an upstream with an embedded newline", async () => {
    const doc = devDoc();
    doc.config[K("routes")][0].upstream = "http://orders.svc:8080/\nx-injected: 1";
    expectRefused(await plan(writeStack(doc)), /routes\[0\]\.upstream: expected an http\(s\) URL without spaces or control characters .*"http:\/\/orders\.svc:8080\/\\nx-injected: 1"/);
  });

  it("a PEM private key in plain text names the key and the pulumi config set --secret command", async () => {
    const doc = parse(readFileSync(join(REPO_ROOT, "stacks", "Pulumi.f5-dev.yaml"), "utf8"));
    doc.config[K("f5TlsPrivateKey")] = "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----";
    const run = await plan(writeStack(doc));
    expectRefused(run, /^kis: config: f5TlsPrivateKey: holds the F5 virtual server's TLS private key \(PEM\) in plain text .*`pulumi config set --secret kong-identity-stack:f5TlsPrivateKey < tls\.key`/m);
    expect(run.stderr).not.toContain("MIIEvQ");
  });

  it("a plain f5Password and a plain zpa:clientSecret (credentials read from Pulumi config)", async () => {
    const doc = parse(readFileSync(join(REPO_ROOT, "stacks", "Pulumi.zpa-dev.yaml"), "utf8"));
    doc.config[K("zpa")].credentials = { source: "pulumi-config" };
    doc.config["zpa:clientSecret"] = "s3cr3t";
    doc.config[K("f5Password")] = "hunter2";
    const run = await plan(writeStack(doc));
    expect(run.stderr).toMatch(/^kis: config: f5Password: holds the BIG-IP management password .*pulumi config set --secret kong-identity-stack:f5Password/m);
    expectRefused(run, /^kis: config: zpa:clientSecret: holds the ZPA API client secret .*pulumi config set --secret zpa:clientSecret/m);
    expect(run.stderr).not.toMatch(/s3cr3t|hunter2/);
  });

  it("a secure: value on a key that is no secret says so instead of echoing the placeholder", async () => {
    const doc = devDoc();
    doc.config[K("environment")] = { secure: "AAABAGRldg==" };
    const run = await plan(writeStack(doc));
    expectRefused(run, /^kis: config: environment: is encrypted \(secure:\) but is not a secret setting.*pulumi config set kong-identity-stack:environment <value>$/m);
    expect(run.stderr).not.toMatch(/secret: encrypted in the stack file/);
    expect(errorLines(run.stderr)).toHaveLength(1);
  });

  it("a secure: value that is not a ciphertext (base64 of a placeholder) is refused with the command that writes one", async () => {
    const doc = devDoc();
    doc.config[K("kongTlsPrivateKey")] = { secure: "AAABAFkzcGxhY2Vob2xkZXIta29uZy1wcml2YXRlLWtleQ==" };
    const run = await plan(writeStack(doc, "Pulumi.dev.yaml"));
    expectRefused(
      run,
      /^kis: config: kongTlsPrivateKey: the secure: value is not a ciphertext \(a passphrase ciphertext is v1:<nonce>:<ciphertext>, as encryptionsalt: promises\), so `pulumi preview` cannot decrypt it; write it with `pulumi config set --secret kong-identity-stack:kongTlsPrivateKey < tls\.key --stack dev`$/m,
    );
    expect(errorLines(run.stderr)).toHaveLength(1);
  });

  it("without encryptionsalt: (Pulumi Cloud's secrets manager) base64 of readable text is still no ciphertext", async () => {
    const doc = devDoc() as { config: Record<string, any>; encryptionsalt?: string };
    delete doc.encryptionsalt;
    doc.config[K("kongTlsPrivateKey")] = { secure: Buffer.from("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49").toString("base64") };
    const run = await plan(writeStack(doc, "Pulumi.dev.yaml"));
    expectRefused(run, /^kis: config: kongTlsPrivateKey: the secure: value is not a ciphertext \(it is base64 of readable text, not encrypted\)/m);
    expect(run.stderr).not.toMatch(/PRIVATE KEY|MIGHAgEA/);
  });

  it("a 10,000-character route name is cut in the message with its length", async () => {
    const doc = devDoc();
    doc.config[K("routes")][0].name = "n".repeat(10_000);
    const run = await plan(writeStack(doc));
    expectRefused(run, /routes\[0\]\.name: expected a route name .*… \(10000 characters\)/);
    expect(Math.max(...run.stderr.split("\n").map((l) => l.length))).toBeLessThan(400);
  });

  it("control characters and ANSI escapes in a value reach the terminal visibly escaped", async () => {
    const doc = devDoc();
    doc.config[K("routes")][0].name = "x\u001b[2J\u009b\nkis: config: all good";
    const run = await plan(writeStack(doc));
    expectRefused(run, /routes\[0\]\.name: expected a route name/);
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(errorLines(run.stderr)).toHaveLength(1);
  });
});

describe("stack names and output paths", () => {
  it("refuses Pulumi....yaml (stack name ..) and writes nothing, neither in --out nor above it", async () => {
    const file = writeStack(readFileSync(STACK), "Pulumi....yaml");
    const run = await plan(file);
    expectRefused(run, /--stack-file .*Pulumi\.\.\.\.yaml: stack name from the file name: "\.\." is not a stack name .*rename the file to Pulumi\.<stack>\.yaml/);
    expect(existsSync(join(run.out, ".."))).toBe(true);
    expect(readdirSync(join(run.out, ".."))).toEqual([]);
  });

  it.each([["a space", "Pulumi.my stack.yaml"], ["a newline", "Pulumi.a\nb.yaml"], ["a single dot", "Pulumi...yaml"]])("refuses a stack name with %s", async (_what, name) => {
    const run = await plan(writeStack(readFileSync(STACK), name));
    expectRefused(run, /stack name from the file name: .* is not a (Pulumi )?stack name/);
    expect(errorLines(run.stderr)).toHaveLength(1);
  });

  it("refuses --stack with a path in it (it names stacks/Pulumi.<stack>.yaml)", async () => {
    const run = await runCommandInProcess(planCommand, ["--stack", "../stacks/dev", "--out", tempDir("o")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kis: --stack: "\.\.\/stacks\/dev" is not a Pulumi stack name/);
  });

  it("an --out that is a file, or under a file, is a clear error", async () => {
    const file = join(tempDir("out-file"), "taken");
    writeFileSync(file, "x");
    const asFile = await runCommandInProcess(planCommand, ["--stack", "dev", "--out", file]);
    expect(asFile.status).toBe(2);
    expect(asFile.stderr).toMatch(/^kis: --out .*taken: is a file, not a directory; pass a directory/m);
    const under = await runCommandInProcess(planCommand, ["--stack", "dev", "--out", join(file, "sub")]);
    expect(under.status).toBe(2);
    expect(under.stderr).toMatch(/^kis: --out .*: .*taken is a file, not a directory/m);
  });
});

describe("files that are not stack files, and bad policy configs", () => {
  it.each([
    ["binary", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]), /this is not a Pulumi stack file .*; it is binary$/m],
    ["UTF-16", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("config:\n  a: b\n", "utf16le")]), /this is not a Pulumi stack file .*UTF-16 text: save it as UTF-8$/m],
    ["empty", "", /this is not a Pulumi stack file .*; the file is empty$/m],
    ["without config:", "name: x\nruntime: nodejs\n", /this is not a Pulumi stack file .*; it has no config: key$/m],
    ["a list", "- a\n- b\n", /this is not a Pulumi stack file .*; its top level is a list$/m],
    ["config: as a list", "config:\n  - a\n", /config: expected a mapping of config keys .*got a list$/m],
    ["a YAML error", "config:\n  a: [1, 2\n  b: c\n", /: not valid YAML at line \d+, column \d+: [^:]*[^:)]$/m],
    ["an unknown tag", "config:\n  a: !custom 1\n", /: not valid YAML at line 2, column 6: Unresolved tag: !custom$/m],
    ["a duplicate key", "config:\n  a: 1\n  a: 2\n", /: not valid YAML at line 3, column 3: Map keys must be unique$/m],
    ["an alias bomb", `config:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `  b${i}: &b${i} [${Array(10).fill(i ? `*b${i - 1}` : "*a").join(", ")}]`).join("\n")}\n`, /not valid YAML.*[Aa]lias/m],
  ])("%s: one line saying what the file is", async (_what, content, line) => {
    const run = await plan(writeStack(content));
    expectRefused(run, line);
    expect(errorLines(run.stderr)).toHaveLength(1);
  });

  it("a directory as --stack-file says it is a directory, not EISDIR", async () => {
    const dir = tempDir("stackdir");
    mkdirSync(join(dir, "Pulumi.x.yaml"));
    expectRefused(await plan(join(dir, "Pulumi.x.yaml")), /^kis: --stack-file .*: is a directory; pass the stack file itself/m);
  });

  it.each([
    ["a directory", (dir: string) => (mkdirSync(join(dir, "p.json")), join(dir, "p.json")), /--policy-config .*: is a directory; pass the JSON file itself/],
    ["{}-less text", (dir: string) => (writeFileSync(join(dir, "p.json"), "nope"), join(dir, "p.json")), /--policy-config .*: not valid JSON/],
    ["a list", (dir: string) => (writeFileSync(join(dir, "p.json"), "[]"), join(dir, "p.json")), /--policy-config .*: expected an object keyed by policy name, got \[\]/],
    ["100,000-deep nesting", (dir: string) => (writeFileSync(join(dir, "p.json"), `{"all":${"[".repeat(100_000)}${"]".repeat(100_000)}}`), join(dir, "p.json")), /--policy-config .*: nested 100001 levels deep/],
  ])("--policy-config holding %s: exit 2, one line", async (_what, make, line) => {
    const path = make(tempDir("policy"));
    expectRefused(await plan(STACK, "--policy-config", path), line);
  });

  it('{"all": "disabled"} is accepted but warned about', () => {
    const warnings = policyConfigWarnings(new Map([["all", { enforcementLevel: "disabled", properties: {} }]]), IDENTITY_PACK.policies);
    expect(warnings).toEqual([expect.stringMatching(/^--policy-config disables all \d+ policies: the plan checks nothing/)]);
    expect(policyConfigWarnings(new Map([["clock-leeway", { enforcementLevel: "disabled", properties: {} }]]), IDENTITY_PACK.policies)).toEqual([]);
  });
});

describe("one decoding rule; the banner tells which production rules apply", () => {
  it('environment: "true" stays the text "true" for kis plan and for the program alike (no re-decoding to a boolean)', () => {
    const doc = devDoc();
    doc.config[K("environment")] = "true";
    const file = writeStack(doc);
    const stackFile = readStackFile(file);
    expect(rawStackConfig(stackFile.engineConfig)["environment"]).toBe("true");
    expect(validateStackConfig(stackFile).environment).toBe("true");
    // production is a boolean key: Pulumi hands "true" over as text, and both readers take it as true.
    expect(rawStackConfig({ [K("production")]: "true" })["production"]).toBe(true);
  });

  it("environment: prod in a stack not named prod: production rules are off, and the summary says why", () => {
    const config = { ...exampleStackConfig("dev"), environment: "prod", production: true };
    const rules = productionRules("staging", config, IDENTITY_PACK.policies, new Map());
    expect(rules.on).toBe(false);
    expect(rules.reason).toBe('stack name "staging" is not one of the production stacks (prod, production)');
    expect(rules.warning).toMatch(/declares production \(environment prod\), but the policy pack applies production rules OFF.*Name the stack one of prod, production, or pass a policy config with production: true/);
    const forced = productionRules("staging", config, IDENTITY_PACK.policies, new Map([["all", { properties: {} }], ["audience-required", { properties: { production: true } }], ["redirect-uris-https", { properties: { production: true } }], ["kong-production-ready", { properties: { production: true } }]]));
    expect(forced).toMatchObject({ on: true, reason: "the policy config sets production: true" });
    expect(forced.warning).toBeUndefined();
  });

  it("kis help documents exit codes 0, 1, 2 and 3", () => {
    for (const code of ["0", "1", "2", "3"]) expect(EXIT_CODES).toMatch(new RegExp(`^  ${code}  `, "m"));
    expect(EXIT_CODES).toMatch(/3 +a bug in kis itself, never your input: run again with KIS_DEBUG=1 and report/);
  });
});

describe("the same at the real CLI (two processes)", () => {
  it("the shadowing stack exits 2 naming both routes; Pulumi....yaml exits 2 and the repository gains no files", () => {
    const doc = devDoc();
    doc.config[K("routes")].push({ name: "orders-open", paths: ["/orders"], methods: ["GET"], upstream: "http://orders.orders.svc.cluster.local:8080", anonymous: true });
    const shadow = spawnKis(["plan", "--stack-file", writeStack(doc), "--out", tempDir("cli-out")]);
    expect(shadow.status).toBe(2);
    expect(shadow.stderr).toMatch(/routes\[0\] "orders-read" and routes\[4\] "orders-open" both match GET/);
    const before = readdirSync(REPO_ROOT).sort();
    const dots = spawnKis(["plan", "--stack-file", writeStack(readFileSync(STACK), "Pulumi....yaml")]);
    expect(dots.status).toBe(2);
    expect(readdirSync(REPO_ROOT).sort()).toEqual(before);
  }, 120_000);
});
