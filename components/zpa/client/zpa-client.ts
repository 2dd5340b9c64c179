import { zpaMgmtPath } from "../providers/type-tokens";
import { createRestClient, type HttpMethod, type RestClient } from "../../shared/http";
import { zpaEndpoints } from "./clouds";
import type { ZpaConnection } from "./connection";
import type { ZpaCredentials } from "./credentials";
import { zpaErrorKind } from "./errors";
import { listAllPages } from "./paging";
import { policyRuleWriteQueue } from "./serial-queue";
import { createTokenCache, tokenFetcher, type TokenCache } from "./token";

export interface ZpaClientOptions {
  readonly connection: ZpaConnection;
  readonly credentials: ZpaCredentials;
  /** Retry notes and progress; never given a credential, token or provisioning key. */
  readonly log?: (line: string) => void;
  /** Injected in tests so retries do not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Injected in tests to move the token clock. */
  readonly now?: () => number;
  /** Extra tries when the tenant's edit lock is busy (`api.concurrent.access.error`). Default 5. */
  readonly editLockAttempts?: number;
}

type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/** A ZPA management API client for one tenant: paths, auth, paging, retries and redaction in one place. */
export interface ZpaClient {
  readonly customerId: string;
  /** `{prefix}/mgmtconfig/{version}/admin/customers/{customerId}/{rest}` */
  mgmt(version: "v1" | "v2", rest: string): string;
  /** `{prefix}/userconfig/v1/customers/{customerId}/{rest}` (SCIM groups) */
  userconfig(rest: string): string;
  /** The object, or undefined when ZPA says it does not exist. */
  get<T>(path: string, query?: Query): Promise<T | undefined>;
  /** Every item of a paged list (`?page=&pagesize=`, `totalPages` as a string). */
  list<T>(path: string, query?: Readonly<Record<string, string | undefined>>): Promise<T[]>;
  post<T>(path: string, body: unknown, query?: Query): Promise<T>;
  put(path: string, body: unknown, query?: Query): Promise<void>;
  /** "absent" when the object was already gone (a delete that finds nothing is done). */
  delete(path: string, query?: Query): Promise<"deleted" | "absent">;
  /** Runs access-policy rule writes one at a time across every client in this process. */
  serialRuleWrite<T>(task: () => Promise<T>): Promise<T>;
  /** Adds a value (a provisioning key) that must be redacted from every later error and log line. */
  rememberSecret(value: string | undefined): void;
}

export function createZpaClient(options: ZpaClientOptions): ZpaClient {
  const { connection, credentials } = options;
  const endpoints = zpaEndpoints(connection);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log = options.log ?? (() => undefined);
  const remembered = new Set<string>();
  // Declared before the closures that read it (Pulumi's closure serialiser needs declaration before use).
  let tokens: TokenCache | undefined = undefined;
  const secrets = () => [credentials.clientSecret, credentials.clientId, tokens?.current() ?? "", ...remembered];
  const common = {
    timeoutMs: connection.timeoutMs ?? 30_000,
    retry: { attempts: connection.retryAttempts ?? 5 },
    secrets,
    log,
    sleep,
  };

  const auth = createRestClient({ ...common, baseUrl: endpoints.auth.baseUrl, service: endpoints.auth.kind === "legacy" ? "ZPA" : "ZIdentity" });
  const cache = createTokenCache(tokenFetcher(endpoints.auth, auth, credentials), options.now);
  tokens = cache;
  const api: RestClient = createRestClient({
    ...common,
    baseUrl: endpoints.apiBaseUrl,
    service: "ZPA",
    authHeaders: async () => ({ authorization: `Bearer ${await cache.get()}` }),
    onUnauthorized: () => cache.invalidate(),
  });

  // Sign in before the call, not inside it: the REST client would treat a failing sign-in as a transport
  // error (retried, and reported under the API path instead of the sign-in's own message).
  const signedIn = async <T>(run: () => Promise<T>): Promise<T> => {
    await cache.get();
    return run();
  };

  const customer = encodeURIComponent(connection.customerId);
  const editLockAttempts = options.editLockAttempts ?? 5;

  /** Retries a write while another change holds the tenant's edit lock; other failures pass through. */
  async function call<T>(method: HttpMethod, path: string, run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (err) {
        if (zpaErrorKind(err) !== "edit-lock" || attempt >= editLockAttempts) throw err;
        const delay = Math.min(30_000, 1000 * 2 ** (attempt - 1));
        log(`ZPA: ${method} ${path}: the tenant's edit lock is busy; retrying in ${delay} ms (attempt ${attempt + 1} of ${editLockAttempts})`);
        await sleep(delay);
      }
    }
  }

  return {
    customerId: connection.customerId,
    mgmt: (version, rest) => zpaMgmtPath(endpoints.pathPrefix, version, customer, rest),
    userconfig: (rest) => `${endpoints.pathPrefix}/userconfig/v1/customers/${customer}/${rest}`,
    get: <T>(path: string, query?: Query) =>
      signedIn(async () => {
        try {
          return (await api.request<T>({ method: "GET", path, query })).body;
        } catch (err) {
          if (zpaErrorKind(err) === "not-found") return undefined;
          throw err;
        }
      }),
    list: <T>(path: string, query?: Readonly<Record<string, string | undefined>>) =>
      signedIn(() => listAllPages<T>(api, path, { query, pageSize: connection.pageSize })),
    post: <T>(path: string, body: unknown, query?: Query) =>
      signedIn(() => call("POST", path, async () => (await api.request<T>({ method: "POST", path, json: body, query })).body)),
    put: (path, body, query) =>
      signedIn(() => call("PUT", path, async () => void (await api.request({ method: "PUT", path, json: body, query })))),
    delete: (path, query) =>
      signedIn(() =>
        call("DELETE", path, async () => {
          try {
            await api.request({ method: "DELETE", path, query });
            return "deleted" as const;
          } catch (err) {
            if (zpaErrorKind(err) === "not-found") return "absent" as const;
            throw err;
          }
        }),
      ),
    serialRuleWrite: (task) => policyRuleWriteQueue().run(task),
    rememberSecret(value) {
      if (value) remembered.add(value);
    },
  };
}
