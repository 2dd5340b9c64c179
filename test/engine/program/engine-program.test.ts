import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateStack } from "../../../cli/bench/plan-bench";
import { engineConfigSizeWarning } from "../../../cli/plan/engine-config-size";
import { listStacks, readStackFile } from "../../../cli/plan/stack-file";
import { EXAMPLE_PASSPHRASE, decryptWithKey, keyOfEncryptionSalt } from "../../support/example-secrets";
import { REPO_ROOT, spawnKis, tempDir } from "../../support/run-kis";
import { pulumiVersion, pulumiWorkspace, type PulumiWorkspace } from "../support/pulumi-cli";
import { POLICY_PACK, fileText, initStack, policyConfigFor, policyVerdicts, requireLanguageHost, stackFileCopy, stepsOf } from "./engine-program";

/**
 * The program and the policy pack run by the real engine (CLI + Node.js language host), with the test provider
 * plugins answering for azuread/okta/aws/random/kubernetes and @pulumi/pulumi's own dynamic-provider host for the
 * dynamic providers. `npm run test:engine:program`; not in CI while the language host cannot be built there.
 */
const stacks = listStacks(join(REPO_ROOT, "stacks"));
const BROKEN = join(REPO_ROOT, "test", "fixtures", "broken");
const broken = readdirSync(BROKEN).filter((f) => f.endsWith(".yaml")).sort();
/** Stacks whose every resource a test provider serves (no dynamic provider needs a vendor stand-in). */
const CYCLED = ["okta-dev", "cognito-dev"];
const tally = { previewed: 0, cycles: 0, refused: 0, secretsInState: 0 };
let ws: PulumiWorkspace;

beforeAll(() => {
  requireLanguageHost();
  ws = pulumiWorkspace("program");
});

afterAll(() => {
  console.log(`engine: ${tally.previewed} stacks previewed, ${tally.cycles} up/destroy cycles, ${tally.refused} broken stacks refused by the engine, ${tally.secretsInState} secrets in state, pulumi ${pulumiVersion()}`);
});

const withPack = (stack: string, config?: string) => ["--policy-pack", POLICY_PACK, "--policy-pack-config", config ?? policyConfigFor(stack)];

