import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

type CryptoKeyLike = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainTokenCommand, usage } from "../../../../cli/commands/explain-token";
import { runCommandInProcess } from "../../../support/kis-in-process";
import { startStandInServer, type StandInServer } from "../../../support/stand-in-server";

/**
 * explain-token against a DEPLOYED stack (`--outputs`, `--stack --live`) and with the signature layer (`--jwks`).
 * The outputs fixture is the JSON `pulumi stack output --json` prints for the dev stack once deployed: the
 * real client ids differ from the plan's mock ones, which is the point of judging against it.
 */
const OUTPUTS = join(__dirname, "..", "..", "..", "fixtures", "stack-outputs", "dev-deployed.json");
const deployed = JSON.parse(readFileSync(OUTPUTS, "utf8"));
const contract = deployed.identityContracts[0];
const DEPLOYED_API = contract.audience.values[0] as string;
const DEPLOYED_CLIENT = contract.clients.values[0] as string;
/** The dev plan's mock ids (what `kis plan --stack dev` derives under mocks). */
const PLAN_MOCK_API = "5abcb82b-7d89-5a35-8194-7134c6f0c99b";
const NOW = Date.parse("2026-06-01T12:00:00Z") / 1000;
const AT = ["--now", new Date(NOW * 1000).toISOString()];

const dir = mkdtempSync(join(tmpdir(), "kis-deployed-"));
const kis = (...args: string[]) => runCommandInProcess(explainTokenCommand, args);
let keys: { privateKey: CryptoKeyLike; publicJwk: JWK };
let otherKey: CryptoKeyLike;
let server: StandInServer;
let jwksFile: string;
/** A loopback port nothing listens on: taken from a server that was closed again. */
let closedPort: number;

const claims = (over: Record<string, unknown> = {}) => ({
  iss: contract.issuer,
  aud: DEPLOYED_API,
  azp: DEPLOYED_CLIENT,
  ver: "2.0",
  sub: "user-1",
  scp: "orders.read orders.write",
  roles: ["orders-admins"],
  iat: NOW - 60,
  exp: NOW + 3000,
  ...over,
});
const sign = (c: Record<string, unknown>, header: Record<string, unknown> = { kid: "deployed-1" }, key?: CryptoKeyLike) =>
  new SignJWT(c).setProtectedHeader({ alg: "RS256", typ: "JWT", ...header }).sign(key ?? keys.privateKey);

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  keys = { privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid: "deployed-1", alg: "RS256", use: "sig" } };
  otherKey = (await generateKeyPair("RS256")).privateKey;
  jwksFile = join(dir, "jwks.json");
  writeFileSync(jwksFile, JSON.stringify({ keys: [keys.publicJwk] }));
  server = await startStandInServer();
  server.route("GET", "/keys", () => ({ status: 200, body: { keys: [keys.publicJwk] } }));
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  server.route("GET", "/not-a-key-set", () => ({ status: 200, body: { issuer: "x" } }));
});
afterAll(() => server?.close());

describe("kis explain-token --outputs (a deployed stack)", () => {
  it("accepts a token issued for the deployed audience and client, and says it judged the deployed stack", async () => {
    const run = await kis("--outputs", OUTPUTS, ...AT, await sign(claims()));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Judged against the DEPLOYED stack: the deployed stack outputs in .*dev-deployed\.json/);
    for (const r of deployed.routeRules) expect(run.stdout).toContain(`ACCEPTED  ${r.name}`);
    expect(run.stdout).toContain("signature NOT checked");
  });

  it("rejects a token for the plan's mock audience on audience", async () => {
    const run = await kis("--outputs", OUTPUTS, ...AT, "--route", "orders-read", await sign(claims({ aud: PLAN_MOCK_API })));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`REJECTED  orders-read\\n  - audience: aud "${PLAN_MOCK_API}" is not this API; expected "${DEPLOYED_API}"`));
  });

  it("without routeRules (a stack deployed before they were exported) judges the token on its own", async () => {
    const { routeRules: _r, ...rest } = deployed;
    const file = join(dir, "no-rules.json");
    writeFileSync(file, JSON.stringify(rest));
    const run = await kis("--outputs", file, ...AT, await sign(claims()));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("ACCEPTED  (token only: the stack outputs carry no routeRules)");
  });

  it("--json names the source", async () => {
    const run = await kis("--outputs", OUTPUTS, ...AT, "--json", await sign(claims()));
    expect(JSON.parse(run.stdout).source.kind).toBe("deployed");
  });
});

describe("kis explain-token --stack NAME --live", () => {
  it("runs pulumi stack output --json for the stack and judges against it", async () => {
    const bin = mkdtempSync(join(tmpdir(), "kis-fake-pulumi-"));
    const fake = join(bin, "pulumi");
    // A stand-in for the pulumi CLI: prints the outputs only for the exact command kis must run.
    writeFileSync(fake, `#!/bin/sh\nif [ "$*" = "stack output --json --stack dev-eu" ]; then cat '${OUTPUTS}'; else echo "error: unexpected: $*" >&2; exit 255; fi\n`);
    chmodSync(fake, 0o755);
    const path = process.env["PATH"];
    process.env["PATH"] = `${bin}:${path}`;
    try {
      const run = await kis("--stack", "dev-eu", "--live", ...AT, await sign(claims()));
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("Judged against the DEPLOYED stack: the deployed stack dev-eu (pulumi stack output --json, read just now)");
      const unknown = await kis("--stack", "nope", "--live", ...AT, await sign(claims()));
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toBe("kis: --stack nope --live: pulumi stack output failed: error: unexpected: stack output --json --stack nope\n");
    } finally {
      process.env["PATH"] = path;
    }
  });

  it("says plainly when the pulumi CLI is not installed, exit 2", async () => {
    const path = process.env["PATH"];
    process.env["PATH"] = mkdtempSync(join(tmpdir(), "kis-empty-path-"));
    try {
      const run = await kis("--stack", "prod", "--live", await sign(claims()));
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^kis: --stack prod --live: the pulumi CLI is not installed \(not on PATH\); .* --outputs outputs\.json\n$/);
    } finally {
      process.env["PATH"] = path;
    }
  });
});

