import { createRestClient, type HttpMethod, type RestError } from "../../shared/http";
import { PINGACCESS_ADMIN_API_PATH } from "../providers/type-tokens";
import type { PingAccessConnection } from "./connection";
import { describeApiError, isApiError, pingAccessErrorKind, PingAccessError } from "./errors";

export const DEFAULT_PAGE_SIZE = 100;
/** A guard against a list that never ends. */
export const MAX_PAGES = 1000;
/** Every Admin API request must carry it, or PingAccess refuses the call (CSRF protection). */
export const XSRF_HEADER = { "X-XSRF-Header": "PingAccess" } as const;

export interface PingAccessClientOptions {
  readonly connection: PingAccessConnection;
  readonly password: string;
  /** Retry notes; never given a credential or a shared secret. */
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** The PingAccess Admin API for one server: auth, the XSRF header, paging, retries and readable errors. */
export interface PingAccessClient {
  /** The object, or undefined when PingAccess answers 404. */
  get<T>(path: string, query?: Query): Promise<T | undefined>;
  /** Every item of a list (`?page=&numberPerPage=` answering `{items}`), page after page. */
  list<T>(path: string, query?: Query): Promise<T[]>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** "absent" when the object was already gone. */
  delete(path: string): Promise<"deleted" | "absent">;
  /** Adds a value (a shared secret) that must never appear in a later error or log line. */
  rememberSecret(value: string | undefined): void;
}

export function createPingAccessClient(options: PingAccessClientOptions): PingAccessClient {
  const { connection, password } = options;
  const remembered = new Set<string>();
  const secrets = () => [password, ...remembered];
  const basic = `Basic ${Buffer.from(`${connection.username}:${password}`).toString("base64")}`;
  const rest = createRestClient({
    baseUrl: connection.adminUrl.replace(/\/+$/, "") + PINGACCESS_ADMIN_API_PATH,
    service: "PingAccess",
    authHeaders: async () => ({ authorization: basic, ...XSRF_HEADER }),
    timeoutMs: connection.timeoutMs ?? 30_000,
    retry: { attempts: connection.retryAttempts ?? 5 },
    secrets: () => [...secrets(), basic.slice(6)],
    log: options.log,
    sleep: options.sleep,
  });
  const pageSize = connection.pageSize ?? DEFAULT_PAGE_SIZE;

  const call = async <T>(method: HttpMethod, path: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      throw reword(method, path, err, connection);
    }
  };

  return {
    get: <T>(path: string, query?: Query) =>
      call("GET", path, async () => {
        const res = await rest.request<T>({ method: "GET", path, query, accept: [404] });
        return res.status === 404 ? undefined : res.body;
      }),
    list: <T>(path: string, query?: Query) =>
      call("GET", path, async () => {
        const items: T[] = [];
        for (let page = 1; page <= MAX_PAGES; page++) {
          const res = await rest.request<{ items?: T[] } | undefined>({ method: "GET", path, query: { ...query, page, numberPerPage: pageSize } });
          const batch = res.body?.items ?? [];
          items.push(...batch);
          if (batch.length < pageSize) return items;
        }
        throw new Error(`PingAccess: GET ${path} still returns full pages after ${MAX_PAGES}; stopping`);
      }),
    post: <T>(path: string, body: unknown) => call("POST", path, async () => (await rest.request<T>({ method: "POST", path, json: body })).body),
    put: <T>(path: string, body: unknown) => call("PUT", path, async () => (await rest.request<T>({ method: "PUT", path, json: body })).body),
    delete: (path: string) =>
      call("DELETE", path, async () => ((await rest.request({ method: "DELETE", path, accept: [404] })).status === 404 ? "absent" : "deleted")),
    rememberSecret(value) {
      if (value) remembered.add(value);
    },
  };
}

/** One line per failure that says what PingAccess objected to and what to check. */
function reword(method: HttpMethod, path: string, err: unknown, connection: PingAccessConnection): Error {
  const e = err as RestError;
  const where = `PingAccess: ${method} ${PINGACCESS_ADMIN_API_PATH}${path}`;
  switch (pingAccessErrorKind(err)) {
    case "unauthorized":
      return new PingAccessError(
        `${where} answered 401: the admin credentials were refused; check the user ${JSON.stringify(connection.username)} and the password in ${
          connection.passwordFrom.source === "environment" ? `environment variable ${connection.passwordFrom.passwordEnv}` : `Pulumi config ${connection.passwordFrom.passwordKey}`
        }`,
        401,
        [],
      );
    case "validation":
      if (isApiError(e.body)) {
        return new PingAccessError(`${where} answered ${e.status}: ${describeApiError(e.body)}`, e.status, Object.keys(e.body.form ?? {}).sort());
      }
      return new PingAccessError(e.message, e.status, []);
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}
