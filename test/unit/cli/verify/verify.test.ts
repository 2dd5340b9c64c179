import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCommand } from "../../../../cli/commands/verify";
import { expectForToken, httpCall, readVerifyTarget, runVerify } from "../../../../cli/verify";
import { tempDir } from "../../../support/run-kis";
import { runCommandInProcess as runCommand } from "../../../support/kis-in-process";
import { startEdgeStandIn, startIdpStandIn, type EdgeStandIn, type EdgeTable, type IdpStandIn } from "../../../support/verify-stand-ins";
import { BILLING_CLIENT_ID, entraContract } from "../../components/kong/fixtures";

const OPS_CLIENT_ID = "0b5c1e7a-3d2f-4e8a-9c6b-7f1d2e3a4b5c";
const SECRETS = { billing: "kis-test-billing-secret-7Qx", ops: "kis-test-ops-secret-9Zp" };
const ROUTES = [
  { name: "orders-read", hosts: ["api.example.com"], paths: ["/orders"], methods: ["GET"], scopes: ["orders.read"], roles: [], anonymous: false },
  { name: "orders-write", hosts: ["api.example.com"], paths: ["/orders"], methods: ["POST", "PUT"], scopes: [], roles: ["orders-admins"], anonymous: false },
  { name: "orders-reports", hosts: ["api.example.com"], paths: ["/reports"], methods: ["GET"], scopes: [], roles: ["orders-readers", "orders-admins"], anonymous: false },
  { name: "orders-admin", hosts: ["api.example.com"], paths: ["/admin"], methods: ["GET"], scopes: [], roles: ["orders-admins"], anonymous: false },
  { name: "health", hosts: ["api.example.com"], paths: ["/healthz"], methods: ["GET"], scopes: [], roles: [], anonymous: true },
];

let idp: IdpStandIn;
let edge: EdgeStandIn;
let letThrough = false;
let outputsFile: string;
const contract = () => ({ ...entraContract({ clientIds: [BILLING_CLIENT_ID, OPS_CLIENT_ID] }), discoveryUrl: `${idp.server.url}/.well-known/openid-configuration` });

/** What the edge answers: Entra app-only tokens carry roles, no scp, so scope routes refuse both services. */
const table = (): EdgeTable => ({
  "GET /orders": { none: 401, malformed: 401, [BILLING_CLIENT_ID]: 403, [OPS_CLIENT_ID]: 403 },
  "POST /orders": { none: 401, malformed: 401, [BILLING_CLIENT_ID]: 403, [OPS_CLIENT_ID]: 400 },
  "GET /reports": { none: 401, malformed: 401, [BILLING_CLIENT_ID]: 200, [OPS_CLIENT_ID]: 200 },
  "GET /admin": { none: 401, malformed: 401, [BILLING_CLIENT_ID]: letThrough ? 200 : 403, [OPS_CLIENT_ID]: 200 },
  "GET /healthz": { "*": 200 },
});

const env = {
  KIS_VERIFY_BILLING_SERVICE_SECRET: SECRETS.billing,
  KIS_VERIFY_OPS_AUTOMATION_SECRET: SECRETS.ops,
};

beforeAll(async () => {
  idp = await startIdpStandIn(contract, [
    { id: BILLING_CLIENT_ID, secret: SECRETS.billing, claims: { roles: ["orders-readers"], ver: "2.0" } },
    { id: OPS_CLIENT_ID, secret: SECRETS.ops, claims: { roles: ["orders-admins"], ver: "2.0" } },
  ]);
  edge = await startEdgeStandIn(table);
  outputsFile = join(tempDir("verify"), "outputs.json");
  // What `pulumi stack output --json` prints for the stack (secrets are not in it).
  writeFileSync(
    outputsFile,
    JSON.stringify({
      identityContracts: [contract()],
      clientIds: { entra: { "billing-service": BILLING_CLIENT_ID, "ops-automation": OPS_CLIENT_ID } },
      serviceClients: [
        { name: "billing-service", scopes: [], groups: ["orders-readers"] },
        { name: "ops-automation", scopes: [], groups: ["orders-admins"] },
      ],
      edgeRoutes: ROUTES,
      proxyEndpoint: "https://api.example.com",
      clientSecrets: "[secret]",
      production: false,
      environment: "dev",
    }),
  );
});
afterAll(async () => {
  await idp.server.close();
  await edge.server.close();
});

