/**
 * Synthetic edge logs with ground truth for `kis trace`: ZPA LSS user-activity records (the documented JSON
 * template), BIG-IP syslog lines from the stack's iRule, and Kong audit lines (file-log JSON with the stack's
 * custom fields), mixed with the other lines those logs really hold. The scenario has clock skew between
 * sources, missing hops, a request from outside ZPA, a reused connector port (ambiguous) and an idle
 * connection. Deterministic: the committed files in test/fixtures/trace/ are this module's output.
 */

const T0 = Date.parse("2026-12-05T10:00:00.000Z");
/** Source clocks against ZPA: the BIG-IP runs 4.3 s behind, Kong 1.5 s ahead. */
export const EDGE_OFFSET_MS = -4_300;
export const KONG_OFFSET_MS = 1_500;
const SNAT = "10.2.20.50";
const VS = "198.51.100.10%0:443";
const ISSUER = "https://login.microsoftonline.com/2b7e4c19-5d3a-4f8e-a1b6-9c0d7e2f4a35/v2.0";

interface Conn {
  readonly id: string;
  readonly user: string;
  readonly publicIp: string;
  readonly connector: string;
  readonly ip: string;
  readonly port: number;
  readonly start: number;
  readonly end: number | undefined;
}

interface Req {
  readonly n: number;
  /** ZPA-clock offset from T0, ms. */
  readonly at: number;
  /** Connector address:port the next hop sees. */
  readonly ip: string;
  readonly port: number;
  readonly route: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly sub: string;
  readonly clientId: string;
  readonly scopes?: string;
  readonly groups?: string;
  readonly dropEdge?: boolean;
  readonly dropKong?: boolean;
}

export type Expectation = "complete" | "no-edge-record" | "no-kong-record" | "no-zpa-connection" | "ambiguous-zpa-connection";

export interface TruthEntry {
  readonly requestId: string;
  readonly zpaConnectionId: string | null;
  readonly expect: Expectation;
}

const conn = (id: string, user: string, ip: string, port: number, start: number, end: number | undefined, connector = "zpa-ac-prod-1"): Conn => ({
  id: `SqyZIMkg0JTj7EABsvwA,${id}`,
  user,
  publicIp: `203.0.113.${10 + user.length}`,
  connector,
  ip,
  port,
  start: T0 + start,
  end: end === undefined ? undefined : T0 + end,
});

const CONNS: readonly Conn[] = [
  conn("c1-alice", "alice@example.com", "10.2.40.11", 51001, 0, 30_000),
  conn("c2-bob", "bob@example.com", "10.2.40.12", 51002, 5_000, 8_000, "zpa-ac-prod-2"),
  conn("c3-carol", "carol@example.com", "10.2.40.11", 51003, 40_000, 70_000),
  conn("c4-alice", "alice@example.com", "10.2.40.12", 51002, 100_000, 103_000, "zpa-ac-prod-2"),
  conn("c5-dave", "dave@example.com", "10.2.40.12", 51002, 103_500, 110_000, "zpa-ac-prod-2"),
  conn("c6-erin", "erin@example.com", "10.2.40.11", 51010, 130_000, 131_000),
  conn("c7-bob", "bob@example.com", "10.2.40.11", 51020, 200_000, 260_000),
  conn("c8-frank", "frank@example.com", "10.2.40.13", 51030, 300_000, undefined, "zpa-ac-prod-3"),
];

const ALICE = { sub: "4f1c9a77-alice", clientId: "orders-portal-client", scopes: "orders.read orders.write" };
const BOB = { sub: "8b2e01d3-bob", clientId: "orders-portal-client", scopes: "orders.read" };
const CAROL = { sub: "c0ffee00-carol", clientId: "orders-portal-client", scopes: "orders.read" };
const SERVICE = { sub: "billing-service-sp", clientId: "billing-service-client", groups: "orders-readers" };

