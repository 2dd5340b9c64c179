import { AS3_DECLARE_PATH, AS3_LOGIN_PATH, AS3_TASK_PATH } from "../type-tokens";
import {
  createRestClient,
  redactSecrets,
  RestError,
  type RestClient,
  type RestRequest,
  type RestResponse,
  type RetryPolicy,
} from "../../shared/http/rest-client";

/**
 * A small client for BIG-IP AS3 (`/mgmt/shared/appsvcs`), one tenant at a time:
 * - auth: token login (`POST /mgmt/shared/authn/login` -> `X-F5-Auth-Token`, valid 1200 s, renewed before it
 *   expires and once more after a 401) or Basic on every call;
 * - `POST /declare/{tenant}?async=true` -> 202 and polling of `/task/{id}` (AS3 also turns a synchronous call
 *   into 202 after 45 s, so both answers are handled); "no change" is success without change;
 * - `DELETE /declare/{tenant}`; `GET /declare/{tenant}`;
 * - never `updateMode: complete`, never a second tenant in the body (both would touch other tenants, CIS's included);
 * - 503 "configuration operation in progress" and other transient answers are retried by the shared REST client.
 * Errors carry AS3's own message and never a credential, token or key.
 */

export const AS3_SERVICE = "BIG-IP AS3";
/** BIG-IP tokens live 1200 s by default; the login answer says how long this one does. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 1200;
/** A token is replaced this long before it would expire. */
export const TOKEN_REFRESH_MARGIN_SECONDS = 120;

export type As3AuthMethod = "token" | "basic";

export interface As3Credentials {
  readonly username: string;
  readonly password: string;
}

export interface As3ClientOptions {
  /** Management URL, e.g. https://bigip.example.com (its certificate must be trusted by Node). */
  readonly host: string;
  readonly credentials: As3Credentials;
  readonly auth?: As3AuthMethod;
  /** Other values that must never appear in a message (TLS private keys in the declaration). */
  readonly secrets?: readonly string[];
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Ask for 202 + task polling (default) instead of waiting on the POST. */
  readonly async?: boolean;
  readonly pollIntervalMs?: number;
  readonly taskTimeoutMs?: number;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

export interface As3Outcome {
  readonly tenant: string;
  /** False when AS3 answered "no change". */
  readonly changed: boolean;
  /** AS3's message: "success", "no change", ... */
  readonly message: string;
  readonly taskId?: string;
}

export interface As3Client {
  declareTenant(tenant: string, declaration: unknown): Promise<As3Outcome>;
  deleteTenant(tenant: string): Promise<As3Outcome>;
  /** The tenant's last declaration, or undefined when AS3 holds none. */
  getTenant(tenant: string): Promise<Record<string, unknown> | undefined>;
}

/** AS3 refused a declaration or a task failed: AS3's message and its per-path errors, secrets redacted. */
export class As3Error extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly errors: readonly string[],
  ) {
    super(message);
    this.name = "As3Error";
  }
}

interface As3Result {
  readonly code?: number;
  readonly message?: string;
  readonly tenant?: string;
  readonly errors?: readonly string[];
}

interface As3Body {
  readonly id?: string;
  readonly code?: number;
  readonly message?: string;
  readonly errors?: readonly string[];
  readonly results?: readonly As3Result[];
}

/**
 * What must hold before a declaration is sent for `tenant`: an ADC declaration that names exactly that tenant
 * and is not a complete update. Problems as sentences; empty means it may be sent.
 */
export function tenantDeclarationProblems(tenant: string, declaration: unknown): string[] {
  if (!declaration || typeof declaration !== "object" || Array.isArray(declaration)) return ["the declaration is not an object"];
  const d = declaration as Record<string, unknown>;
  const problems: string[] = [];
  if (d["class"] !== "ADC") problems.push(`expected class "ADC", got ${JSON.stringify(d["class"])}`);
  if (d["updateMode"] === "complete") {
    problems.push('updateMode "complete" would delete every other tenant on the BIG-IP (CIS\'s included); only "selective" is sent');
  }
  const tenants = Object.entries(d)
    .filter(([, v]) => v && typeof v === "object" && (v as Record<string, unknown>)["class"] === "Tenant")
    .map(([k]) => k);
  if (tenants.length !== 1 || tenants[0] !== tenant) {
    problems.push(`the declaration must hold exactly tenant ${tenant}, found ${tenants.length ? tenants.join(", ") : "none"}`);
  }
  return problems;
}