describe("kis explain-token --jwks (signature layer)", () => {
  it("verifies the signature with the key the kid names, and names it", async () => {
    const run = await kis("--outputs", OUTPUTS, ...AT, "--jwks", jwksFile, await sign(claims()));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Token: signature verified with key "deployed-1" of ${jwksFile}`);
  });

  it("fetches the key set from a loopback URL with --allow-http", async () => {
    const run = await kis("--outputs", OUTPUTS, ...AT, "--jwks", `${server.url}/keys`, "--allow-http", await sign(claims()));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`signature verified with key "deployed-1" of ${server.url}/keys`);
  });

  it.each([
    { name: "another key signed it", header: { kid: "deployed-1" }, other: true, code: "signature", says: 'does not verify with key "deployed-1"' },
    { name: "unknown kid", header: { kid: "rotated-away" }, other: false, code: "key", says: `kid "rotated-away" is not in the key set (kids: "deployed-1"); Kong's openid-connect re-fetches` },
    { name: "no kid", header: {}, other: false, code: "key", says: "No mandatory 'kid' in claims" },
  ])("rejects on every route when $name", async ({ header, other, code, says }) => {
    const run = await kis("--outputs", OUTPUTS, ...AT, "--jwks", jwksFile, await sign(claims(), header, other ? otherKey : undefined));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("signature NOT verified against");
    expect(run.stdout).toContain(says);
    const lines = run.stdout.split("\n");
    for (const r of deployed.routeRules.filter((r: { anonymous: boolean }) => !r.anonymous)) {
      expect(lines[lines.indexOf(`REJECTED  ${r.name}`) + 1]).toMatch(new RegExp(`^  - ${code}: `));
    }
    // kid is reported once per route, by the signature layer, not twice.
    expect(run.stdout.split("\n").filter((l) => l.startsWith("  - key:")).length).toBe(code === "key" ? deployed.routeRules.length - 1 : 0);
  });

  it("HS256 keyed with the RSA public key is refused by the algorithm check and the signature layer", async () => {
    const secret = new TextEncoder().encode(JSON.stringify(keys.publicJwk));
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: "HS256", kid: "deployed-1" }).sign(secret);
    const run = await kis("--outputs", OUTPUTS, ...AT, "--jwks", jwksFile, "--route", "orders-read", token);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/  - signature: key "deployed-1" is for "RS256", the token says alg "HS256"\n  - algorithm: alg "HS256" is a shared-secret algorithm/);
  });
});

describe("kis explain-token: bad input is one line and exit 2", () => {
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  it.each([
    { name: "outputs not JSON", args: () => ["--outputs", write("bad.json", "{ not json")], line: /^kis: --outputs .*bad\.json: not valid JSON/ },
    { name: "outputs without contracts", args: () => ["--outputs", write("none.json", JSON.stringify({ proxyEndpoint: "https://x" }))], line: /: no identityContracts output; expected the JSON of `pulumi stack output --json`/ },
    { name: "contracts shown as [secret]", args: () => ["--outputs", write("secret.json", JSON.stringify({ identityContracts: "[secret]" }))], line: /identityContracts is shown as \[secret\]/ },
    { name: "a contract that is not one", args: () => ["--outputs", write("odd.json", JSON.stringify({ identityContracts: [{ issuer: 1 }] }))], line: /identityContracts\[0\]: not an identity contract/ },
    { name: "JWKS file that is not a key set", args: () => ["--outputs", OUTPUTS, "--jwks", write("k.json", JSON.stringify({ issuer: "x" }))], line: /--jwks .*k\.json: not a JSON Web Key Set \(expected an object with a "keys" list/ },
    { name: "JWKS URL that is not a key set", args: () => ["--outputs", OUTPUTS, "--allow-http", "--jwks", `${server.url}/not-a-key-set`], line: /not a JSON Web Key Set/ },
    { name: "JWKS over http without --allow-http", args: () => ["--outputs", OUTPUTS, "--jwks", `${server.url}/keys`], line: /http is refused .* --allow-http for a loopback test server/ },
    { name: "--allow-http off loopback", args: () => ["--outputs", OUTPUTS, "--allow-http", "--jwks", "http://keys.example.com/jwks"], line: /--allow-http is for loopback hosts only/ },
    { name: "unreachable JWKS URL", args: () => ["--outputs", OUTPUTS, "--allow-http", "--jwks", `http://127.0.0.1:${closedPort}/keys`], line: /--jwks http:\/\/127\.0\.0\.1:\d+\/keys: unreachable \(ECONNREFUSED\)/ },
    { name: "two sources", args: () => ["--outputs", OUTPUTS, "--plan", "x.json"], line: /--plan and --outputs name two sources; pass one/ },
    { name: "--live without --stack", args: () => ["--live"], line: /--live: name the deployed stack with --stack NAME/ },
  ])("$name", async ({ args, line }) => {
    const run = await kis(...args(), await sign(claims()));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(line);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("kis explain-token --help", () => {
  it("prints the usage and exits 0", async () => {
    const run = await kis("--help");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${usage}\n`);
    expect(usage).toMatch(/--outputs FILE[\s\S]*--live[\s\S]*--jwks FILE\|URL/);
  });
});
