import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanDocument } from "../../../../cli/plan/plan-document";
import { runKis, spawnKis, tempDir } from "../../../support/run-kis";

const NOW = Date.parse("2026-06-01T12:00:00Z") / 1000;
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

async function sign(claims: Record<string, unknown>, alg: "RS256" | "HS256" = "RS256"): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg, typ: "JWT", kid: "k1" });
  return alg === "RS256" ? jwt.sign(privateKey) : jwt.sign(new TextEncoder().encode("a-shared-secret-of-32-bytes-long!"));
}

describe("kis explain-token", () => {
  let out: string;
  let plan: PlanDocument;
  let good: Record<string, unknown>;

  beforeAll(async () => {
    out = tempDir("explain");
    expect((await runKis(["plan", "--stack", "dev", "--out", out])).status).toBe(0);
    plan = JSON.parse(readFileSync(join(out, "dev", "plan.json"), "utf8"));
    const c = plan.identityContracts[0]!;
    good = {
      iss: c.issuer,
      aud: c.audience!.values[0],
      azp: c.clients.values[0],
      ver: "2.0",
      sub: "user-1",
      scp: "orders.read orders.write",
      roles: ["orders-admins"],
      iat: NOW - 60,
      nbf: NOW - 60,
      exp: NOW + 3000,
    };
  });

  const explain = (token: string, ...extra: string[]) =>
    runKis(["explain-token", "--stack", "dev", "--out", out, "--now", new Date(NOW * 1000).toISOString(), ...extra, token]);

  it("accepts a token that carries what every route requires, exit 0", async () => {
    const run = await explain(await sign(good));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const r of plan.routes) expect(run.stdout).toContain(`ACCEPTED  ${r.name}`);
    // The source and the missing signature check are said plainly.
    expect(run.stdout).toMatch(/^Judged against the OFFLINE PLAN: the offline plan of stack dev .* mock values/);
    expect(run.stdout).toContain("signature NOT checked (claims only): pass --jwks FILE|URL to verify it");
  });

  it("names the missing scope and role per route, exit 1", async () => {
    const run = await explain(await sign({ ...good, scp: "orders.read", roles: [] }));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("ACCEPTED  orders-read");
    expect(run.stdout).toMatch(/REJECTED  orders-write\n  - scope: route orders-write requires scope "orders.write"/);
    expect(run.stdout).toMatch(/REJECTED  orders-reports\n  - role: /);
  });

  it("explains a v1 token at the v2 gateway as an issuer mismatch", async () => {
    const tenant = String(plan.identityContracts[0]!.details["tenantId"]);
    const run = await explain(await sign({ ...good, iss: `https://sts.windows.net/${tenant}/`, ver: "1.0" }), "--route", "orders-read");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("no contract of stack dev has this issuer");
    expect(run.stdout).toMatch(/issuer: .*other token version/);
  });

  it("rejects an HS256 token on the algorithm", async () => {
    const run = await explain(await sign(good, "HS256"), "--route", "orders-read", "--json");
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.verdicts[0].rejections.map((r: { code: string }) => r.code)).toEqual(["algorithm"]);
  });

  it("reads the token from standard input and accepts a Bearer prefix", async () => {
    const file = join(out, "token.txt");
    writeFileSync(file, `Bearer ${await sign(good)}\n`);
    // A real process: the token arrives on its standard input.
    const run = spawnKis(["explain-token", "--stack", "dev", "--out", out, "--now", new Date(NOW * 1000).toISOString(), `--route`, "orders-read", "-"], {}, readFileSync(file, "utf8"));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("ACCEPTED  orders-read");
  });

  it("says what to do when the input is wrong, exit 2", async () => {
    expect((await explain("not-a-jwt")).stderr).toMatch(/^kis: token: not a JWT/);
    expect((await explain("not-a-jwt")).status).toBe(2);
    const run = await runKis(["explain-token", "--stack", "nope", "--out", out, "x.y.z"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no plan at .*nope\/plan\.json; run `kis plan --stack nope` first/);
  });
});
