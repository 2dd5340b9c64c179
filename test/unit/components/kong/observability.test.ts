import { describe, expect, it } from "vitest";
import {
  AUDIT_REMOVED_FIELDS,
  auditCustomFields,
  auditLogPlugin,
  buildDeclarativeConfig,
  GROUPS_HEADER,
  ISSUER_HEADER,
  SCOPE_HEADER,
} from "../../../../components/kong";
import { observabilitySchema, parseStackConfig } from "../../../../infra/config";
import { configProblems } from "../../../support/config-problems";
import { exampleStackRaw } from "../../../support/example-stacks";
import { RAW_STACK_CONFIG, entraContract, stackConfig } from "./fixtures";

const withObservability = (observability: unknown) => ({ ...structuredClone(RAW_STACK_CONFIG), observability });

describe("the observability block", () => {
  it("is off unless a stack turns it on: dev has none, prod turns all three on", () => {
    expect(parseStackConfig(exampleStackRaw("dev")).observability).toBeUndefined();
    const prod = parseStackConfig(exampleStackRaw("prod")).observability!;
    expect([prod.audit.enabled, prod.tracing.enabled, prod.metrics.enabled]).toEqual([true, true, true]);
    expect(observabilitySchema.parse({})).toEqual({
      audit: { enabled: false, sink: "stdout", extraHeaders: [] },
      tracing: { enabled: false, samplingRate: 0.1, redactUrls: true },
      metrics: { enabled: false, serviceMonitor: true, perConsumer: false },
      keepClientRequestId: false,
    });
  });

  it("names the key and the fix for a missing endpoint, a bad sink and a bad sampling rate", () => {
    expect(configProblems(withObservability({ audit: { enabled: true, sink: "http" } }))).toEqual([
      "observability.audit.endpoint: missing; sink http sends audit lines to a collector: set endpoint, or use sink stdout",
    ]);
    expect(configProblems(withObservability({ tracing: { enabled: true } }))[0]).toMatch(/^observability\.tracing\.endpoint: missing; set the OTLP/);
    expect(configProblems(withObservability({ audit: { sink: "syslog" } }))).toEqual([
      'observability.audit.sink: expected one of "stdout", "http", got "syslog"',
    ]);
    expect(configProblems(withObservability({ audit: { enabled: true, sink: "http", endpoint: "https://kong:s3cret@logs.example.com/in" } }))).toEqual([
      "observability.audit.endpoint: expected a URL without user:password@ (it would be written into kong.yml and plan.json); send to an in-cluster collector that holds the credentials",
    ]);
    expect(configProblems(withObservability({ tracing: { samplingRate: 2 } }))).toEqual([
      "observability.tracing.samplingRate: expected a number from 0 to 1, got 2",
    ]);
  });
});

describe("the audit log plugin", () => {
  it("removes every serialized field that can carry a credential and never reads the token", () => {
    const fields = auditCustomFields(["User-Agent"]);
    for (const f of AUDIT_REMOVED_FIELDS) expect(fields[f]).toBe("return nil");
    const code = Object.values(fields).join("\n");
    expect(code).not.toMatch(/authorization|cookie|jwt_token|get_body/i);
    expect(fields["request_headers.user-agent"]).toBe('return kong.request.get_headers(100)["user-agent"]');
    expect(fields["request_id"]).toContain('"x-request-id"');
  });

  it("records identity only for authenticated requests, from the headers openid-connect set", () => {
    const fields = auditCustomFields();
    for (const key of ["identity.sub", "identity.client_id", "identity.iss", "identity.scopes", "identity.groups"]) {
      expect(fields[key]).toMatch(/^if kong\.client\.get_credential\(\) == nil and kong\.client\.get_consumer\(\) == nil then return nil end /);
    }
  });

  it("refuses a header name that would break out of the Lua string", () => {
    expect(() => auditCustomFields(['x"]..os.exit()..["'])).toThrow(/letters, digits and dashes only/);
  });

  it("stdout goes through file-log, a collector through http-log", () => {
    expect(auditLogPlugin({ sink: "stdout", extraHeaders: [] }, []).name).toBe("file-log");
    expect(auditLogPlugin({ sink: "http", endpoint: "https://logs.example.com", extraHeaders: [] }, []).name).toBe("http-log");
  });

  it("makes openid-connect pass the issuer, scope and groups claims upstream, only with the audit log on", () => {
    const cfg = stackConfig();
    const build = (audit: boolean) =>
      buildDeclarativeConfig([entraContract()], cfg.routes, {
        edition: "enterprise",
        hostnames: cfg.kong.hostnames,
        environment: "test",
        observability: observabilitySchema.parse({ audit: { enabled: audit } }),
      });
    const oidc = (audit: boolean) =>
      build(audit).services.flatMap((s) => s.routes.flatMap((r) => r.plugins)).find((p) => p.name === "openid-connect")!.config as any;
    expect(oidc(false).upstream_headers_names).not.toContain(ISSUER_HEADER);
    const on = oidc(true);
    expect(on.upstream_headers_names.slice(-3)).toEqual([ISSUER_HEADER, SCOPE_HEADER, GROUPS_HEADER]);
    expect(on.upstream_headers_claims.slice(-3)).toEqual(["iss", on.scopes_claim[0], on.authenticated_groups_claim[0]]);
    // Kong is the first hop here (no F5): the pre-function drops a client's X-Request-ID.
    expect(build(false).plugins.map((p) => p.name)).toEqual(["correlation-id", "pre-function"]);
  });
});
