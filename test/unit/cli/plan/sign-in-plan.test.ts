import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { fillOutputs } from "../../../../cli/plan/mock-outputs";
import type { PlanDocument } from "../../../../cli/plan/plan-document";
import { REPO_ROOT, runKis, tempDir, type KisRun } from "../../../support/run-kis";

const NOW = Date.parse("2026-06-01T12:00:00Z") / 1000;
const SECRET_TYPES: Readonly<Record<string, string>> = {
  "azuread:index/applicationPassword:ApplicationPassword": "value",
  "random:index/randomPassword:RandomPassword": "result",
};

describe("kis plan --stack signin-dev", () => {
  let out: string;
  let run: KisRun;
  let plan: PlanDocument;
  let artifacts: Record<string, string>;

  beforeAll(async () => {
    out = tempDir("signin");
    run = await runKis(["plan", "--stack", "signin-dev", "--out", out]);
    plan = JSON.parse(readFileSync(join(out, "signin-dev", "plan.json"), "utf8"));
    artifacts = Object.fromEntries(readdirSync(join(out, "signin-dev")).map((f) => [f, readFileSync(join(out, "signin-dev", f), "utf8")]));
  });

  it("plans and passes the pack", () => {
    expect(run.status, run.stderr).toBe(0);
    expect(plan.policy?.violations).toEqual([]);
  });

  it("no secret value (client secret, session secret) in kong.yml, manifests, plan.json, identity.md or the output", () => {
    // The values the plan's mocks gave the secret outputs, recomputed from the recorded resources.
    const planted = plan.resources
      .filter((r) => r.type in SECRET_TYPES)
      .map((r) => String(fillOutputs(r.type, r.name, r.inputs).state[SECRET_TYPES[r.type]!]));
    expect(planted.length).toBeGreaterThanOrEqual(3); // two client-secret slots per client, and the session secret
    for (const value of planted) expect(value).toMatch(/^plan-only-secret-/);
    expect(Object.keys(artifacts).sort()).toEqual(["identity.md", "kong.yml", "manifests.yaml", "plan.json"]);
    for (const [file, text] of Object.entries({ ...artifacts, stdout: run.stdout, stderr: run.stderr })) {
      for (const value of planted) expect(text.includes(value), `${file} contains a planted secret`).toBe(false);
      expect(text, file).not.toContain("plan-only-secret-");
    }
    // What stands in their place: references in kong.yml, a redacted Secret in the manifests.
    expect(artifacts["kong.yml"]).toContain('client_secret:\n                - "{vault://env/kis-client-secret-orders-portal}"');
    expect(artifacts["kong.yml"]).toContain('session_secret: "{vault://env/kis-session-secret-orders-app}"');
    expect(artifacts["manifests.yaml"]).toMatch(/name: kong-vault-secrets\n  namespace: kong\nstringData: "\[secret\]"/);
  });

  it("plan.json and the summary show the browser route distinctly: flow, client, callback", () => {
    const route = plan.routes.find((r) => r.name === "orders-app")!;
    expect(route.signIn).toMatchObject({
      flow: "authorization_code+pkce+session",
      client: "orders-portal",
      redirectUri: "https://app.signin-dev.example.com/oidc/callback",
      logoutPath: "/oidc/logout",
      sessionLifetimeMinutes: 480,
      sessionIdleMinutes: 30,
      acceptBearer: false,
    });
    expect(plan.routes.find((r) => r.name === "orders-api")!.signIn).toBeUndefined();
    expect(run.stdout).toMatch(/orders-app +ANY \/ +browser sign-in, scopes orders\.read/);
    expect(run.stdout).toContain("Browser sign-in (authorization code + PKCE");
    expect(run.stdout).toContain("callback     https://app.signin-dev.example.com/oidc/callback");
  });

  it("identity.md draws the redirect leg", () => {
    expect(artifacts["identity.md"]).toContain('browser -- "orders-app: no session → 302 to authorize (code, PKCE S256, client orders-portal)" --> idp0');
    expect(artifacts["identity.md"]).toContain('idp0 -- "302 with code to https://app.signin-dev.example.com/oidc/callback" --> kong');
  });

  it("explain-token marks the browser route and says bearer tokens are not taken there", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const c = plan.identityContracts[0]!;
    const token = await new SignJWT({ iss: c.issuer, aud: c.audience!.values[0], azp: c.clients.values[0], ver: "2.0", sub: "u", scp: "orders.read", iat: NOW - 60, exp: NOW + 600 })
      .setProtectedHeader({ alg: "RS256", kid: "k" })
      .sign(privateKey);
    const explained = await runKis(["explain-token", "--stack", "signin-dev", "--out", out, "--now", new Date(NOW * 1000).toISOString(), token]);
    expect(explained.stdout).toContain("ACCEPTED  orders-app  (browser sign-in route: as the session's token, not as a bearer token)");
    expect(explained.stdout).toContain("browser sign-in: authorization code + PKCE with client orders-portal, callback https://app.signin-dev.example.com/oidc/callback");
    expect(explained.stdout).toMatch(/ACCEPTED  orders-api\n/);
  });
});

describe("kis plan: an OSS stack with a browser route", () => {
  it("is a config error naming the key: one line, exit 2, no files", async () => {
    const dir = tempDir("signin-oss");
    const stack = readFileSync(join(REPO_ROOT, "stacks", "Pulumi.signin-dev.yaml"), "utf8").replace("edition: enterprise", "edition: oss");
    writeFileSync(join(dir, "Pulumi.signin-oss.yaml"), stack);
    const run = await runKis(["plan", "--stack-file", join(dir, "Pulumi.signin-oss.yaml"), "--out", join(dir, "out")]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n").filter((l) => l.startsWith("kis:") || l.startsWith("  "))).toEqual([
      expect.stringContaining('routes[0].signIn: browser sign-in needs Kong Enterprise (the openid-connect plugin); kong.edition is "oss"'),
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
