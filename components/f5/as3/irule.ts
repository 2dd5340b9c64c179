import { EDGE_REQUEST_ID_HEADER, EDGE_STRIPPED_PATTERNS, globMatches } from "./identity-headers";

/**
 * The header-hygiene iRule: removes every identity header a client could send and inserts the edge's own
 * request id. It runs in HTTP_REQUEST, which fires before APM's access events (ACCESS_*), so headers APM adds
 * after sign-in are not touched, while any client copy of them is gone.
 */
/** First word of the iRule's request-log line (`kis trace` reads lines that carry it). */
export const EDGE_REQUEST_LOG_TAG = "kis-edge";

export interface HygieneIRuleOptions {
  /** Headers APM forwards (exact names): client copies are removed like the built-in patterns. */
  readonly forwardedHeaders?: readonly string[];
  /** HSL destination of the per-request log line (a BIG-IP pool path); absent: no per-request line. */
  readonly requestLog?: { readonly pool: string; readonly protocol: "udp" | "tcp" };
}

/** Syslog priority of the HSL lines: facility local0 (16), severity info (6): <134>, as `log local0.info` wrote. */
export const REQUEST_LOG_SYSLOG_PRI = 16 * 8 + 6;

/** Lower-case patterns the iRule removes, built-ins first, then the forwarded headers, without duplicates. */
export function strippedPatterns(options: HygieneIRuleOptions = {}): string[] {
  const extra = (options.forwardedHeaders ?? []).map((h) => h.toLowerCase());
  return [...new Set([...EDGE_STRIPPED_PATTERNS, ...extra])];
}

export function buildHeaderHygieneIRule(options: HygieneIRuleOptions = {}): string {
  for (const h of options.forwardedHeaders ?? []) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(h)) throw new Error(`header name ${JSON.stringify(h)} may hold letters, digits and dashes only`);
  }
  const log = options.requestLog;
  if (log && !/^\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/.test(log.pool)) throw new Error(`log pool ${JSON.stringify(log.pool)} is not a BIG-IP path such as /Common/syslog_pool`);
  const patterns = strippedPatterns(options);
  const cases = patterns.map((p, i) => `            "${p}"${i === patterns.length - 1 ? " {" : " -"}`);
  return [
    "# kong-identity-stack: identity-header hygiene (generated; change the stack, not the BIG-IP).",
    ...(log
      ? [
          "when CLIENT_ACCEPTED priority 100 {",
          "    # High-speed logging (F5's way for per-request volume; `log local0` goes through syslog and throttles).",
          `    set kis_hsl [HSL::open -proto ${log.protocol.toUpperCase()} -pool ${log.pool}]`,
          "}",
        ]
      : []),
    "when HTTP_REQUEST priority 100 {",
    "    # Kong and the upstreams trust these headers because only the edge (APM) or Kong sets them:",
    "    # every copy a client sends is removed before anything else sees the request.",
    "    foreach kis_name [HTTP::header names] {",
    "        switch -glob -- [string tolower $kis_name] {",
    ...cases,
    "                HTTP::header remove $kis_name",
    "            }",
    "        }",
    "    }",
    `    # The edge's own request id (random, UUID-shaped). Kong's correlation-id plugin keeps it and echoes it.`,
    "    binary scan [CRYPTO::keygen -alg random -len 128] H32 kis_rid",
    `    set kis_request_id "[string range $kis_rid 0 7]-[string range $kis_rid 8 11]-[string range $kis_rid 12 15]-[string range $kis_rid 16 19]-[string range $kis_rid 20 31]"`,
    `    HTTP::header insert ${EDGE_REQUEST_ID_HEADER} $kis_request_id`,
    ...(log
      ? [
          "    # One request-log line per request (what `kis trace` joins), as syslog local0.info over HSL: the id, the",
          "    # address and port the client (a ZPA App Connector) connected from, the virtual server, epoch seconds.",
          "    # No header, path or query.",
          `    HSL::send $kis_hsl "<${REQUEST_LOG_SYSLOG_PRI}>${EDGE_REQUEST_LOG_TAG} rid=$kis_request_id client=[IP::client_addr]:[TCP::client_port] vs=[IP::local_addr]:[TCP::local_port] ts=[clock seconds]\\n"`,
        ]
      : []),
    "}",
    "",
  ].join("\n");
}

/** What an iRule's text does to request headers, as far as a static reading can tell. */
export interface IRuleHygiene {
  /** Runs in HTTP_REQUEST. */
  readonly onRequest: boolean;
  /** Lower-case names or glob patterns whose headers the rule removes. */
  readonly removes: readonly string[];
  /** Lower-case names of headers the rule inserts or replaces with a literal name. */
  readonly inserts: readonly string[];
}

/**
 * Reads an iRule for header removals: literal `HTTP::header remove <Name>` statements, and `switch -glob`
 * arms (`"pattern" -` fall-throughs ending in a body) whose body removes the switched-on header variable.
 * Anything cleverer is not recognised, which makes the policy err on the side of reporting.
 */
export function analyzeIRule(text: string): IRuleHygiene {
  const removes = new Set<string>();
  for (const m of text.matchAll(/HTTP::header\s+remove\s+"?([A-Za-z0-9-]+)"?/g)) removes.add(m[1]!.toLowerCase());

  for (const sw of text.matchAll(/switch\s+-glob\s+--\s+\[string\s+tolower\s+\$(\w+)\]\s*\{/g)) {
    const variable = sw[1]!;
    const body = balancedBlock(text, sw.index! + sw[0].length - 1);
    if (!body) continue;
    let pending: string[] = [];
    let i = 0;
    while (i < body.length) {
      const rest = body.slice(i);
      const arm = /^\s*"([^"]+)"\s*/.exec(rest) ?? /^\s*([^\s{}"-][^\s{}]*)\s*/.exec(rest);
      if (!arm) break;
      pending.push(arm[1]!.toLowerCase());
      i += arm[0].length;
      if (body[i] === "-") {
        i++;
        continue;
      }
      if (body[i] !== "{") break;
      const armBody = balancedBlock(body, i);
      if (armBody === undefined) break;
      if (new RegExp(`HTTP::header\\s+remove\\s+\\$${variable}\\b`).test(armBody)) pending.forEach((p) => removes.add(p));
      pending = [];
      i += armBody.length + 2;
    }
  }

  const inserts = [...text.matchAll(/HTTP::header\s+(?:insert|replace)\s+"?([A-Za-z0-9-]+)"?/g)].map((m) => m[1]!.toLowerCase());
  return { onRequest: /\bwhen\s+HTTP_REQUEST\b/.test(text), removes: [...removes], inserts: [...new Set(inserts)] };
}

/** True when the analysed rule removes this header (exact name or glob). */
export function removesHeader(hygiene: IRuleHygiene, header: string): boolean {
  return hygiene.onRequest && hygiene.removes.some((p) => globMatches(p, header));
}

/** The text between the brace at `open` and its match (TCL braces nest; quotes are not special inside braces). */
function balancedBlock(text: string, open: number): string | undefined {
  if (text[open] !== "{") return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "{") depth++;
    if (c === "}" && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}
