import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { joinLogs, parseEdgeLog, parseKongLog, parseZpaLog, printable, selectChains, type TraceResult } from "../../../../cli/trace";
import { REPO_ROOT, runKis, tempDir } from "../../../support/run-kis";
import { runCommandInProcess as runCommand } from "../../../support/kis-in-process";
import { traceCommand } from "../../../../cli/commands/trace";
import { TRACE_IDLE_CONNECTIONS, traceFixtures, traceFixturesWithoutEdge, type TruthEntry } from "../../../support/trace-fixtures";

const DIR = join(REPO_ROOT, "test", "fixtures", "trace");
const file = (name: string) => readFileSync(join(DIR, name), "utf8");
const truth = JSON.parse(file("ground-truth.json")) as TruthEntry[];

function traceFiles(options?: Parameters<typeof joinLogs>[1]): TraceResult {
  return joinLogs(
    {
      zpa: parseZpaLog(file("zpa-user-activity.jsonl")).records,
      edge: parseEdgeLog(file("bigip-ltm.log")).records,
      kong: parseKongLog(file("kong-audit.log")).records,
      sources: { zpa: true, edge: true, kong: true },
    },
    options,
  );
}

/** How many ground-truth requests the result reconstructs exactly (same connection, or the expected flag). */
function agreement(result: TraceResult, entries: readonly TruthEntry[]): { matched: number; wrong: string[] } {
  const wrong: string[] = [];
  for (const t of entries) {
    const chain = result.chains.find((c) => c.requestId === t.requestId);
    const got = !chain ? "no chain" : chain.problems.length === 0 ? "complete" : chain.problems.map((p) => p.kind).join("+");
    const conn = chain?.zpa?.connectionId ?? null;
    if (got !== t.expect || conn !== t.zpaConnectionId) wrong.push(`${t.requestId}: expected ${t.expect} via ${t.zpaConnectionId}, got ${got} via ${conn}`);
  }
  return { matched: entries.length - wrong.length, wrong };
}

