import { EDGE_REQUEST_LOG_TAG } from "../../components/f5/as3/irule";
import type { EdgeRequest, ParsedLog } from "./types";

/**
 * Reads the BIG-IP request-log lines the stack's iRule writes, wherever syslog put them (/var/log/ltm, a remote
 * collector): the fields are found after the tag, the syslog prefix is ignored. Only the iRule's own fields are
 * read, anchored right after the tag, so nothing a client sends can pose as one of them. A route-domain suffix
 * (`10.1.1.5%2`) is dropped from addresses.
 */
const LINE = new RegExp(
  `(?:^|\\s)${EDGE_REQUEST_LOG_TAG} rid=([0-9a-f-]{36}) client=(\\S+):(\\d+) vs=(\\S+) ts=(\\d+)(?:\\s|$)`,
);

export function parseEdgeLog(text: string): ParsedLog<EdgeRequest> {
  const records: EdgeRequest[] = [];
  const invalid: { line: number; reason: string }[] = [];
  let skipped = 0;
  text.split("\n").forEach((line, i) => {
    if (!line.includes(`${EDGE_REQUEST_LOG_TAG} `)) {
      skipped++;
      return;
    }
    const m = LINE.exec(line);
    if (!m) {
      invalid.push({ line: i + 1, reason: `a ${EDGE_REQUEST_LOG_TAG} line without rid, client, vs and ts` });
      return;
    }
    records.push({
      requestId: m[1]!,
      clientIp: withoutRouteDomain(m[2]!),
      clientPort: Number(m[3]),
      virtualServer: withoutRouteDomain(m[4]!),
      time: Number(m[5]) * 1000,
    });
  });
  return { records, skipped, invalid };
}

/** `10.1.1.5%2` → `10.1.1.5`; `10.1.1.5%2:443` → `10.1.1.5:443`. */
const withoutRouteDomain = (address: string) => address.replace(/%\d+/, "");
