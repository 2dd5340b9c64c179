/**
 * A small JSON REST client for the vendor APIs that have no installable Pulumi package (Microsoft Graph
 * token-lifetime policies, ZPA, F5 AS3, PingAccess). One implementation of the things every one of them needs:
 * request timeouts, retries with backoff on 429 and 5xx honouring Retry-After, and errors that never carry
 * credentials.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RestRequest {
  readonly method: HttpMethod;
  /** Path below the base URL, e.g. `/v1.0/policies/tokenLifetimePolicies`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as application/x-www-form-urlencoded (OAuth token endpoints, ZPA legacy sign-in). */
  readonly form?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Statuses that are answers rather than failures (e.g. 404 on a delete). Default: 2xx only. */
  readonly accept?: readonly number[];
  /** Skip the client's auth headers (for the sign-in call itself). */
  readonly anonymous?: boolean;
}

export interface RestResponse<T = unknown> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: T;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Statuses worth another try. */
  readonly retryOn: readonly number[];
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryOn: [408, 429, 500, 502, 503, 504],
};

export interface RestClientOptions {
  readonly baseUrl: string;
  /** Which vendor this talks to, for messages: "Microsoft Graph", "ZPA", "BIG-IP AS3". */
  readonly service: string;
  /** Headers that authenticate a request (called per attempt, so a refreshed token is picked up). */
  readonly authHeaders?: () => Promise<Record<string, string>>;
  /** Called when the server answers 401 once: drop a cached token so the next attempt signs in again. */
  readonly onUnauthorized?: () => void;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Values that must never appear in an error or log line (client secrets, keys, passwords). */
  readonly secrets?: () => readonly string[];
  /** Progress and retry notes; never given credentials. */
  readonly log?: (line: string) => void;
  /** Injected in tests so retries do not wait for real. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A failed call: the vendor's status and message, with every known secret replaced by `[redacted]`. */
export class RestError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly method: HttpMethod,
    readonly path: string,
    readonly body: unknown,
  ) {
    super(message);
    // Set again on purpose: in a dynamic provider, Pulumi's closure serialiser turns this class into a plain
    // function whose `super(message)` no longer sets `message`, and the engine reports `e.message`.
    this.message = message;
    this.name = "RestError";
  }
}

export interface RestClient {
  request<T = unknown>(req: RestRequest): Promise<RestResponse<T>>;
}

export function createRestClient(options: RestClientOptions): RestClient {
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log = options.log ?? (() => undefined);
  const redact = (text: string): string => redactSecrets(text, options.secrets?.() ?? []);

  async function request<T>(req: RestRequest): Promise<RestResponse<T>> {
    const url = buildUrl(options.baseUrl, req.path, req.query);
    const where = `${req.method} ${req.path}`;
    let refreshedAuth = false;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: req.method,
          headers: { accept: "application/json", ...(req.anonymous ? {} : await options.authHeaders?.()), ...contentHeaders(req), ...req.headers },
          body: encodeBody(req),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const reason = isTimeout(err) ? `no answer within ${timeoutMs} ms` : redact(String((err as Error)?.message ?? err));
        if (attempt < retry.attempts) {
          const delay = backoff(retry, attempt);
          log(`${options.service}: ${where}: ${reason}; retrying in ${delay} ms (attempt ${attempt + 1} of ${retry.attempts})`);
          await sleep(delay);
          continue;
        }
        throw new RestError(`${options.service}: ${where}: ${reason} after ${attempt} attempts`, undefined, req.method, req.path, undefined);
      }

      const body = await readBody(response);
      if (response.ok || req.accept?.includes(response.status)) {
        return { status: response.status, headers: headersOf(response), body: body as T };
      }
      if (response.status === 401 && !refreshedAuth && options.onUnauthorized) {
        refreshedAuth = true;
        options.onUnauthorized();
        continue;
      }
      if (retry.retryOn.includes(response.status) && attempt < retry.attempts) {
        const delay = retryAfterMs(response.headers.get("retry-after")) ?? backoff(retry, attempt);
        const capped = Math.min(delay, retry.maxDelayMs);
        log(`${options.service}: ${where}: ${response.status}; retrying in ${capped} ms (attempt ${attempt + 1} of ${retry.attempts})`);
        await sleep(capped);
        continue;
      }
      const detail = redact(describeBody(body));
      throw new RestError(
        `${options.service}: ${where} answered ${response.status}${detail ? `: ${detail}` : ""}`,
        response.status,
        req.method,
        req.path,
        JSON.parse(redact(JSON.stringify(body ?? null))),
      );
    }
  }

  return { request };
}

export function buildUrl(base: string, path: string, query?: RestRequest["query"]): string {
  const url = new URL(base.replace(/\/+$/, "") + (path.startsWith("/") ? path : `/${path}`));
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter would make tests flaky; a deterministic doubling is enough here. */
export function backoff(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets
    .filter((s) => s && s.length >= 4)
    .reduce((out, secret) => out.split(secret).join("[redacted]"), text);
}

function contentHeaders(req: RestRequest): Record<string, string> {
  if (req.form) return { "content-type": "application/x-www-form-urlencoded" };
  if (req.json !== undefined) return { "content-type": "application/json" };
  return {};
}

function encodeBody(req: RestRequest): string | undefined {
  if (req.form) return new URLSearchParams(req.form as Record<string, string>).toString();
  if (req.json !== undefined) return JSON.stringify(req.json);
  return undefined;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => (out[key] = value));
  return out;
}

/** The vendor's own message where the body has one (Graph `error.message`, ZPA `reason`, AS3 `message`). */
function describeBody(body: unknown): string {
  if (body === undefined || body === null) return "";
  if (typeof body === "string") return body.slice(0, 500);
  const b = body as Record<string, any>;
  const message = b["error"]?.["message"] ?? b["message"] ?? b["reason"] ?? b["error_description"] ?? b["error"];
  return typeof message === "string" ? message : JSON.stringify(body).slice(0, 500);
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === "TimeoutError" || name === "AbortError";
}