const REQS: readonly Req[] = [
  { n: 1, at: 2_000, ip: "10.2.40.11", port: 51001, route: "orders-read", method: "GET", path: "/orders", status: 200, ...ALICE },
  { n: 2, at: 10_000, ip: "10.2.40.11", port: 51001, route: "orders-write", method: "POST", path: "/orders", status: 403, ...ALICE },
  { n: 3, at: 25_000, ip: "10.2.40.11", port: 51001, route: "orders-read", method: "GET", path: "/orders", status: 200, ...ALICE },
  { n: 4, at: 6_000, ip: "10.2.40.12", port: 51002, route: "orders-read", method: "GET", path: "/orders", status: 200, ...BOB },
  { n: 5, at: 41_000, ip: "10.2.40.11", port: 51003, route: "orders-read", method: "GET", path: "/orders", status: 200, ...CAROL, dropEdge: true },
  { n: 6, at: 60_000, ip: "10.2.40.11", port: 51003, route: "orders-reports", method: "GET", path: "/reports", status: 403, ...CAROL, dropKong: true },
  { n: 7, at: 103_200, ip: "10.2.40.12", port: 51002, route: "orders-read", method: "GET", path: "/orders", status: 200, ...ALICE },
  { n: 8, at: 120_000, ip: "10.2.40.14", port: 52000, route: "orders-reports", method: "GET", path: "/reports", status: 200, ...SERVICE },
  // 0.5 s after the connection opened: only the clock correction puts the BIG-IP's time inside it.
  { n: 9, at: 200_500, ip: "10.2.40.11", port: 51020, route: "orders-read", method: "GET", path: "/orders", status: 200, ...BOB },
  { n: 10, at: 259_800, ip: "10.2.40.11", port: 51020, route: "orders-read", method: "GET", path: "/orders", status: 200, ...BOB },
  { n: 11, at: 305_000, ip: "10.2.40.13", port: 51030, route: "orders-reports", method: "GET", path: "/reports", status: 200, ...SERVICE },
];

const rid = (n: number) => `6f1d3c2a-9b7e-4c1d-8e2f-${n.toString(16).padStart(12, "0")}`;

const TRUTH_OF: Record<number, { conn: string | null; expect: Expectation }> = {
  1: { conn: "c1-alice", expect: "complete" },
  2: { conn: "c1-alice", expect: "complete" },
  3: { conn: "c1-alice", expect: "complete" },
  4: { conn: "c2-bob", expect: "complete" },
  5: { conn: null, expect: "no-edge-record" },
  6: { conn: "c3-carol", expect: "no-kong-record" },
  7: { conn: null, expect: "ambiguous-zpa-connection" },
  8: { conn: null, expect: "no-zpa-connection" },
  9: { conn: "c7-bob", expect: "complete" },
  10: { conn: "c7-bob", expect: "complete" },
  11: { conn: "c8-frank", expect: "complete" },
};

const isoZ = (ms: number) => new Date(ms).toISOString();
const ctime = (ms: number) => {
  const d = new Date(ms);
  const [wd, mon, day, time, year] = [d.toUTCString().slice(0, 3), d.toUTCString().slice(8, 11), d.getUTCDate(), d.toISOString().slice(11, 19), d.getUTCFullYear()];
  return `${wd} ${mon} ${String(day).padStart(2, " ")} ${time} ${year}`;
};

function zpaRecord(c: Conn, status: "active" | "close"): string {
  // Field order and shapes as the LSS default JSON template (help.zscaler.com, About User Activity Log Fields).
  const end = status === "close" && c.end !== undefined ? isoZ(c.end) : "";
  return JSON.stringify({
    LogTimestamp: ctime(status === "close" && c.end !== undefined ? c.end + 900 : c.start + 1_000),
    Customer: "Example Corp",
    SessionID: "SqyZIMkg0JTj7EABsvwA",
    ConnectionID: c.id,
    InternalReason: "",
    ConnectionStatus: status,
    IPProtocol: 6,
    DoubleEncryption: 0,
    Username: c.user,
    ServicePort: 443,
    ClientPublicIP: c.publicIp,
    ClientPrivateIP: "",
    ClientLatitude: 50.1,
    ClientLongitude: 8.68,
    ClientCountryCode: "DE",
    ClientZEN: "broker2.fra4",
    Policy: "orders-api-prod-edge",
    Connector: c.connector,
    ConnectorZEN: "broker2.fra4",
    ConnectorIP: c.ip,
    ConnectorPort: c.port,
    Host: "api.example.com",
    Application: "orders-api-prod-edge",
    AppGroup: "orders-api-prod",
    Server: "0",
    ServerIP: "198.51.100.10",
    ServerPort: 443,
    PolicyProcessingTime: 31,
    ServerSetupTime: 420,
    TimestampConnectionStart: isoZ(c.start),
    TimestampConnectionEnd: end,
    TimestampCATx: isoZ(c.start),
    TimestampCARx: isoZ(c.start + 1),
    TimestampZENFirstRxClient: isoZ(c.start + 180),
    TimestampZENLastRxClient: end,
  });
}

