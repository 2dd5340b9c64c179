import { randomUUID } from "node:crypto";
import type { RecordedRequest, Reply } from "./stand-in-server";
import { startStandInServer, type StandInServer } from "./stand-in-server";

/**
 * A local stand-in for BIG-IP AS3 speaking the documented shapes (F5Networks/f5-appsvcs-extension
 * docs/openapi.yaml and the API reference): token login, POST /declare/{tenant} answering 200 (synchronous)
 * or 202 + a task record polled at /task/{id}, "no change" for an identical declaration, 422 for an invalid
 * one, DELETE and GET of a tenant. It is not AS3: it validates only what the tests script.
 */
export interface As3StandInOptions {
  readonly username?: string;
  readonly password?: string;
  readonly tokenLifetimeSeconds?: number;
  /** The stand-in's clock (shared with the client under test so token expiry can be simulated). */
  readonly now?: () => number;
}

export interface As3StandIn {
  readonly server: StandInServer;
  readonly url: string;
  /** Tenants AS3 holds, by name: the tenant object of the last declaration. */
  readonly tenants: Map<string, unknown>;
  /** Tokens issued so far (the values, in order). */
  readonly issuedTokens: string[];
  /** How many GETs of a task answer "in progress" before the result (default 0). */
  asyncPolls: number;
  /** Answer a synchronous POST with 202 anyway, as AS3 does after 45 s. */
  slowSync: boolean;
  /** Where an invalid declaration is reported: the POST's answer (default) or the task record. */
  invalidIn: "response" | "task";
  /** Forget every issued token (as if they expired on the BIG-IP). */
  revokeTokens(): void;
  close(): Promise<void>;
}

export const STAND_IN_USER = "automation";
export const STAND_IN_PASSWORD = "s3cret-bigip-Passw0rd";

interface TaskRecord {
  pollsLeft: number;
  final: Reply["body"];
  tenant: string;
}

/** What the stand-in rejects: a Service_HTTPS without virtualAddresses (AS3's own example of a 422). */
function invalidPaths(body: any, tenant: string): string[] {
  const errors: string[] = [];
  const t = body?.[tenant];
  for (const [appName, app] of Object.entries<any>(t ?? {})) {
    if (app?.class !== "Application") continue;
    for (const [name, item] of Object.entries<any>(app)) {
      if (item?.class === "Service_HTTPS" && !item.virtualAddresses) {
        errors.push(`/${tenant}/${appName}/${name}: should have required property 'virtualAddresses'`);
      }
    }
  }
  return errors;
}