describe("kis trace on the synthetic fixtures", () => {
  it("the committed fixtures are the generator's output", () => {
    const f = traceFixtures();
    expect([file("zpa-user-activity.jsonl"), file("bigip-ltm.log"), file("kong-audit.log")]).toEqual([f.zpa, f.f5, f.kong]);
    expect(truth).toEqual(f.truth);
  });

  it("reads every record and skips the other lines the logs hold", () => {
    const zpa = parseZpaLog(file("zpa-user-activity.jsonl"));
    const edge = parseEdgeLog(file("bigip-ltm.log"));
    const kong = parseKongLog(file("kong-audit.log"));
    // c1 appears as "active" and then "close": one connection.
    expect([zpa.records.length, edge.records.length, kong.records.length]).toEqual([8, 10, 10]);
    expect(zpa.records.find((z) => z.connectionId.endsWith("c1-alice"))!.status).toBe("close");
    expect([edge.skipped, kong.skipped]).toEqual([3, 12]); // pool monitor, icmp lines, the final newline; Kong's access and error log too
    expect([...zpa.invalid, ...edge.invalid, ...kong.invalid]).toEqual([]);
  });

  it("reconstructs every chain the ground truth says exists and flags each broken one", () => {
    const result = traceFiles();
    const { matched, wrong } = agreement(result, truth);
    expect(wrong).toEqual([]);
    expect(`${matched}/${truth.length}`).toBe("11/11");
    expect(result.counts).toEqual({ requests: 11, complete: 7, broken: 4, ambiguous: 1 });
    expect(result.unmatchedZpa.map((z) => z.connectionId)).toEqual(TRACE_IDLE_CONNECTIONS);
    // The BIG-IP runs 4.3 s behind ZPA (whole seconds in its log), Kong 1.5 s ahead.
    expect(result.offsets.edge! / 1000).toBeCloseTo(-4.5, 0);
    expect(Math.abs(result.offsets.kong! / 1000 - 1.5)).toBeLessThan(1);
  });

  it("without the clock correction, a request near a connection's start is lost (the correction is what finds it)", () => {
    const result = traceFiles({ toleranceMs: 2_000, maxSkewMs: 0 });
    const { wrong } = agreement(result, truth);
    expect(wrong.join("\n")).toMatch(/000000000009: expected complete via SqyZIMkg0JTj7EABsvwA,c7-bob, got no-zpa-connection/);
  });

  it("joins ZPA straight to Kong by the App Connector's address when there is no F5", () => {
    const f = traceFixturesWithoutEdge();
    const result = joinLogs({
      zpa: parseZpaLog(f.zpa).records,
      edge: [],
      kong: parseKongLog(f.kong).records,
      sources: { zpa: true, edge: false, kong: true },
    });
    const expected = truth
      .filter((t) => t.expect !== "no-kong-record")
      // Without the F5, request 5's missing F5 line does not matter: it joins to carol's connection.
      .map((t) => (t.expect === "no-edge-record" ? { ...t, expect: "complete" as const, zpaConnectionId: "SqyZIMkg0JTj7EABsvwA,c3-carol" } : t));
    expect(agreement(result, expected).wrong).toEqual([]);
    expect(result.counts).toEqual({ requests: 10, complete: 8, broken: 2, ambiguous: 1 });
  });

  it("selects one request, or one user's requests in a time range", () => {
    const { chains } = traceFiles();
    expect(selectChains(chains, { requestId: truth[3]!.requestId }).map((c) => c.zpa?.username)).toEqual(["bob@example.com"]);
    expect(selectChains(chains, { user: "alice@example.com" }).map((c) => c.requestId!.slice(-1))).toEqual(["1", "2", "3"]);
    // By token subject, alice's ambiguous request 7 is found too.
    expect(selectChains(chains, { user: "4f1c9a77-alice" })).toHaveLength(4);
    const from = Date.parse("2026-12-05T10:03:00Z");
    expect(selectChains(chains, { user: "bob@example.com", from }).map((c) => c.requestId!.slice(-1))).toEqual(["9", "a"]);
  });

  it("never repeats a credential a misconfigured log line carries (only the chain's fields are printed)", async () => {
    const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2lnbmF0dXJl";
    const leaky = file("kong-audit.log").replace(
      '"request":{"method":"GET","uri":"/orders"',
      `"request":{"headers":{"authorization":"Bearer ${token}","cookie":"session=abc123"},"querystring":{"access_token":"${token}"},"method":"GET","uri":"/orders?access_token=${token}"`,
    );
    expect(leaky).toContain(token);
    const dir = tempDir("trace-leak");
    writeFileSync(join(dir, "kong.log"), leaky);
    for (const json of [[], ["--json"]]) {
      const run = await runCommand(traceCommand, ["--f5", join(DIR, "bigip-ltm.log"), "--kong", join(dir, "kong.log"), ...json]);
      expect(run.stdout + run.stderr).not.toContain(token);
      expect(run.stdout).not.toContain("abc123");
    }
  });

  it("prints control characters from log values escaped", () => {
    expect(printable("orders\u001b[2J\nrequest fake")).toBe("orders\\e[2J\\nrequest fake");
  });
});

describe("kis trace as a command", () => {
  const args = ["--zpa", join(DIR, "zpa-user-activity.jsonl"), "--f5", join(DIR, "bigip-ltm.log"), "--kong", join(DIR, "kong-audit.log")];

  it("prints JSON with matched/total and exits 1 because some chains are broken (the real entry point)", { timeout: 90_000 }, async () => {
    const run = await runKis(["trace", ...args, "--json"]);
    expect(run.status).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.counts).toEqual({ ambiguous: 1, broken: 4, complete: 7, requests: 11 });
    expect(doc.unmatchedZpa).toEqual(TRACE_IDLE_CONNECTIONS);
  });

  it("exits 0 for one complete chain, as text", async () => {
    const run = await runCommand(traceCommand, [...args, "--request-id", truth[0]!.requestId]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("user       alice@example.com");
    expect(run.stdout).toContain("matched 7/11 requests end to end; 4 broken (1 ambiguous)");
  });

  it("--help prints the usage; a bad call is one line and exit 2", async () => {
    const help = await runCommand(traceCommand, ["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kis trace \[--zpa FILE\]/);
    const bad = await runCommand(traceCommand, ["--kong", join(DIR, "kong-audit.log")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("kis: trace: give at least two of --zpa, --f5 and --kong (kis trace --help)\n");
    const skew = await runCommand(traceCommand, [...args, "--tolerance", "soon"]);
    expect([skew.status, skew.stderr]).toEqual([2, 'kis: --tolerance: expected a number of seconds such as 2, got "soon"\n']);
  });
});