function edgeLine(r: Req): string {
  const t = T0 + r.at + EDGE_OFFSET_MS;
  const syslogTime = new Date(t).toUTCString().slice(8, 11) + " " + String(new Date(t).getUTCDate()).padStart(2, " ") + " " + isoZ(t).slice(11, 19);
  return (
    `${syslogTime} bigip-prod-1 info tmm1[19322]: Rule /kis_prod/kong_edge/identity_header_hygiene <HTTP_REQUEST>: ` +
    `kis-edge rid=${rid(r.n)} client=${r.ip}:${r.port} vs=${VS} ts=${Math.floor(t / 1000)}`
  );
}

function kongLine(r: Req): string {
  const t = T0 + r.at + KONG_OFFSET_MS + 3;
  return JSON.stringify({
    client_ip: SNAT,
    client_port: 40_000 + r.n,
    started_at: t,
    request_id: rid(r.n),
    request: { method: r.method, uri: r.path, size: 312, tls: { version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384" } },
    response: { status: r.status, size: 420 },
    latencies: { kong: 2, proxy: r.status === 403 ? -1 : 11, request: r.status === 403 ? 3 : 14 },
    route: r.route,
    service: r.route,
    tries: r.status === 403 ? [] : [{ ip: "10.2.50.7", port: 8080, balancer_latency: 0 }],
    identity: {
      sub: r.sub,
      client_id: r.clientId,
      iss: ISSUER,
      ...(r.scopes ? { scopes: r.scopes } : {}),
      ...(r.groups ? { groups: r.groups } : {}),
    },
  });
}

export interface TraceFixtures {
  readonly zpa: string;
  readonly f5: string;
  readonly kong: string;
  readonly truth: readonly TruthEntry[];
}

/** The scenario's three logs and its ground truth. */
export function traceFixtures(): TraceFixtures {
  const zpaLines = [
    zpaRecord(CONNS[0]!, "active"),
    ...CONNS.map((c) => zpaRecord(c, c.end === undefined ? "active" : "close")),
  ];
  const f5Lines = [
    "Dec  5 09:59:58 bigip-prod-1 notice mcpd[6021]: 01070727:5: Pool /kis_prod/kong_edge/kong_pool member /kis_prod/10.2.30.11:443 monitor status up.",
    ...REQS.filter((r) => !r.dropEdge).sort((a, b) => a.at - b.at).map(edgeLine),
    "Dec  5 10:05:01 bigip-prod-1 warning tmm1[19322]: 011e0001:4: Limiting icmp unreach response from 251 to 250 packets/sec",
  ];
  const kongLines = [
    '2026/12/05 10:00:01 [notice] 1#0: using the "epoll" event method',
    ...REQS.filter((r) => !r.dropKong)
      .sort((a, b) => a.at - b.at)
      .flatMap((r) => [kongLine(r), `${SNAT} - - [05/Dec/2026:10:00:00 +0000] "${r.method} ${r.path} HTTP/1.1" ${r.status} 420 "-" "curl/8.5.0"`]),
  ];
  const truth = REQS.map((r) => ({
    requestId: rid(r.n),
    zpaConnectionId: TRUTH_OF[r.n]!.conn ? `SqyZIMkg0JTj7EABsvwA,${TRUTH_OF[r.n]!.conn}` : null,
    expect: TRUTH_OF[r.n]!.expect,
  }));
  return { zpa: `${zpaLines.join("\n")}\n`, f5: `${f5Lines.join("\n")}\n`, kong: `${kongLines.join("\n")}\n`, truth };
}

/** The same requests with Kong straight behind ZPA (no F5): Kong's client address is the App Connector's. */
export function traceFixturesWithoutEdge(): { zpa: string; kong: string } {
  const lines = REQS.filter((r) => !r.dropKong).map((r) => {
    const o = JSON.parse(kongLine(r));
    return JSON.stringify({ ...o, client_ip: r.ip, client_port: r.port });
  });
  return { zpa: traceFixtures().zpa, kong: `${lines.join("\n")}\n` };
}

export const TRACE_IDLE_CONNECTIONS = ["SqyZIMkg0JTj7EABsvwA,c6-erin"];
