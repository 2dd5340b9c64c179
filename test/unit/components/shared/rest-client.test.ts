import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRestClient, RestError, retryAfterMs } from "../../../../components/shared";
import { startStandInServer, type StandInServer } from "../../../support/stand-in-server";

const SECRET = "s3cr3t-client-secret-value";

describe("createRestClient against a local stand-in", () => {
  let server: StandInServer;
  let slept: number[];
  let logs: string[];
  const client = (extra: Partial<Parameters<typeof createRestClient>[0]> = {}) =>
    createRestClient({
      baseUrl: server.url,
      service: "Vendor",
      authHeaders: async () => ({ authorization: `Bearer ${SECRET}` }),
      secrets: () => [SECRET],
      sleep: async (ms) => void slept.push(ms),
      log: (line) => logs.push(line),
      ...extra,
    });

  beforeEach(async () => {
    server = await startStandInServer();
    slept = [];
    logs = [];
    server.route("GET", "/things/:id", (_req, p) => ({ status: 200, body: { id: p["id"] } }));
    server.route("POST", "/things", (req) => ({ status: 201, body: { echoed: req.body } }));
  });
  afterEach(() => server.close());

  it("sends JSON with the auth headers and returns the parsed body", async () => {
    const res = await client().request<{ echoed: unknown }>({ method: "POST", path: "/things", json: { a: 1 } });
    expect(res.status).toBe(201);
    expect(res.body.echoed).toEqual({ a: 1 });
    expect(server.requests[0]!.headers["authorization"]).toBe(`Bearer ${SECRET}`);
    expect(server.requests[0]!.headers["content-type"]).toBe("application/json");
  });

  it("sends forms url-encoded and skips auth for anonymous calls", async () => {
    server.route("POST", "/signin", (req) => ({ status: 200, body: { got: req.body } }));
    const res = await client().request<{ got: unknown }>({ method: "POST", path: "/signin", form: { client_id: "x" }, anonymous: true });
    expect(res.body.got).toEqual({ client_id: "x" });
    expect(server.requests[0]!.headers["authorization"]).toBeUndefined();
  });

  it("waits as long as Retry-After says on 429, then succeeds", async () => {
    server.failNext("GET", "/things/:id", { status: 429, headers: { "retry-after": "7" } }, 2);
    const res = await client().request({ method: "GET", path: "/things/1" });
    expect(res.status).toBe(200);
    expect(slept).toEqual([7000, 7000]);
    expect(server.requests).toHaveLength(3);
  });

  it("backs off exponentially on 5xx and gives up after the configured attempts", async () => {
    server.failNext("GET", "/things/:id", { status: 503, body: { message: "busy" } }, 10);
    const err = await client({ retry: { attempts: 3, baseDelayMs: 100 } })
      .request({ method: "GET", path: "/things/1" })
      .catch((e) => e);
    expect(err).toBeInstanceOf(RestError);
    expect(err.status).toBe(503);
    expect(err.message).toBe("Vendor: GET /things/1 answered 503: busy");
    expect(slept).toEqual([100, 200]);
  });

  it("times out a request that gets no answer and retries it", async () => {
    server.failNext("GET", "/things/:id", { status: 200, delayMs: 1600 }, 1);
    const res = await client({ timeoutMs: 1000 }).request({ method: "GET", path: "/things/2" });
    expect(res.body).toEqual({ id: "2" });
    expect(logs.join("\n")).toMatch(/no answer within 1000 ms; retrying/);
  });

  it("does not retry a 409 and reports the vendor's message", async () => {
    server.route("POST", "/conflict", () => ({ status: 409, body: { reason: "name already exists" } }));
    const err = await client().request({ method: "POST", path: "/conflict", json: {} }).catch((e) => e);
    expect(err.status).toBe(409);
    expect(err.message).toContain("name already exists");
    expect(server.requests).toHaveLength(1);
  });

  it("treats accepted statuses as answers (404 on delete)", async () => {
    const res = await client().request({ method: "DELETE", path: "/gone", accept: [404] });
    expect(res.status).toBe(404);
  });

  it("never puts a secret into an error or a log line", async () => {
    server.route("POST", "/leak", (req) => ({ status: 400, body: { message: `bad secret ${req.body.secret}` } }));
    server.failNext("POST", "/leak", { status: 503, body: { message: `busy ${SECRET}` } });
    const err = await client().request({ method: "POST", path: "/leak", json: { secret: SECRET } }).catch((e) => e);
    expect(err.message).toBe("Vendor: POST /leak answered 400: bad secret [redacted]");
    expect(JSON.stringify(err.body)).not.toContain(SECRET);
    expect(logs.join("\n")).not.toContain(SECRET);
  });

  it("signs in again once after a 401", async () => {
    let token = "old";
    server.route("GET", "/me", (req) =>
      req.headers["authorization"] === "Bearer new" ? { status: 200, body: { ok: true } } : { status: 401 },
    );
    const res = await client({
      authHeaders: async () => ({ authorization: `Bearer ${token}` }),
      onUnauthorized: () => (token = "new"),
    }).request({ method: "GET", path: "/me" });
    expect(res.body).toEqual({ ok: true });
  });
});

describe("retryAfterMs", () => {
  it.each([
    ["3", 3000],
    ["0", 0],
    ["Wed, 21 Oct 2015 07:28:10 GMT", 10_000],
    ["soon", undefined],
  ])("%s → %s", (header, expected) => {
    expect(retryAfterMs(header, Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(expected);
  });
});