export async function startAs3StandIn(options: As3StandInOptions = {}): Promise<As3StandIn> {
  const server = await startStandInServer();
  const username = options.username ?? STAND_IN_USER;
  const password = options.password ?? STAND_IN_PASSWORD;
  const lifetime = options.tokenLifetimeSeconds ?? 1200;
  const now = options.now ?? Date.now;
  const tokens = new Map<string, number>();
  const tenants = new Map<string, unknown>();
  const tasks = new Map<string, TaskRecord>();
  const issuedTokens: string[] = [];
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

  const state = {
    asyncPolls: 0,
    slowSync: false,
    invalidIn: "response" as "response" | "task",
  };

  const unauthorized: Reply = {
    status: 401,
    body: { code: 401, message: "Authorization failed: no user authentication header or token detected. Uri:http://localhost:8100/mgmt/shared/appsvcs/declare Referrer:192.0.2.1 Sender:192.0.2.1" },
  };
  const authorized = (req: RecordedRequest): boolean => {
    const token = req.headers["x-f5-auth-token"];
    if (typeof token === "string") {
      const expires = tokens.get(token);
      return expires !== undefined && now() < expires;
    }
    return req.headers["authorization"] === basic;
  };
  const guarded =
    (handler: (req: RecordedRequest, params: Record<string, string>) => Reply) =>
    (req: RecordedRequest, params: Record<string, string>): Reply =>
      authorized(req) ? handler(req, params) : unauthorized;

  const result = (tenant: string, code: number, message: string) => ({ code, message, lineCount: 25, host: "localhost", tenant, runTime: 1263 });

  /** Applies a declaration for one tenant: the final answer AS3 would give. */
  const apply = (tenant: string, body: any): { status: number; body: unknown } => {
    const errors = invalidPaths(body, tenant);
    if (errors.length > 0) return { status: 422, body: { code: 422, message: "declaration is invalid", errors, declarationFullId: "" } };
    if (!body?.[tenant]) return { status: 200, body: { results: [result(tenant, 200, "no change")], declaration: body } };
    const before = JSON.stringify(tenants.get(tenant));
    const after = JSON.stringify(body[tenant]);
    tenants.set(tenant, body[tenant]);
    return { status: 200, body: { results: [result(tenant, 200, before === after ? "no change" : "success")], declaration: body } };
  };

  const startTask = (tenant: string, final: { status: number; body: any }): Reply => {
    const id = randomUUID();
    const record = final.status === 422 ? { id, results: [{ code: 422, message: final.body.message, errors: final.body.errors, declarationFullId: "" }], declaration: {} } : { id, ...final.body };
    tasks.set(id, { pollsLeft: state.asyncPolls, final: record, tenant });
    return {
      status: 202,
      body: {
        id,
        results: [{ message: "Declaration successfully submitted", tenant: "", runTime: 0, code: 0, host: "" }],
        declaration: {},
        selfLink: `https://localhost/mgmt/shared/appsvcs/task/${id}`,
      },
    };
  };

  server.route("POST", "/mgmt/shared/authn/login", (req) => {
    if (req.body?.username !== username || req.body?.password !== password) {
      return { status: 401, body: { code: 401, message: "Authentication failed.", referer: "192.0.2.1", restOperationId: 1, kind: ":resterrorresponse" } };
    }
    const token = randomUUID().replace(/-/g, "").toUpperCase().slice(0, 26);
    tokens.set(token, now() + lifetime * 1000);
    issuedTokens.push(token);
    return {
      status: 200,
      body: { username, loginProviderName: "tmos", token: { token, name: token, userName: username, timeout: lifetime, startTime: new Date(now()).toISOString() } },
    };
  });

  server.route(
    "POST",
    "/mgmt/shared/appsvcs/declare/:tenant",
    guarded((req, { tenant }) => {
      const wantsAsync = req.query.get("async") === "true";
      const t = tenant!;
      if (state.invalidIn === "response" || !wantsAsync) {
        const errors = invalidPaths(req.body, t);
        if (errors.length > 0) return { status: 422, body: { code: 422, message: "declaration is invalid", errors } };
      }
      const final = apply(t, req.body);
      return wantsAsync || state.slowSync ? startTask(t, final) : { status: final.status, body: final.body };
    }),
  );

  server.route(
    "GET",
    "/mgmt/shared/appsvcs/task/:id",
    guarded((_req, { id }) => {
      const task = tasks.get(id!);
      if (!task) return { status: 404, body: { message: `No record found with ID of ${id}` } };
      if (task.pollsLeft > 0) {
        task.pollsLeft--;
        return { status: 200, body: { id, results: [{ code: 0, message: "in progress", tenant: task.tenant }], declaration: {} } };
      }
      return { status: 200, body: task.final };
    }),
  );

  server.route(
    "DELETE",
    "/mgmt/shared/appsvcs/declare/:tenant",
    guarded((_req, { tenant }) => {
      const existed = tenants.delete(tenant!);
      return { status: 200, body: { results: [result(tenant!, 200, existed ? "success" : "no change")], declaration: {} } };
    }),
  );

  server.route(
    "GET",
    "/mgmt/shared/appsvcs/declare/:tenant",
    guarded((_req, { tenant }) =>
      tenants.has(tenant!)
        ? { status: 200, body: { class: "ADC", schemaVersion: "3.50.0", updateMode: "selective", [tenant!]: tenants.get(tenant!) } }
        : { status: 204 },
    ),
  );

  return {
    server,
    url: server.url,
    tenants,
    issuedTokens,
    get asyncPolls() {
      return state.asyncPolls;
    },
    set asyncPolls(n: number) {
      state.asyncPolls = n;
    },
    get slowSync() {
      return state.slowSync;
    },
    set slowSync(v: boolean) {
      state.slowSync = v;
    },
    get invalidIn() {
      return state.invalidIn;
    },
    set invalidIn(v: "response" | "task") {
      state.invalidIn = v;
    },
    revokeTokens: () => tokens.clear(),
    close: () => server.close(),
  };
}
