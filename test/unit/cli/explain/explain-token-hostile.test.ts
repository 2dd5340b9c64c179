import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanDocument } from "../../../../cli/plan/plan-document";
import { explainTokenCommand } from "../../../../cli/commands/explain-token";
import { runCommandInProcess } from "../../../support/kis-in-process";
import { runKis, tempDir } from "../../../support/run-kis";

const NOW = Date.parse("2026-06-01T12:00:00Z") / 1000;
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const sign = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "k1", ...header }).sign(privateKey);

// A raw C0/C1 control anywhere in the output is a terminal escape the token author chose.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe("kis explain-token with hostile tokens and files", () => {
  let out: string;
  let plan: PlanDocument;
  let good: Record<string, unknown>;

  beforeAll(async () => {
    out = tempDir("explain-hostile");
    expect((await runKis(["plan", "--stack", "dev", "--out", out])).status).toBe(0);
    plan = JSON.parse(readFileSync(join(out, "dev", "plan.json"), "utf8"));
    const c = plan.identityContracts[0]!;
    good = { iss: c.issuer, aud: c.audience!.values[0], azp: c.clients.values[0], ver: "2.0", sub: "u", scp: "orders.read", iat: NOW - 60, exp: NOW + 3000 };
  });

  // In-process: explain-token loads no Pulumi runtime, and a process per case costs seconds on a shared machine.
  const explain = (token: string, ...extra: string[]) =>
    runCommandInProcess(explainTokenCommand, ["--stack", "dev", "--out", out, "--now", new Date(NOW * 1000).toISOString(), ...extra, token]);

  it("prints a claim holding a newline, a fake verdict and ANSI escapes escaped, on one line", async () => {
    const forged = "evil\nACCEPTED  orders-write\u001b[2K\u001b[1A\u009b31m";
    const run = await explain(await sign({ ...good, iss: forged, aud: forged }, { kid: forged }), "--route", "orders-read");
    expect(run.status).toBe(1);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    // The only verdict line is the real one; the forged text stays inside the iss line, visibly escaped.
    expect(run.stdout.split("\n").filter((l) => /^(ACCEPTED|REJECTED) /.test(l))).toEqual(["REJECTED  orders-read"]);
    const issLine = run.stdout.split("\n").find((l) => l.startsWith("  iss "))!;
    expect(issLine).toContain("evil\\nACCEPTED  orders-write\\u001b[2K\\u001b[1A\\x9b31m");
    // The rejection messages quote the claim too: still no raw control.
    expect(run.stdout).toMatch(/- issuer: /);
  });

  it("cuts a 10,000-character claim with its length", async () => {
    const run = await explain(await sign({ ...good, sub: "s", iss: "x".repeat(10_000) }), "--route", "orders-read");
    const issLine = run.stdout.split("\n").find((l) => l.startsWith("  iss "))!;
    expect(issLine.length).toBeLessThan(300);
    expect(issLine).toMatch(/\(10000 characters\)/);
  });

  it.each([
    ["1e13", 1e13],
    ["-1e20", -1e20],
  ])("an exp of %s is an invalid claim (exit 1), not an internal error", async (_label, exp) => {
    const run = await explain(await sign({ ...good, exp }), "--route", "orders-read");
    expect(run.stderr).not.toMatch(/internal error|Invalid time value/);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/invalid-claim: exp .* is not a valid NumericDate/);
    expect(run.stdout).toMatch(/exp .*\(not a valid time\)/);
  });

  it.each([
    ["{}", "{}", /not a kis plan \(kind is missing\)/],
    ["[]", "[]", /not a kis plan \(the file holds a list\)/],
    ["bad JSON", "{ nope", /not valid JSON/],
    ["empty", "", /the file is empty/],
    ["100,000-deep", "[".repeat(100_000) + "]".repeat(100_000), /nested 100000 levels deep/],
    ["routes not a list", JSON.stringify({ kind: "kis-plan", stack: "x", identityContracts: [], routes: {} }), /routes: missing or not a list/],
  ])("--plan holding %s: exit 2 with one line naming --plan", async (_label, content, message) => {
    const file = join(tempDir("plan-file"), "plan.json");
    writeFileSync(file, content);
    const run = await explain(await sign(good), "--plan", file);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kis: --plan /);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("--plan naming a directory says so, exit 2", async () => {
    const dir = tempDir("plan-dir");
    mkdirSync(join(dir, "sub"));
    const run = await explain(await sign(good), "--plan", join(dir, "sub"));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--plan .*: is a directory; pass the JSON file itself/);
  });
});
