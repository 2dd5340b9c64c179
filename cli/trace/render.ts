import { escapeText } from "../output";
import type { Chain, TraceResult } from "./join";
import type { ParsedLog } from "./types";

/**
 * Log values come from the vendors' logs (user names, routes, paths a client chose): they are printed through
 * the one escaping rule of `kis` (cli/output), so a crafted value cannot rewrite the terminal or forge a line.
 */
export function printable(value: unknown): string {
  return escapeText(String(value ?? ""));
}

const iso = (ms: number) => new Date(ms).toISOString();
const seconds = (ms: number | undefined) => (ms === undefined ? "unknown" : `${ms >= 0 ? "+" : ""}${(ms / 1000).toFixed(1)} s`);

export interface SourceSummary {
  readonly name: string;
  readonly file: string | undefined;
  readonly log: ParsedLog<unknown> | undefined;
}

/** The chains as text: one block per request, then what did not join, then matched/total. */
export function renderTrace(result: TraceResult, chains: readonly Chain[], sources: readonly SourceSummary[]): string {
  const lines: string[] = [];
  lines.push(
    `kis trace · ${sources.map((s) => (s.log ? `${s.name} ${s.log.records.length} records` : `${s.name} not given`)).join(" · ")}`,
    `clock offsets against ZPA: F5 ${seconds(result.offsets.edge)}, Kong ${seconds(result.offsets.kong)}`,
    "",
  );
  for (const c of chains) lines.push(...renderChain(c), "");
  if (chains.length === 0) lines.push("no request matches the selection", "");
  if (result.unmatchedZpa.length > 0) {
    lines.push(`ZPA connections without a request (${result.unmatchedZpa.length})`);
    for (const z of result.unmatchedZpa) {
      lines.push(`  ${printable(z.connectionId)}  ${printable(z.username)}  ${printable(z.connectorIp)}:${z.connectorPort}  ${iso(z.start)}`);
    }
    lines.push("");
  }
  for (const s of sources) {
    for (const bad of s.log?.invalid ?? []) lines.push(`unreadable ${s.name} line ${bad.line}: ${bad.reason}`);
  }
  const { requests, complete, broken, ambiguous } = result.counts;
  lines.push(`matched ${complete}/${requests} requests end to end; ${broken} broken (${ambiguous} ambiguous)`);
  return lines.join("\n");
}

function renderChain(c: Chain): string[] {
  const out = [`request ${printable(c.requestId ?? "(no id)")}  ${iso(c.time)}${c.problems.length ? "  BROKEN" : ""}`];
  if (c.zpa) {
    out.push(`  user       ${printable(c.zpa.username)} from ${printable(c.zpa.clientPublicIp)}`);
    out.push(`  ZPA        connection ${printable(c.zpa.connectionId)} · ${printable(c.zpa.application)} → ${printable(c.zpa.serverIp)}:${c.zpa.serverPort}`);
    out.push(`  connector  ${printable(c.zpa.connector)} ${printable(c.zpa.connectorIp)}:${c.zpa.connectorPort}`);
  }
  if (c.edge) out.push(`  F5         ${printable(c.edge.virtualServer)} saw ${printable(c.edge.clientIp)}:${c.edge.clientPort}`);
  if (c.kong) {
    const k = c.kong;
    const who = [k.identity.sub && `sub ${k.identity.sub}`, k.identity.clientId && `client ${k.identity.clientId}`, k.identity.consumer && `consumer ${k.identity.consumer}`]
      .filter(Boolean)
      .join(", ");
    out.push(`  Kong       route ${printable(k.route ?? "?")} ${printable(k.method ?? "")} ${printable(k.path ?? "")}${who ? ` · ${printable(who)}` : ""}`);
    out.push(`  upstream   ${printable(k.service ?? "?")} answered ${k.status ?? "?"}${k.latencyMs !== undefined ? ` in ${k.latencyMs} ms` : ""}`);
  }
  for (const p of c.problems) out.push(`  ! ${p.kind}: ${printable(p.detail)}${"candidates" in p ? ` (${p.candidates.map(printable).join(", ")})` : ""}`);
  return out;
}
