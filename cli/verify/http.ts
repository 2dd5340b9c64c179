import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect as tlsConnect } from "node:tls";

/** One HTTP exchange with a deadline. No header or body of it is ever logged by the callers. */
export interface HttpAnswer {
  readonly status: number | undefined;
  readonly body: string;
  /** refused, reset, timeout, dns...: why there was no answer. */
  readonly error?: string;
}

export interface HttpCall {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /**
   * The whole exchange's deadline (connect, TLS, request, answer): a server that trickles a byte now and then
   * never trips a socket idle timeout, so the idle timeout alone is not a bound.
   */
  readonly timeoutMs: number;
  /** PEM bundle trusted in addition to the system CAs (a private edge CA). */
  readonly ca?: string;
  /** TLS server name and Host header when the URL names another address (--base-url with an IP). */
  readonly host?: string;
}

const MAX_BODY = 64 * 1024;

/** Loopback hosts: the only ones `kis verify` may send a credential to over plain http, and only when asked. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Why a URL that will carry a bearer token or a client secret is refused, or undefined: https always passes,
 * http only to a loopback host and only with allowHttpLoopback (a local stand-in).
 */
export function clearTextRefusal(url: string, allowHttpLoopback: boolean): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "is not a URL";
  }
  if (u.protocol === "https:") return undefined;
  if (u.protocol !== "http:") return `uses ${u.protocol.replace(/:$/, "")}, expected https`;
  if (!isLoopbackHost(u.hostname)) return "is plain http: tokens and client secrets would cross the network in clear; use https";
  if (!allowHttpLoopback) return "is plain http to a loopback address; pass --allow-http-loopback for a local stand-in, or use https";
  return undefined;
}

export function httpCall(call: HttpCall): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const url = new URL(call.url);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { ...(call.headers ?? {}) };
    if (call.host) headers["host"] = call.host;
    if (call.body !== undefined) headers["content-length"] = String(Buffer.byteLength(call.body));
    let settled = false;
    let deadline: NodeJS.Timeout | undefined;
    const done = (answer: HttpAnswer) => {
      if (!settled) {
        settled = true;
        if (deadline) clearTimeout(deadline);
        resolve(answer);
      }
    };
    const req = send(
      url,
      {
        method: call.method,
        headers,
        timeout: call.timeoutMs,
        ...(url.protocol === "https:" ? { servername: call.host ?? url.hostname, ...(call.ca ? { ca: call.ca } : {}) } : {}),
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          if (body.length < MAX_BODY) body += d;
        });
        res.on("end", () => done({ status: res.statusCode, body }));
        res.on("error", () => done({ status: res.statusCode, body }));
      },
    );
    deadline = setTimeout(() => {
      done({ status: undefined, body: "", error: `timeout after ${call.timeoutMs} ms` });
      req.destroy();
    }, call.timeoutMs);
    req.on("timeout", () => {
      req.destroy();
      done({ status: undefined, body: "", error: `timeout after ${call.timeoutMs} ms` });
    });
    req.on("error", (e: NodeJS.ErrnoException) => done({ status: undefined, body: "", error: e.code ?? e.message }));
    req.end(call.body);
  });
}

/**
 * Which protocol the edge's TLS listener picks when a client offers h2 and http/1.1 by ALPN, as browsers do:
 * "h2", "http/1.1", "none" (no ALPN), or an error. Node's HTTP client never offers h2, so this is the only way
 * `kis verify` sees whether HTTP/2 clients would reach ping-auth (which answers them 400).
 */
export function alpnChoice(call: { url: string; host?: string; timeoutMs: number; ca?: string }): Promise<{ protocol?: string; error?: string }> {
  return new Promise((resolve) => {
    const url = new URL(call.url);
    if (url.protocol !== "https:") return resolve({ error: "not https" });
    let settled = false;
    const done = (r: { protocol?: string; error?: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const socket = tlsConnect({
      host: url.hostname,
      port: url.port ? Number(url.port) : 443,
      servername: call.host ?? url.hostname,
      ALPNProtocols: ["h2", "http/1.1"],
      ...(call.ca ? { ca: call.ca } : {}),
    });
    const timer = setTimeout(() => done({ error: `timeout after ${call.timeoutMs} ms` }), call.timeoutMs);
    socket.once("secureConnect", () => done({ protocol: socket.alpnProtocol || "none" }));
    socket.once("error", (e: NodeJS.ErrnoException) => done({ error: e.code ?? e.message }));
  });
}