/** Every form in which a secret could show up in a message: as is, JSON-escaped, and line by line (PEM). */
export function secretVariants(secrets: readonly string[]): string[] {
  return secrets.flatMap((s) => {
    if (!s) return [];
    const lines = s.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 16 && !l.startsWith("-----"));
    return [s, JSON.stringify(s).slice(1, -1), ...lines];
  });
}

export function createAs3Client(options: As3ClientOptions): As3Client {
  const auth = options.auth ?? "token";
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log = options.log ?? (() => undefined);
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const taskTimeoutMs = options.taskTimeoutMs ?? 15 * 60_000;
  const { username, password } = options.credentials;
  if (!username || !password) throw new Error(`${AS3_SERVICE}: a user name and a password are needed`);
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

  let token: { value: string; renewAt: number } | undefined;
  let login: Promise<string> | undefined;
  const extra = secretVariants(options.secrets ?? []);
  const secrets = () => [password, basic, basic.slice("Basic ".length), ...(token ? [token.value] : []), ...extra];
  const redact = (text: string) => redactSecrets(text, secrets());

  // Sign-in happens in `send`, not in authHeaders: a failed login must surface as the BIG-IP's 401, not be
  // retried like a network error.
  const rest: RestClient = createRestClient({
    baseUrl: options.host,
    service: AS3_SERVICE,
    authHeaders: async (): Promise<Record<string, string>> =>
      auth === "basic" ? { authorization: basic } : token ? { "x-f5-auth-token": token.value } : {},
    secrets,
    log,
    sleep,
    timeoutMs: options.timeoutMs ?? 60_000,
    // AS3 answers 503 while another declaration is being applied; it asks for minutes, not seconds.
    retry: { attempts: 8, baseDelayMs: 2_000, maxDelayMs: 60_000, ...options.retry },
  });

  async function currentToken(): Promise<string> {
    if (token && now() < token.renewAt) return token.value;
    login ??= signIn().finally(() => (login = undefined));
    return login;
  }

  /** One AS3 call with a current token; a 401 (token revoked or expired on the BIG-IP) signs in once more. */
  async function send<T>(req: RestRequest): Promise<RestResponse<T>> {
    if (auth === "basic") return rest.request<T>(req);
    await currentToken();
    try {
      return await rest.request<T>(req);
    } catch (err) {
      if (!(err instanceof RestError) || err.status !== 401) throw err;
      token = undefined;
      await currentToken();
      return rest.request<T>(req);
    }
  }

  async function signIn(): Promise<string> {
    const res = await rest.request<{ token?: { token?: string; timeout?: number } }>({
      method: "POST",
      path: AS3_LOGIN_PATH,
      json: { username, password, loginProviderName: "tmos" },
      anonymous: true,
    });
    const value = res.body?.token?.token;
    if (!value) throw new Error(`${AS3_SERVICE}: the login answer carried no token`);
    const lifetime = Number(res.body.token?.timeout) || DEFAULT_TOKEN_LIFETIME_SECONDS;
    token = { value, renewAt: now() + Math.max(lifetime - TOKEN_REFRESH_MARGIN_SECONDS, lifetime / 2) * 1000 };
    log(`${AS3_SERVICE}: signed in as ${username} (token valid ${lifetime} s)`);
    return value;
  }

  /** Turns a REST failure into AS3's own words (422: "declaration is invalid" plus the paths at fault). */
  async function call<T>(fn: () => Promise<T>, what: string): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof RestError && err.status !== undefined) {
        const body = (err.body ?? {}) as As3Body;
        const errors = (body.errors ?? body.results?.flatMap((r) => r.errors ?? []) ?? []).map((e) => redact(String(e)));
        const message = redact(body.message ?? body.results?.find((r) => r.message)?.message ?? err.message);
        throw new As3Error(`${AS3_SERVICE}: ${what} failed (${err.status}): ${[message, ...errors].join("; ")}`, err.status, errors);
      }
      throw err;
    }
  }

  function outcome(tenant: string, body: As3Body, what: string, taskId?: string): As3Outcome {
    const results = body.results ?? [];
    const failed = results.filter((r) => (r.code ?? 200) >= 300);
    if (failed.length > 0) {
      const errors = failed.flatMap((r) => r.errors ?? []).map((e) => redact(String(e)));
      const messages = failed.map((r) => redact(`${r.tenant ? `${r.tenant}: ` : ""}${r.message ?? "failed"}`));
      throw new As3Error(`${AS3_SERVICE}: ${what} failed (${failed[0]!.code}): ${[...messages, ...errors].join("; ")}`, failed[0]!.code, errors);
    }
    const mine = results.find((r) => r.tenant === tenant) ?? results[0];
    const message = mine?.message ?? "success";
    log(`${AS3_SERVICE}: ${what}: ${message}`);
    return { tenant, changed: message !== "no change", message, ...(taskId ? { taskId } : {}) };
  }

  const inProgress = (body: As3Body) =>
    (body.results ?? []).length === 0 || (body.results ?? []).some((r) => r.code === 0 || r.message === "in progress" || r.message === "pending");

  async function waitForTask(tenant: string, id: string, what: string): Promise<As3Outcome> {
    const started = now();
    for (let polls = 1; ; polls++) {
      await sleep(pollIntervalMs);
      const res = await call(() => send<As3Body>({ method: "GET", path: `${AS3_TASK_PATH}/${encodeURIComponent(id)}` }), `${what} (task ${id})`);
      if (!inProgress(res.body ?? {})) return outcome(tenant, res.body ?? {}, what, id);
      if (now() - started > taskTimeoutMs) {
        throw new As3Error(`${AS3_SERVICE}: ${what}: task ${id} still in progress after ${Math.round((now() - started) / 1000)} s; see GET ${AS3_TASK_PATH}/${id}`, undefined, []);
      }
      log(`${AS3_SERVICE}: ${what}: task ${id} in progress (poll ${polls})`);
    }
  }

  async function answer(tenant: string, status: number, body: As3Body, what: string): Promise<As3Outcome> {
    if (status === 202) {
      if (!body.id) throw new As3Error(`${AS3_SERVICE}: ${what}: 202 without a task id`, 202, []);
      return waitForTask(tenant, body.id, what);
    }
    return outcome(tenant, body, what);
  }

  return {
    async declareTenant(tenant, declaration) {
      const problems = tenantDeclarationProblems(tenant, declaration);
      if (problems.length > 0) throw new As3Error(`${AS3_SERVICE}: refusing to send tenant ${tenant}: ${problems.join("; ")}`, undefined, problems);
      const what = `declare tenant ${tenant}`;
      log(`${AS3_SERVICE}: ${what}${options.async === false ? "" : " (async)"}`);
      const res = await call(
        () =>
          send<As3Body>({
            method: "POST",
            path: `${AS3_DECLARE_PATH}/${encodeURIComponent(tenant)}`,
            query: options.async === false ? undefined : { async: true },
            json: declaration,
          }),
        what,
      );
      return answer(tenant, res.status, res.body ?? {}, what);
    },

    async deleteTenant(tenant) {
      const what = `delete tenant ${tenant}`;
      log(`${AS3_SERVICE}: ${what}`);
      const res = await call(
        () => send<As3Body>({ method: "DELETE", path: `${AS3_DECLARE_PATH}/${encodeURIComponent(tenant)}`, accept: [404] }),
        what,
      );
      if (res.status === 404) {
        log(`${AS3_SERVICE}: ${what}: not found (already gone)`);
        return { tenant, changed: false, message: "not found" };
      }
      return answer(tenant, res.status, res.body ?? {}, what);
    },

    async getTenant(tenant) {
      const res = await call(
        () => send<Record<string, unknown>>({ method: "GET", path: `${AS3_DECLARE_PATH}/${encodeURIComponent(tenant)}`, accept: [404] }),
        `read tenant ${tenant}`,
      );
      if (res.status === 204 || res.status === 404 || !res.body) return undefined;
      return res.body[tenant] && typeof res.body[tenant] === "object" ? res.body : undefined;
    },
  };
}
