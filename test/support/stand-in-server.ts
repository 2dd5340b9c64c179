import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local HTTP server that stands in for a vendor API in tests (Graph, ZPA, AS3, PingAccess).
 * It listens on 127.0.0.1 only, records every request, and answers through handlers the test registers,
 * so a test can script the vendor's documented answers, failures included.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  /** Parsed JSON, parsed form fields, or the raw text. */
  readonly body: any;
  readonly rawBody: string;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Wait this long before answering (to exercise client timeouts). */
  readonly delayMs?: number;
}

export type Handler = (req: RecordedRequest, params: Record<string, string>) => Reply | Promise<Reply>;

export interface StandInServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** `route("POST", "/api/:id/things", handler)`; later registrations win over earlier ones. */
  route(method: string, pattern: string, handler: Handler): void;
  /** Answers the next `times` matching requests with `reply` before the normal handler (429, 503, ...). */
  failNext(method: string, pattern: string, reply: Reply, times?: number): void;
  close(): Promise<void>;
}

export async function startStandInServer(): Promise<StandInServer> {
  const routes: { method: string; pattern: RegExp; keys: string[]; handler: Handler }[] = [];
  const failures: { method: string; pattern: RegExp; reply: Reply; remaining: number }[] = [];
  const requests: RecordedRequest[] = [];

  const compile = (pattern: string) => {
    const keys: string[] = [];
    const source = pattern.replace(/[.$]/g, "\\$&").replace(/:([A-Za-z]+)/g, (_, k: string) => (keys.push(k), "([^/]+)"));
    return { pattern: new RegExp(`^${source}$`), keys };
  };

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://stand-in");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: parseBody(rawBody, req.headers["content-type"]),
      rawBody,
    };
    requests.push(recorded);

    const failure = failures.find((f) => f.remaining > 0 && f.method === recorded.method && f.pattern.test(recorded.path));
    let reply: Reply;
    if (failure) {
      failure.remaining--;
      reply = failure.reply;
    } else {
      const match = [...routes].reverse().find((r) => r.method === recorded.method && r.pattern.test(recorded.path));
      if (!match) {
        reply = { status: 404, body: { message: `stand-in: no handler for ${recorded.method} ${recorded.path}` } };
      } else {
        const values = match.pattern.exec(recorded.path)!.slice(1);
        const params = Object.fromEntries(match.keys.map((k, i) => [k, decodeURIComponent(values[i]!)]));
        try {
          reply = await match.handler(recorded, params);
        } catch (err) {
          reply = { status: 500, body: { message: `stand-in handler failed: ${(err as Error).message}` } };
        }
      }
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    const body = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(body && typeof reply.body !== "string" ? { "content-type": "application/json" } : {}),
      ...reply.headers,
    });
    res.end(body);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route(method, pattern, handler) {
      routes.push({ method, ...compile(pattern), handler });
    },
    failNext(method, pattern, reply, times = 1) {
      failures.push({ method, pattern: compile(pattern).pattern, reply, remaining: times });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
