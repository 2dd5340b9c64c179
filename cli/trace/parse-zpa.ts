import type { ParsedLog, ZpaConnection } from "./types";

/**
 * Reads ZPA LSS user-activity records (JSON template, one object per line; help.zscaler.com "About User Activity
 * Log Fields"). LSS repeats a long connection as "active" before its "close" record: the last record of a
 * ConnectionID wins.
 */
export function parseZpaLog(text: string): ParsedLog<ZpaConnection> {
  const byId = new Map<string, ZpaConnection>();
  const invalid: { line: number; reason: string }[] = [];
  let skipped = 0;
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line.startsWith("{")) {
      skipped++;
      return;
    }
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      invalid.push({ line: i + 1, reason: "not JSON" });
      return;
    }
    if (typeof o["ConnectionID"] !== "string") {
      skipped++;
      return;
    }
    const start = isoTime(o["TimestampConnectionStart"]);
    const port = Number(o["ConnectorPort"]);
    if (start === undefined || typeof o["ConnectorIP"] !== "string" || !Number.isInteger(port)) {
      invalid.push({ line: i + 1, reason: "no ConnectorIP, ConnectorPort or TimestampConnectionStart" });
      return;
    }
    byId.set(o["ConnectionID"], {
      connectionId: o["ConnectionID"],
      username: str(o["Username"]),
      clientPublicIp: str(o["ClientPublicIP"]),
      application: str(o["Application"]),
      connector: str(o["Connector"]),
      connectorIp: o["ConnectorIP"],
      connectorPort: port,
      serverIp: str(o["ServerIP"]),
      serverPort: Number(o["ServerPort"]) || 0,
      start,
      end: isoTime(o["TimestampConnectionEnd"]),
      status: str(o["ConnectionStatus"]),
    });
  });
  return { records: [...byId.values()], skipped, invalid };
}

const str = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

function isoTime(v: unknown): number | undefined {
  if (typeof v !== "string" || v === "") return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}
