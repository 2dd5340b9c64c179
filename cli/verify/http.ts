import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

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
  readonly timeoutMs: number;
  /** PEM bundle trusted in addition to the system CAs (a private edge CA). */
  readonly ca?: string;
  /** TLS server name and Host header when the URL names another address (--base-url with an IP). */
  readonly host?: string;
}

const MAX_BODY = 64 * 1024;

export function httpCall(call: HttpCall): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const url = new URL(call.url);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { ...(call.headers ?? {}) };
    if (call.host) headers["host"] = call.host;
    if (call.body !== undefined) headers["content-length"] = String(Buffer.byteLength(call.body));
    let settled = false;
    const done = (answer: HttpAnswer) => {
      if (!settled) {
        settled = true;
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
    req.on("timeout", () => {
      req.destroy();
      done({ status: undefined, body: "", error: `timeout after ${call.timeoutMs} ms` });
    });
    req.on("error", (e: NodeJS.ErrnoException) => done({ status: undefined, body: "", error: e.code ?? e.message }));
    req.end(call.body);
  });
}
