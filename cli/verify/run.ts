import { decodeJwt, decodeProtectedHeader } from "jose";
import { expectForToken, meets, type Expected } from "./expectation";
import { alpnChoice, clearTextRefusal, httpCall, type HttpAnswer } from "./http";
import type { VerifyClient, VerifyRoute, VerifyTarget } from "./target";
import { clientCredentialsScope, clientCredentialsToken, tokenEndpoint } from "./token";

/** A token that is not a JWT at all: the edge must answer 401 without calling anything. */
export const MALFORMED_TOKEN = "not-a-jwt.kis-verify.malformed";
/** Methods a probe may send to a production upstream without changing anything. */
const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"];

export interface VerifyOptions {
  /** Where the edge answers; default the stack's proxyEndpoint. */
  readonly baseUrl?: string;
  readonly expectUnreachable: boolean;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly ca?: string;
  /** Token endpoint instead of the one in the discovery document. */
  readonly tokenUrl?: string;
  /** Credentials per client name (from the environment); a client without them is skipped. */
  readonly credentials: Readonly<Record<string, { readonly id?: string; readonly secret: string }>>;
  readonly now: number;
  /** http to a loopback host is allowed for the edge and token endpoints (a local stand-in); never elsewhere. */
  readonly allowHttpLoopback?: boolean;
  /** Send write probes (POST/PUT/PATCH/DELETE) to a production stack's write-only routes. */
  readonly writeProbes?: boolean;
}

export interface Cell {
  readonly route: string;
  /** "no token", "malformed token", or a client name. */
  readonly probe: string;
  readonly method: string;
  readonly path: string;
  readonly expected: Expected | "allow";
  readonly because: string;
  readonly status: number | undefined;
  readonly error?: string;
  /** Why the probe was not sent (a write probe to a production stack); such a cell is not a mismatch. */
  readonly skipped?: string;
  readonly ok: boolean;
}

export interface ClientStatus {
  readonly name: string;
  readonly provider: string;
  readonly token: "issued" | "skipped" | "failed";
  readonly detail: string;
}

export interface VerifyReport {
  readonly mode: "inside" | "outside";
  readonly baseUrl: string;
  readonly probes: readonly string[];
  readonly cells: readonly Cell[];
  readonly clients: readonly ClientStatus[];
  /** Routes run ping-auth (400 to HTTP/2): what the edge's TLS listener picks when a client offers h2. */
  readonly http2?: { readonly routes: readonly string[]; readonly protocol?: string; readonly error?: string; readonly ok: boolean };
  readonly mismatches: number;
}

interface Probe {
  readonly route: VerifyRoute;
  readonly name: string;
  readonly token: string | undefined;
  readonly expected: Expected | "allow";
  readonly because: string;
}