const verify = (extra: string[] = [], environment: NodeJS.ProcessEnv = env) =>
  runCommand((args) => verifyCommand(args, environment), ["--outputs", outputsFile, "--base-url", edge.server.url, "--allow-http-loopback", ...extra]);

describe("kis verify against loopback stand-ins", () => {
  it("produces the expected matrix and exits 0 when the edge answers as the stack says", async () => {
    letThrough = false;
    const run = await verify(["--json", "--concurrency", "2"]);
    const report = JSON.parse(run.stdout);
    expect(run.stderr).toBe("");
    expect(report.mismatches).toBe(0);
    expect(run.status).toBe(0);
    const matrix = Object.fromEntries(
      ROUTES.map((r) => [r.name, Object.fromEntries(report.cells.filter((c: any) => c.route === r.name).map((c: any) => [c.probe, `${c.expected}:${c.status}`]))]),
    );
    expect(matrix).toEqual({
      "orders-read": { "no token": "401:401", "malformed token": "401:401", "billing-service": "403:403", "ops-automation": "403:403" },
      // POST with an allowed token reaches the upstream without a body: anything but 401/403 passes.
      "orders-write": { "no token": "401:401", "malformed token": "401:401", "billing-service": "403:403", "ops-automation": "allow:400" },
      "orders-reports": { "no token": "401:401", "malformed token": "401:401", "billing-service": "2xx:200", "ops-automation": "2xx:200" },
      "orders-admin": { "no token": "401:401", "malformed token": "401:401", "billing-service": "403:403", "ops-automation": "2xx:200" },
      health: { "no token": "2xx:200" },
    });
    expect(report.clients.map((c: any) => c.token)).toEqual(["issued", "issued"]);
    // Entra client credentials: the .default scope of the API's identifier URI.
    const tokenRequests = idp.server.requests.filter((r) => r.path.endsWith("/token"));
    expect(tokenRequests[0]!.body.scope).toBe(`${contract().audience!.values[0]!.includes("://") ? "" : "api://"}${contract().audience!.values[0]}/.default`);
    expect(edge.maxInFlight()).toBeLessThanOrEqual(2);
    expect(edge.server.requests.every((r) => r.method !== "POST" || r.rawBody === "")).toBe(true);
  });

  it("exits 1 and names the probe when the edge lets an unauthorised client through", async () => {
    letThrough = true;
    const run = await verify();
    letThrough = false;
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/MISMATCH orders-admin GET \/admin with billing-service: got 200, expected 403 \(role\)/);
    expect(run.stdout).toMatch(/orders-admin\s+401 ok\s+401 ok\s+200 ✗ want 403\s+200 ok/);
    expect(run.stdout).toContain("16/17 probes as expected; 1 mismatch");
  });

  it("never prints a client secret or an issued token (text and JSON, success and failure)", async () => {
    const before = idp.issued.length;
    const runs = [await verify(), await verify(["--json"])];
    letThrough = true;
    runs.push(await verify(["--json"]));
    letThrough = false;
    // A wrong secret: the stand-in echoes it in error_description, which verify must not repeat.
    runs.push(await verify([], { ...env, KIS_VERIFY_OPS_AUTOMATION_SECRET: "kis-test-wrong-secret-3Kd" }));
    expect(idp.issued.length).toBeGreaterThan(before);
    const printed = runs.map((r) => r.stdout + r.stderr).join("\n");
    for (const s of [SECRETS.billing, SECRETS.ops, "kis-test-wrong-secret-3Kd", ...idp.issued]) expect(printed).not.toContain(s);
    expect(runs[3]!.stdout).toContain("client ops-automation (entra): token failed, token endpoint answered 401 (invalid_client)");
  });

  it("skips clients without credentials and still checks 401s", async () => {
    const run = await verify(["--json"], {});
    const report = JSON.parse(run.stdout);
    expect(report.clients.map((c: any) => c.token)).toEqual(["skipped", "skipped"]);
    expect(report.probes).toEqual(["no token", "malformed token"]);
    expect(run.status).toBe(0);
  });

  it("--expect-unreachable: passes when nothing answers, fails when the edge answers (even 401)", async () => {
    const closed = await startEdgeStandIn(() => ({ "GET /x": { "*": 200 } }));
    const closedUrl = closed.server.url;
    await closed.server.close();
    const quiet = await runCommand((a) => verifyCommand(a, env), ["--outputs", outputsFile, "--base-url", closedUrl, "--allow-http-loopback", "--expect-unreachable", "--timeout", "2"]);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toContain("5/5 probes as expected");
    const answered = await verify(["--expect-unreachable"]);
    expect(answered.status).toBe(1);
    expect(answered.stdout).toMatch(/MISMATCH orders-read GET \/orders with no token: got 401, expected no-answer \(outside ZPA\)/);
  });

  it("a slow edge is a timeout mismatch, not a hang", async () => {
    edge.server.failNext("GET", "/reports", { status: 200, delayMs: 1_500 }, 1);
    const run = await verify(["--timeout", "0.5", "--concurrency", "1"], {});
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/MISMATCH orders-reports GET \/reports with no token: got timeout after 500 ms, expected 401/);
  });

  it("bad input is one line and exit 2", async () => {
    const none = await runCommand((a) => verifyCommand(a, {}), []);
    expect([none.status, none.stderr]).toEqual([2, "kis: verify: give exactly one of --outputs FILE, --plan FILE or --stack NAME (kis verify --help)\n"]);
    const bad = await verify(["--concurrency", "0"]);
    expect([bad.status, bad.stderr]).toEqual([2, 'kis: --concurrency: expected a whole number from 1 to 64, got "0"\n']);
    const help = await runCommand((a) => verifyCommand(a, {}), ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kis verify \(--outputs FILE/);
  });
});

