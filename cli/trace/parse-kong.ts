import type { KongRequest, ParsedLog } from "./types";

/**
 * Reads Kong audit-log lines: the JSON objects file-log writes to stdout (mixed with Kong's access and error
 * log, which are skipped) or http-log posts (one object per line, or an array per batch).
 */
export function parseKongLog(text: string): ParsedLog<KongRequest> {
  const records: KongRequest[] = [];
  const invalid: { line: number; reason: string }[] = [];
  let skipped = 0;
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line.startsWith("{") && !line.startsWith("[")) {
      skipped++;
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      invalid.push({ line: i + 1, reason: "not JSON" });
      return;
    }
    for (const o of Array.isArray(parsed) ? parsed : [parsed]) {
      const r = kongRequest(o);
      if (r === "skip") skipped++;
      else if (typeof r === "string") invalid.push({ line: i + 1, reason: r });
      else records.push(r);
    }
  });
  return { records, skipped, invalid };
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : Array.isArray(v) ? v.join(" ") : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function kongRequest(value: unknown): KongRequest | string | "skip" {
  const o = obj(value);
  if (!("started_at" in o) || !("client_ip" in o)) return "skip";
  const time = num(o["started_at"]);
  const clientIp = str(o["client_ip"]);
  if (time === undefined || clientIp === undefined) return "a Kong log line without started_at or client_ip";
  const request = obj(o["request"]);
  const identity = obj(o["identity"]);
  // The stack's audit log names route and service; a plain log line carries the entities.
  const nameOf = (v: unknown) => str(v) ?? str(obj(v)["name"]);
  return {
    requestId: str(o["request_id"]) ?? str(obj(request["headers"])["x-request-id"]),
    time,
    clientIp,
    clientPort: num(o["client_port"]),
    route: nameOf(o["route"]),
    service: nameOf(o["service"]),
    method: str(request["method"]),
    path: str(request["uri"])?.split("?")[0],
    status: num(obj(o["response"])["status"]),
    latencyMs: num(obj(o["latencies"])["request"]),
    identity: {
      ...(str(identity["sub"]) ? { sub: str(identity["sub"]) } : {}),
      ...(str(identity["client_id"]) ? { clientId: str(identity["client_id"]) } : {}),
      ...(str(identity["iss"]) ? { issuer: str(identity["iss"]) } : {}),
      ...(str(identity["scopes"]) ? { scopes: str(identity["scopes"]) } : {}),
      ...(str(identity["groups"]) ? { groups: str(identity["groups"]) } : {}),
      ...(str(identity["consumer"]) ? { consumer: str(identity["consumer"]) } : {}),
    },
  };
}