/** Probes every route of the target as the options say; never throws for what the edge answers. */
export async function runVerify(target: VerifyTarget, options: VerifyOptions): Promise<VerifyReport> {
  const baseUrl = (options.baseUrl ?? target.proxyEndpoint ?? `https://${target.routes[0]!.hosts[0]}`).replace(/\/+$/, "");
  const probes: Probe[] = [];
  const clients: ClientStatus[] = [];

  if (options.expectUnreachable) {
    // From outside the ZPA network the edge must not answer at all (no 401 either: that would mean it is reachable).
    for (const route of target.routes) probes.push({ route, name: "no token", token: undefined, expected: "no-answer", because: "outside ZPA" });
  } else {
    const tokens = await mapLimit(target.clients, options.concurrency, (c) => acquire(target, c, options));
    for (const t of tokens) clients.push(t.status);
    for (const route of target.routes) {
      if (route.anonymous) {
        probes.push({ route, name: "no token", token: undefined, expected: "2xx", because: "anonymous route" });
        continue;
      }
      probes.push({ route, name: "no token", token: undefined, expected: "401", because: "no bearer token" });
      probes.push({ route, name: "malformed token", token: MALFORMED_TOKEN, expected: "401", because: "not a JWT" });
      target.clients.forEach((c, i) => {
        const issued = tokens[i]!.token;
        if (!issued) return;
        const e = expectForToken(target.contracts, issued.decoded, route, options.now);
        probes.push({ route, name: c.name, token: issued.token, expected: e.expect, because: e.because });
      });
    }
  }

  const cells = await mapLimit(probes, options.concurrency, async (p): Promise<Cell> => {
    const method = p.route.methods.find((m) => SAFE_METHODS.includes(m)) ?? p.route.methods[0] ?? "GET";
    // An allowed unsafe request reaches the upstream without a body: any answer but 401/403 shows Kong let it through.
    const expected = p.expected === "2xx" && !SAFE_METHODS.includes(method) ? "allow" : p.expected;
    const path = p.route.paths[0] ?? "/";
    if (!SAFE_METHODS.includes(method) && target.production && !options.writeProbes) {
      // A write-only route of a production stack: an allowed probe would reach the real upstream.
      const skipped = `${method} not sent: ${printableStack(target)} is a production stack (--write-probes sends it)`;
      return { route: p.route.name, probe: p.name, method, path, expected, because: p.because, status: undefined, skipped, ok: true };
    }
    const answer: HttpAnswer = await httpCall({
      method,
      url: `${baseUrl}${path}`,
      host: p.route.hosts[0],
      headers: { ...(p.token ? { authorization: `Bearer ${p.token}` } : {}), "user-agent": "kis-verify", ...(method === "GET" ? {} : { "content-length": "0" }) },
      ...(method === "GET" || method === "HEAD" || method === "OPTIONS" ? {} : { body: "" }),
      timeoutMs: options.timeoutMs,
      ...(options.ca ? { ca: options.ca } : {}),
    });
    const ok = expected === "allow" ? answer.status !== undefined && answer.status !== 401 && answer.status !== 403 : meets(expected, answer.status);
    return {
      route: p.route.name,
      probe: p.name,
      method,
      path,
      expected,
      because: p.because,
      status: answer.status,
      ...(answer.error ? { error: answer.error } : {}),
      ok,
    };
  });
  const probeNames = [...new Set(probes.map((p) => p.name))];
  // ping-auth answers 400 to every HTTP/2 request: the listener in front of it must not pick h2.
  const pingAuth = target.routes.filter((r) => r.pingAuth).map((r) => r.name);
  let http2: VerifyReport["http2"];
  if (pingAuth.length > 0 && !options.expectUnreachable && baseUrl.startsWith("https:")) {
    const host = target.routes.find((r) => r.pingAuth)!.hosts[0];
    const choice = await alpnChoice({ url: baseUrl, ...(host ? { host } : {}), timeoutMs: options.timeoutMs, ...(options.ca ? { ca: options.ca } : {}) });
    http2 = { routes: pingAuth, ...choice, ok: choice.protocol !== undefined && choice.protocol !== "h2" };
  }
  return {
    mode: options.expectUnreachable ? "outside" : "inside",
    baseUrl,
    probes: probeNames,
    cells,
    clients,
    ...(http2 ? { http2 } : {}),
    mismatches: cells.filter((c) => !c.ok).length + (http2 && !http2.ok ? 1 : 0),
  };
}

interface Issued {
  readonly token: string;
  readonly decoded: { readonly header: Record<string, unknown>; readonly claims: Record<string, unknown> };
}

async function acquire(target: VerifyTarget, client: VerifyClient, options: VerifyOptions): Promise<{ status: ClientStatus; token?: Issued }> {
  const status = (token: ClientStatus["token"], detail: string): ClientStatus => ({ name: client.name, provider: client.provider, token, detail });
  const creds = options.credentials[client.name];
  const id = creds?.id ?? client.clientId;
  if (!creds?.secret || !id) return { status: status("skipped", "no credentials in the environment") };
  const contract = target.contracts.find((c) => c.name === client.provider)!;
  const endpoint = await tokenEndpoint(contract, options.timeoutMs, options.tokenUrl);
  if (typeof endpoint !== "string") return { status: status("failed", endpoint.error) };
  // The client secret goes in the Authorization header: never over plain http (a loopback stand-in only when asked).
  const refused = clearTextRefusal(endpoint, options.allowHttpLoopback ?? false);
  if (refused) return { status: status("failed", `token endpoint ${endpoint} ${refused}; no secret sent`) };
  const result = await clientCredentialsToken(endpoint, { id, secret: creds.secret }, clientCredentialsScope(contract, client), options.timeoutMs);
  if ("error" in result) return { status: status("failed", result.error) };
  try {
    const decoded = { header: decodeProtectedHeader(result.token) as Record<string, unknown>, claims: decodeJwt(result.token) as Record<string, unknown> };
    return { status: status("issued", `from ${new URL(endpoint).host}`), token: { token: result.token, decoded } };
  } catch {
    return { status: status("failed", "the token endpoint returned an access token that is not a JWT") };
  }
}

const printableStack = (target: VerifyTarget) => (target.stack ? `stack ${target.stack}` : "the target");

async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