describe("kis verify sends no credential in clear, bounds each probe, and leaves production upstreams alone", () => {
  const withOutputs = (edit: Record<string, unknown>) => {
    const file = join(tempDir("verify-outputs"), "outputs.json");
    const doc = JSON.parse(readFileSync(outputsFile, "utf8"));
    writeFileSync(file, JSON.stringify({ ...doc, ...edit }));
    return file;
  };

  it("refuses an http base URL (exit 2, before any request), and http to loopback without --allow-http-loopback", async () => {
    const before = edge.server.requests.length + idp.server.requests.length;
    const remote = await runCommand((a) => verifyCommand(a, env), ["--outputs", outputsFile, "--base-url", "http://api.example.com"]);
    expect([remote.status, remote.stderr]).toEqual([2, 'kis: --base-url: "http://api.example.com" is plain http: tokens and client secrets would cross the network in clear; use https\n']);
    // Even with the loopback flag, a remote http URL stays refused.
    const flagged = await runCommand((a) => verifyCommand(a, env), ["--outputs", outputsFile, "--base-url", "http://10.0.0.7:8000", "--allow-http-loopback"]);
    expect(flagged.status).toBe(2);
    const loopback = await runCommand((a) => verifyCommand(a, env), ["--outputs", outputsFile, "--base-url", edge.server.url]);
    expect(loopback.status).toBe(2);
    expect(loopback.stderr).toMatch(/^kis: --base-url: "http:\/\/127\.0\.0\.1:\d+" is plain http to a loopback address; pass --allow-http-loopback/);
    const token = await verify(["--token-url", "http://login.example.com/oauth2/token"]);
    expect([token.status, token.stderr]).toEqual([2, 'kis: --token-url: "http://login.example.com/oauth2/token" is plain http: tokens and client secrets would cross the network in clear; use https\n']);
    expect(edge.server.requests.length + idp.server.requests.length).toBe(before);
  });

  it("a discovered http token endpoint gets no client secret unless http to loopback was allowed", async () => {
    const target = readVerifyTarget(JSON.parse(readFileSync(outputsFile, "utf8")), "outputs.json");
    const tokenCalls = () => idp.server.requests.filter((r) => r.path.endsWith("/token")).length;
    const before = tokenCalls();
    const credentials = { "billing-service": { secret: SECRETS.billing }, "ops-automation": { secret: SECRETS.ops } };
    const report = await runVerify(target, { baseUrl: edge.server.url, expectUnreachable: false, concurrency: 2, timeoutMs: 2000, credentials, now: Math.floor(Date.now() / 1000) });
    expect(report.clients.map((c) => c.token)).toEqual(["failed", "failed"]);
    expect(report.clients[0]!.detail).toMatch(/^token endpoint http:\/\/127\.0\.0\.1:\d+\/oauth2\/v2\.0\/token is plain http to a loopback address; pass --allow-http-loopback for a local stand-in, or use https; no secret sent$/);
    expect(tokenCalls()).toBe(before);
  });

  it("a production stack (or one that does not say) gets no write probe; --write-probes sends them", async () => {
    for (const edit of [{ production: true }, { production: undefined }]) {
      const posts = () => edge.server.requests.filter((r) => r.method !== "GET").length;
      const before = posts();
      const run = await runCommand((a) => verifyCommand(a, env), ["--outputs", withOutputs(edit), "--base-url", edge.server.url, "--allow-http-loopback", "--json"]);
      const report = JSON.parse(run.stdout);
      expect(run.status, run.stderr).toBe(0);
      expect(posts()).toBe(before);
      const write = report.cells.filter((c: any) => c.route === "orders-write");
      expect(write.map((c: any) => [c.method, c.status, c.ok])).toEqual(write.map(() => ["POST", undefined, true]));
      expect(write[0].skipped).toMatch(/^POST not sent: stack dev is a production stack \(--write-probes sends it\)$/);
      const text = await runCommand((a) => verifyCommand(a, env), ["--outputs", withOutputs(edit), "--base-url", edge.server.url, "--allow-http-loopback"]);
      expect(text.stdout).toMatch(/orders-write\s+not sent\s+not sent/);
      expect(text.stdout).toContain("NOT SENT orders-write POST /orders with no token");
    }
    const before = edge.server.requests.filter((r) => r.method === "POST").length;
    const sent = await runCommand((a) => verifyCommand(a, env), ["--outputs", withOutputs({ production: true }), "--base-url", edge.server.url, "--allow-http-loopback", "--write-probes"]);
    expect(sent.status).toBe(0);
    expect(edge.server.requests.filter((r) => r.method === "POST").length).toBe(before + 4);
  });

  it("--timeout is a deadline for the whole exchange: a server trickling its answer is cut off", async () => {
    const sockets = new Set<import("node:net").Socket>();
    const trickle = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => res.write("."), 100); // never idle for 100 ms, never done
      res.on("close", () => clearInterval(timer));
    });
    trickle.on("connection", (s) => sockets.add(s));
    await new Promise<void>((r) => trickle.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(trickle.address() as import("node:net").AddressInfo).port}/`;
    const started = Date.now();
    const answer = await httpCall({ method: "GET", url, timeoutMs: 600 });
    const took = Date.now() - started;
    for (const s of sockets) s.destroy();
    await new Promise((r) => trickle.close(r));
    expect(answer).toMatchObject({ status: undefined, error: "timeout after 600 ms" });
    expect(took).toBeGreaterThanOrEqual(550);
    expect(took).toBeLessThan(3000);
  });
});

describe("what a token must get", () => {
  it("401 for a token of another issuer, 403 for a missing role, 2xx when the contract accepts it", () => {
    const c = entraContract();
    const route = { ...ROUTES[3]!, anonymous: false };
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: c.issuer, aud: c.audience!.values[0], azp: BILLING_CLIENT_ID, ver: "2.0", exp: now + 600, iat: now, nbf: now };
    const header = { alg: "RS256", kid: "k1" }; // real IdP tokens name their key; checkClaims rejects one without, as Kong does
    expect(expectForToken([c], { header, claims: { ...claims, roles: ["orders-admins"] } }, route, now).expect).toBe("2xx");
    expect(expectForToken([c], { header, claims: { ...claims, roles: ["orders-readers"] } }, route, now)).toEqual({ expect: "403", because: "role" });
    expect(expectForToken([c], { header, claims: { ...claims, iss: "https://evil.example.com" } }, route, now).expect).toBe("401");
  });

  it("reads routes from a kis plan as well as from stack outputs", () => {
    const plan = { kind: "kis-plan", routes: ROUTES, identityContracts: [entraContract()], outputs: { clientIds: {}, proxyEndpoint: "https://api.example.com" } };
    const target = readVerifyTarget(plan, "plan.json");
    expect(target.routes.map((r) => r.name)).toEqual(ROUTES.map((r) => r.name));
    expect(() => readVerifyTarget({ proxyEndpoint: "x" }, "outputs.json")).toThrow(/no routes \(output edgeRoutes\)/);
  });
});
