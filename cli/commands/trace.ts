import { existsSync, readFileSync } from "node:fs";
import { commandArgs } from "./command-args";
import { UsageError } from "../errors";
import { stableJson } from "../plan/plan-document";
import {
  DEFAULT_TRACE_OPTIONS,
  joinLogs,
  parseEdgeLog,
  parseKongLog,
  parseZpaLog,
  renderTrace,
  selectChains,
  type ParsedLog,
} from "../trace";

export const usage = `Usage: kis trace [--zpa FILE] [--f5 FILE] [--kong FILE] [--request-id ID | --user NAME] [--from ISO] [--to ISO]
          [--tolerance SECONDS] [--max-skew SECONDS] [--json]

Joins the edge's logs into one chain per request: user → ZPA connection → App Connector → F5 → Kong route →
upstream status. Give at least two logs:
  --zpa FILE    ZPA LSS user-activity records (JSON template, one object per line)
  --f5 FILE     BIG-IP syslog with the stack's iRule lines (kis-edge rid=... client=... vs=... ts=...)
  --kong FILE   Kong audit log (observability.audit: JSON lines; other Kong output is skipped)
Selection: --request-id ID (one chain), --user NAME (ZPA user name, token sub or client id), --from/--to.
Clocks: each source's offset against ZPA is estimated within --max-skew (default 300 s); a request then
matches a ZPA connection within --tolerance (default 2 s) of its lifetime. Unmatched and ambiguous
records are reported, never dropped or guessed.
Exit codes: 0 every selected request joined end to end, 1 some are broken or ambiguous, 2 bad input.`;

/** `kis trace`: see usage. */
export async function traceCommand(args: string[]): Promise<number> {
  const parsed = commandArgs(
    args,
    {
      zpa: { type: "string" },
      f5: { type: "string" },
      kong: { type: "string" },
      "request-id": { type: "string" },
      user: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      tolerance: { type: "string" },
      "max-skew": { type: "string" },
      json: { type: "boolean", default: false },
    },
    usage,
  );
  if (!parsed) return 0;
  const { values } = parsed;
  const given = [values.zpa, values.f5, values.kong].filter((v) => v !== undefined).length;
  if (given < 2) throw new UsageError("trace: give at least two of --zpa, --f5 and --kong (kis trace --help)");
  const zpa = values.zpa !== undefined ? parseZpaLog(readLog("--zpa", values.zpa)) : undefined;
  const edge = values.f5 !== undefined ? parseEdgeLog(readLog("--f5", values.f5)) : undefined;
  const kong = values.kong !== undefined ? parseKongLog(readLog("--kong", values.kong)) : undefined;
  const result = joinLogs(
    {
      zpa: zpa?.records ?? [],
      edge: edge?.records ?? [],
      kong: kong?.records ?? [],
      sources: { zpa: !!zpa, edge: !!edge, kong: !!kong },
    },
    {
      toleranceMs: secondsOption("--tolerance", values.tolerance, DEFAULT_TRACE_OPTIONS.toleranceMs),
      maxSkewMs: secondsOption("--max-skew", values["max-skew"], DEFAULT_TRACE_OPTIONS.maxSkewMs),
    },
  );
  const chains = selectChains(result.chains, {
    requestId: values["request-id"],
    user: values.user,
    from: timeOption("--from", values.from),
    to: timeOption("--to", values.to),
  });
  if (values.json) {
    process.stdout.write(
      stableJson({
        kind: "kis-trace",
        version: 1,
        counts: result.counts,
        offsets: result.offsets,
        selected: chains.length,
        chains: chains.map((c) => ({ ...c, time: new Date(c.time).toISOString() })),
        unmatchedZpa: result.unmatchedZpa.map((z) => z.connectionId),
        unreadable: { zpa: zpa?.invalid ?? [], f5: edge?.invalid ?? [], kong: kong?.invalid ?? [] },
      }),
    );
  } else {
    const sources = [
      { name: "ZPA", file: values.zpa, log: zpa as ParsedLog<unknown> | undefined },
      { name: "F5", file: values.f5, log: edge as ParsedLog<unknown> | undefined },
      { name: "Kong", file: values.kong, log: kong as ParsedLog<unknown> | undefined },
    ];
    process.stdout.write(`${renderTrace(result, chains, sources)}\n`);
  }
  return chains.every((c) => c.problems.length === 0) ? 0 : 1;
}

function readLog(option: string, path: string): string {
  if (path === "-") return readFileSync(0, "utf8");
  if (!existsSync(path)) throw new UsageError(`${option}: no file at ${path}`);
  return readFileSync(path, "utf8");
}

function secondsOption(option: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${option}: expected a number of seconds such as 2, got ${JSON.stringify(value)}`);
  return n * 1000;
}

function timeOption(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UsageError(`${option}: expected an ISO time such as 2026-12-05T10:00:00Z, got ${JSON.stringify(value)}`);
  return t;
}
