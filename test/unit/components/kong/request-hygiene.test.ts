import { describe, expect, it } from "vitest";
import { buildDeclarativeConfig, serializeKongYaml, type KongDeclarativeConfig } from "../../../../components/kong";
import { requestIdNotClientChosen, tracesWithoutCredentials } from "../../../../policy-packs/identity/policies/audit-trail";
import { runStackPolicy, type PolicyFixture } from "../../../support/policy-harness";
import { observabilitySchema } from "../../../../infra/config/observability-schema";
import { otlpSpanJson, runKongLua, type LuaSpan } from "../../../support/kong-lua";
import { entraContract, stackConfig } from "./fixtures";

const cfg = stackConfig();
const CODE = "SplxlOBeZQQYbYS6WxSbIA";
const STATE = "af0ifjsldkjXk2";

const build = (observability: object | undefined, requestIdFromEdge = false): KongDeclarativeConfig =>
  buildDeclarativeConfig([entraContract()], cfg.routes, {
    edition: "enterprise",
    hostnames: cfg.kong.hostnames,
    environment: "test",
    requestIdFromEdge,
    ...(observability ? { observability: observabilitySchema.parse(observability) } : {}),
  });
const preFunction = (config: KongDeclarativeConfig) => config.plugins.find((p) => p.name === "pre-function")?.config as { rewrite?: string[]; log?: string[] } | undefined;
const tracing = (extra: object = {}) => ({ tracing: { enabled: true, endpoint: "http://otel-collector.observability:4318/v1/traces", ...extra } });

/** The spans Kong records for an OIDC callback (kong/observability/tracing/instrumentation.lua: request and balancer). */
const callbackSpans = (): LuaSpan[] => [
  {
    name: "kong",
    attributes: {
      "http.method": "GET",
      "http.url": `https://api.dev.example.com/auth/callback?code=${CODE}&state=${STATE}`,
      "http.host": "api.dev.example.com",
      "http.scheme": "https",
      "http.flavor": "1.1",
      "http.client_ip": "203.0.113.9",
      "net.peer.ip": "10.0.0.4",
      "http.status_code": 302,
      "http.route": "/auth/callback",
    },
  },
  { name: "kong.balancer", attributes: { "net.peer.ip": "10.1.2.3", "net.peer.port": 8080, "net.peer.name": "orders.orders.svc", "try_count": 1 } },
  { name: "kong.internal.request", attributes: { "http.url": "https://client:s3cr3t@login.example.com/token?client_secret=abc#frag", "http.request.header.authorization": "Bearer eyJhbGciOi", "url.query": "code=x" } },
];

describe("every exported span loses its query string and credentials (global pre-function, log phase)", () => {
  it("a span with ?code=…&state=… is exported with neither (the chunk from kong.yml, run in a Lua VM)", async () => {
    const chunks = preFunction(build(tracing()))!;
    expect(chunks.log).toHaveLength(1);
    const { spans } = await runKongLua({ log: chunks.log! }, callbackSpans(), {});
    const exported = spans.map(otlpSpanJson).join("\n");
    for (const secret of [CODE, STATE, "code=", "state=", "s3cr3t", "client_secret", "Bearer", "#frag"]) expect(exported).not.toContain(secret);
    expect(spans[0]!.attributes["http.url"]).toBe("https://api.dev.example.com/auth/callback");
    expect(spans[2]!.attributes["http.url"]).toBe("https://login.example.com/token");
    expect(spans[2]!.attributes).not.toHaveProperty("url.query");
    expect(spans[2]!.attributes).not.toHaveProperty("http.request.header.authorization");
    // What is not a credential stays: the trace is still useful.
    expect(spans[0]!.attributes).toMatchObject({ "http.method": "GET", "http.status_code": 302, "http.route": "/auth/callback", "http.client_ip": "203.0.113.9" });
    expect(spans[1]!.attributes).toEqual(callbackSpans()[1]!.attributes);
  });

  it("without the chunk (redactUrls: false) the same span carries code and state: the test above can fail", async () => {
    const config = build(tracing({ redactUrls: false }));
    expect(preFunction(config)?.log).toBeUndefined();
    const { spans } = await runKongLua({ log: preFunction(config)?.log ?? [] }, callbackSpans(), {});
    expect(spans.map(otlpSpanJson).join("\n")).toContain(`code=${CODE}&state=${STATE}`);
  });

  it("runs before the opentelemetry plugin: pre-function's priority is above opentelemetry's (Kong runs log phases by descending priority)", () => {
    // kong/plugins/pre-function/_handler.lua PRIORITY 1000000, kong/plugins/opentelemetry/handler.lua PRIORITY 14.
    const names = build(tracing()).plugins.map((p) => p.name);
    expect(names).toContain("opentelemetry");
    expect(names).toContain("pre-function");
  });
});

describe("the client cannot choose the request id kis trace joins on", () => {
  it("Kong as the first hop: the client's X-Request-ID is removed before correlation-id (access phase) makes one", async () => {
    const chunks = preFunction(build(undefined))!;
    expect(chunks.rewrite).toHaveLength(1);
    const { headers } = await runKongLua({ rewrite: chunks.rewrite! }, [], { "X-Request-ID": "chosen-by-client", Accept: "application/json" });
    expect(headers).toEqual({ accept: "application/json" });
  });

  it("behind the F5 (whose iRule replaces the header) Kong keeps the edge's id; keepClientRequestId keeps it too", async () => {
    expect(preFunction(build(undefined, true))).toBeUndefined();
    expect(preFunction(build({ keepClientRequestId: true }))).toBeUndefined();
    const { headers } = await runKongLua({}, [], { "X-Request-ID": "edge-id" });
    expect(headers).toEqual({ "x-request-id": "edge-id" });
  });
});

describe("the policies that hold it", () => {
  const configMap = (config: KongDeclarativeConfig): PolicyFixture => ({
    type: "kubernetes:core/v1:ConfigMap",
    name: "kong-config",
    props: { data: { "kong.yml": serializeKongYaml(config) } },
  });
  const as3: PolicyFixture = { type: "pulumi-nodejs:dynamic/f5:As3Tenant", name: "f5-tenant", props: {} };

  it("traces-without-credentials refuses exported spans without the redaction chunk, passes with it or without tracing", async () => {
    expect((await runStackPolicy(tracesWithoutCredentials, [configMap(build(tracing({ redactUrls: false })))])).map((v) => v.message)).toEqual([
      expect.stringMatching(/^kubernetes:ConfigMap "kong-config": Kong exports traces .*code and state.*Fix: remove observability\.tracing\.redactUrls: false/),
    ]);
    expect(await runStackPolicy(tracesWithoutCredentials, [configMap(build(tracing()))])).toEqual([]);
    expect(await runStackPolicy(tracesWithoutCredentials, [configMap(build(undefined))])).toEqual([]);
  });

  it("request-id-not-client-chosen refuses Kong keeping a client's id with no F5 in front; an F5 in the stack or the reset passes", async () => {
    const keep = build({ keepClientRequestId: true });
    expect(await runStackPolicy(requestIdNotClientChosen, [configMap(keep)])).toHaveLength(1);
    expect(await runStackPolicy(requestIdNotClientChosen, [configMap(keep), as3])).toEqual([]);
    expect(await runStackPolicy(requestIdNotClientChosen, [configMap(build(undefined))])).toEqual([]);
  });
});