describe.each(stacks)("pulumi preview --stack %s --policy-pack policy-packs/identity", (stack) => {
  it("exits 0 with no mandatory violation, as kis plan does", () => {
    initStack(ws, stack);
    const run = ws.pulumi(["preview", "--stack", stack, ...withPack(stack)]);
    expect(run.status, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`).toBe(0);
    expect(policyVerdicts(run).violated).toEqual([]);
    const kis = spawnKis(["plan", "--stack", stack, "--out", tempDir("engine-plan"), "--policy-config", policyConfigFor(stack)]);
    expect(kis.status, kis.stderr).toBe(0);
    tally.previewed++;
  });
});

describe.each(CYCLED)("up, up again, a one-key change and destroy of %s", (stack) => {
  it("creates, changes nothing the second time, updates in place, keeps secrets encrypted, serves explain-token --live, and destroys", () => {
    const name = `cycle-${stack}`;
    const file = stackFileCopy(ws, stack);
    const at = ["--stack", name, "--config-file", file];
    initStack(ws, name);

    const created = stepsOf(ws.pulumi(["up", "--yes", "--json", ...at, ...withPack(stack)]));
    expect(created.filter((s) => s.op === "create").length).toBeGreaterThan(10);

    // Every policy runs on known values now, and none is violated; the same stack planned offline agrees.
    const again = ws.pulumi(["preview", "--expect-no-changes", ...at, ...withPack(stack)]);
    expect(again.status, again.stdout.slice(-3000)).toBe(0);
    expect(policyVerdicts(again)).toEqual({ violated: [], notRun: [] });

    writeFileSync(file, fileText(file).replace(/rateLimitPerMinute: 600/, "rateLimitPerMinute: 601"));
    const changed = stepsOf(ws.pulumi(["up", "--yes", "--json", ...at, ...withPack(stack)]));
    const ops = changed.filter((s) => s.op !== "same");
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.map((s) => s.op).filter((op) => op !== "update")).toEqual([]);

    const state = ws.pulumi(["stack", "export", "--stack", name]);
    expect(state.status, state.stderr).toBe(0);
    const secrets = secretValuesOf(file);
    for (const value of secrets) expect(state.stdout.includes(value), "a secret in clear in the state").toBe(false);
    expect(state.stdout).not.toMatch(/plan-only-secret-/); // client secrets the test provider returned
    tally.secretsInState += secrets.filter((v) => state.stdout.includes(v)).length;

    // A token shaped by the deployed contract (issuer, audience and client claims, scope claim) for orders.read.
    const outputs = JSON.parse(ws.pulumi(["stack", "output", "--json", "--stack", name]).stdout) as { identityContracts: Contract[] };
    const contract = outputs.identityContracts[0]!;
    const live = spawnKis(["explain-token", "--stack", name, "--live", "--route", "orders-read", tokenFor(contract, contract.issuer)], ws.env);
    expect(live.status, live.stdout + live.stderr).toBe(0);
    const foreign = spawnKis(["explain-token", "--stack", name, "--live", "--route", "orders-read", tokenFor(contract, "https://elsewhere.example.com/oauth2/default")], ws.env);
    expect(foreign.status, foreign.stdout).toBe(1);

    const destroyed = stepsOf(ws.pulumi(["destroy", "--yes", "--json", ...at]));
    expect(destroyed.filter((s) => s.op === "delete").length).toBe(created.filter((s) => s.op === "create").length);
    tally.cycles++;
  });
});

describe("the engine's config limit (PULUMI_CONFIG is one environment string)", () => {
  it("600 generated routes preview; 700 stop before the program runs, as kis plan warns", () => {
    for (const routes of [600, 700]) {
      const file = join(ws.home, `Pulumi.routes-${routes}.yaml`);
      writeFileSync(file, generateStack(routes));
      initStack(ws, `routes-${routes}`);
      const run = ws.pulumi(["preview", "--stack", `routes-${routes}`, "--config-file", file]);
      expect(run.status === 0, `${routes} routes`).toBe(routes === 600);
      expect(/argument list too long/.test(run.stdout + run.stderr), `${routes} routes`).toBe(routes === 700);
      expect(engineConfigSizeWarning(readStackFile(file).engineConfig, routes) !== undefined).toBe(routes === 700);
    }
  });
});

describe.each(broken)("the engine refuses the broken stack %s", (fixture) => {
  it("with exactly its rule", () => {
    const file = join(BROKEN, fixture);
    const expected = /^# expect: (\S+)$/m.exec(readFileSync(file, "utf8"))![1]!;
    const policy = file.replace(/\.yaml$/, ".policy.json");
    const name = `broken-${basename(fixture, ".yaml")}`.slice(0, 90);
    initStack(ws, name);
    const run = ws.pulumi(["up", "--yes", "--stack", name, "--config-file", file, "--policy-pack", POLICY_PACK, ...(existsSync(policy) ? ["--policy-pack-config", policy] : [])]);
    expect(run.status).not.toBe(0);
    expect(policyVerdicts(run).violated).toEqual([expected]);
    tally.refused++;
  });
});

/** The decrypted secure: values of a stack file, each as long lines a leak would contain. */
function secretValuesOf(file: string): string[] {
  const stack = readStackFile(file);
  const key = keyOfEncryptionSalt(EXAMPLE_PASSPHRASE, String(stack.secretsProvider.encryptionsalt));
  return Object.values(stack.ciphertexts)
    .flatMap((c) => decryptWithKey(key, String(c)).split("\n"))
    .filter((line) => line.length >= 40 && !line.startsWith("-----"));
}

interface Contract {
  readonly issuer: string;
  readonly audience?: { claim: string; values: string[] };
  readonly clients: { claim: string; values: string[] };
  readonly scopes: { claim: string; shape: "array" | "string"; valuePrefix?: string };
}

/** An unsigned access token for orders.read as the contract's IdP would shape it (explain-token reads claims only). */
function tokenFor(contract: Contract, issuer: string): string {
  const now = Math.floor(Date.now() / 1000);
  const scope = `${contract.scopes.valuePrefix ?? ""}orders.read`;
  const payload: Record<string, unknown> = {
    iss: issuer,
    [contract.clients.claim]: contract.clients.values[0],
    [contract.scopes.claim]: contract.scopes.shape === "array" ? [scope] : scope,
    token_use: "access",
    iat: now,
    exp: now + 600,
  };
  if (contract.audience) payload[contract.audience.claim] = contract.audience.values[0];
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "RS256", kid: "engine-test" })}.${part(payload)}.c2lnbmF0dXJl`;
}
