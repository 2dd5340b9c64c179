import { printable } from "../trace/render";
import type { VerifyReport } from "./run";

/** The summary matrix: one row per route, one column per probe; then every mismatch with its reason. */
export function renderVerify(report: VerifyReport): string {
  const lines = [`kis verify · ${report.mode === "outside" ? "from outside ZPA (the edge must not answer)" : "from inside"} · ${printable(report.baseUrl)}`, ""];
  for (const c of report.clients) lines.push(`  client ${printable(c.name)} (${printable(c.provider)}): token ${c.token}, ${printable(c.detail)}`);
  if (report.clients.length) lines.push("");
  const routes = [...new Set(report.cells.map((c) => c.route))];
  const header = ["route", ...report.probes];
  const rows = routes.map((r) => [
    r,
    ...report.probes.map((p) => {
      const cell = report.cells.find((c) => c.route === r && c.probe === p);
      if (!cell) return "-";
      if (cell.skipped) return "not sent";
      const got = cell.status ?? (cell.error?.startsWith("timeout") ? "timeout" : "no answer");
      return `${got}${cell.ok ? " ok" : ` ✗ want ${cell.expected}`}`;
    }),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => printable(row[i]).length)));
  for (const row of [header, ...rows]) lines.push(`  ${row.map((v, i) => printable(v).padEnd(widths[i]!)).join("  ")}`.trimEnd());
  lines.push("");
  for (const c of report.cells.filter((x) => !x.ok)) {
    lines.push(
      `  MISMATCH ${printable(c.route)} ${c.method} ${printable(c.path)} with ${printable(c.probe)}: ` +
        `got ${c.status ?? printable(c.error ?? "no answer")}, expected ${c.expected} (${printable(c.because)})`,
    );
  }
  if (report.http2) {
    const h = report.http2;
    lines.push(
      h.ok
        ? `  HTTP/2 ok: the edge picks ${printable(h.protocol ?? "?")} when a client offers h2 (ping-auth on ${printable(h.routes.join(", "))} answers 400 to HTTP/2)`
        : `  MISMATCH HTTP/2: ${h.protocol === "h2" ? "the edge picks h2 when a client offers it" : `the ALPN check failed (${printable(h.error ?? "?")})`}, so browsers and HTTP/2 clients would get 400 from ping-auth on ${printable(h.routes.join(", "))}`,
    );
  }
  for (const c of report.cells.filter((x) => x.skipped)) lines.push(`  NOT SENT ${printable(c.route)} ${c.method} ${printable(c.path)} with ${printable(c.probe)}: ${printable(c.skipped!)}`);
  const total = report.cells.length + (report.http2 ? 1 : 0);
  lines.push(`${total - report.mismatches}/${total} probes as expected; ${report.mismatches} mismatch${report.mismatches === 1 ? "" : "es"}`);
  return lines.join("\n");
}
