import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainTokenCommand } from "../../../../cli/commands/explain-token";
import { deriveCognitoContract, deriveEntraContract, deriveOktaContract, type IdentityContract } from "../../../../components/contract";
import { runCommandInProcess } from "../../../support/kis-in-process";

/**
 * The vendors' own sample tokens (Entra v1/v2 access and ID tokens, Okta access and ID tokens, Cognito access
 * and ID tokens), stored with the page they come from, judged by `kis explain-token` against a contract built
 * for the sample's tenant, authorization server or pool, at a time inside the sample's lifetime (--now).
 * The verdict is what the vendor's documentation calls for: access tokens accepted, ID tokens refused as ID tokens.
 */
const DIR = join(__dirname, "..", "..", "..", "fixtures", "vendor-tokens");
interface Sample {
  source: string;
  repository: string;
  note: string;
  token?: string;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  now: string;
  contract: Record<string, unknown> & { provider: "entra" | "okta" | "cognito" };
  route: { name: string; scopes: string[]; roles: string[]; anonymous: boolean };
  expect: { accepted: boolean; codes?: string[]; says?: string };
}
const samples = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(DIR, f), "utf8")) as Sample) }));

const common = { name: "sample", accessGroups: ["admin"], leewaySeconds: 60, accessTokenLifetimeSeconds: 3600 };
function contractOf(c: Sample["contract"]): IdentityContract {
  const scopeNames = c["scopeNames"] as string[];
  if (c.provider === "entra") {
    return deriveEntraContract({ ...common, scopeNames, tenantId: c["tenantId"] as string, tokenVersion: c["tokenVersion"] as 1 | 2, apiClientId: c["apiClientId"] as string, identifierUri: c["identifierUri"] as string, clientIds: c["clientIds"] as string[] });
  }
  if (c.provider === "okta") {
    return deriveOktaContract({ ...common, scopeNames, issuer: c["issuer"] as string, audience: c["audience"] as string, clientIds: c["clientIds"] as string[], authServerId: c["authServerId"] as string, groupsClaim: c["groupsClaim"] as string });
  }
  return deriveCognitoContract({ ...common, scopeNames, userPoolEndpoint: c["userPoolEndpoint"] as string, resourceServerIdentifier: c["resourceServerIdentifier"] as string, clientIds: c["clientIds"] as string[] });
}

/** Docs that show only the decoded header and payload: re-encoded as they were, with a placeholder signature. */
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const compact = (s: Sample) => s.token ?? `${b64(s.header)}.${b64(s.claims)}.${Buffer.from("signature-not-in-the-docs").toString("base64url")}`;

const dir = mkdtempSync(join(tmpdir(), "kis-vendor-samples-"));

describe("explain-token on the vendors' documented sample tokens", () => {
  it("holds the eight documented samples, each with its source", () => {
    expect(samples.map((s) => s.file).sort()).toEqual(
      ["cognito-access", "cognito-id", "entra-v1-access", "entra-v1-id", "entra-v2-access", "entra-v2-id", "okta-access", "okta-id"].map((n) => `${n}.json`),
    );
    for (const s of samples) expect(s.source).toMatch(/^https:\/\/(docs\.microsoft\.com|learn\.microsoft\.com|developer\.okta\.com|docs\.aws\.amazon\.com)\//);
  });

  it.each(samples)("$file: the verdict the vendor's docs call for", async (s) => {
    const outputs = join(dir, s.file);
    writeFileSync(outputs, JSON.stringify({ identityContracts: [contractOf(s.contract)], routeRules: [s.route] }));
    const run = await runCommandInProcess(explainTokenCommand, ["--outputs", outputs, "--now", s.now, compact(s)]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("signature NOT checked");
    if (s.expect.accepted) {
      expect(run.stdout).toContain(`ACCEPTED  ${s.route.name}`);
      expect(run.status).toBe(0);
    } else {
      expect(run.status).toBe(1);
      const codes = run.stdout.split("\n").filter((l) => l.startsWith("  - ")).map((l) => l.slice(4).split(":")[0]);
      expect(codes).toEqual(s.expect.codes);
      expect(run.stdout).toContain(s.expect.says!);
    }
  });

  it("the samples are expired today: without --now every access-token sample is rejected as expired", async () => {
    for (const s of samples.filter((x) => x.expect.accepted)) {
      const outputs = join(dir, `now-${s.file}`);
      writeFileSync(outputs, JSON.stringify({ identityContracts: [contractOf(s.contract)], routeRules: [s.route] }));
      const run = await runCommandInProcess(explainTokenCommand, ["--outputs", outputs, compact(s)]);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/  - expired: expired \d+s ago/);
    }
  });
});
