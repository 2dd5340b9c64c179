import { describe, expect, it } from "vitest";
import { auditCustomFields, auditLogPlugin } from "../../../../components/kong";
import { auditLogNoCredentials } from "../../../../policy-packs/identity/policies";
import { configMap, expectViolations, runAll } from "./fixtures";

const TAGS = ["kong-identity-stack"];
/** The kong.yml ConfigMap with the stack's own audit log (stdout) as a global plugin. */
const withAudit = (edit: (plugin: any) => void = () => {}) =>
  configMap((doc) => {
    const plugin = JSON.parse(JSON.stringify(auditLogPlugin({ sink: "stdout", extraHeaders: ["User-Agent"] }, TAGS)));
    edit(plugin);
    doc.plugins.push(plugin);
  });

describe("audit-log-no-credentials", () => {
  it("passes the generated audit log (stdout and http sinks) and a kong.yml without log plugins", async () => {
    expect(await runAll(auditLogNoCredentials, [withAudit()])).toEqual([]);
    const http = configMap((doc) => doc.plugins.push(auditLogPlugin({ sink: "http", endpoint: "https://logs.example.com/kong", extraHeaders: [] }, TAGS)));
    expect(await runAll(auditLogNoCredentials, [http])).toEqual([]);
    expect(await runAll(auditLogNoCredentials, [configMap()])).toEqual([]);
  });

  it("reports a log plugin that keeps the request headers (Cookie, and Authorization before Kong redacted it)", async () => {
    const [m] = expectViolations(await runAll(auditLogNoCredentials, [withAudit((p) => delete p.config.custom_fields_by_lua["request.headers"])]), "kong-config");
    expect(m).toContain("file-log plugin (global) writes request.headers");
    expect(m).not.toContain("request.querystring (");
  });

  it("reports a plain http-log on a route (every credential field kept)", async () => {
    const cm = configMap((doc) => doc.services[0].routes[0].plugins.push({ name: "http-log", config: { http_endpoint: "https://logs.example.com" } }));
    const [m] = expectViolations(await runAll(auditLogNoCredentials, [cm]), "kong-config");
    expect(m).toMatch(/http-log plugin \(route [a-z-]+\) writes request\.headers .*request\.querystring.*request\.url.*upstream_uri.*response\.headers/);
  });

  it("reports a custom field that logs the Authorization header", async () => {
    const cm = withAudit((p) => Object.assign(p.config.custom_fields_by_lua, auditCustomFields(["Authorization"])));
    const [m] = expectViolations(await runAll(auditLogNoCredentials, [cm]), "kong-config");
    expect(m).toContain('custom field request_headers.authorization reads a credential ("authorization")');
    expect(m).toContain("observability.audit.extraHeaders");
  });

  it("reports a custom field that reads the token a plugin kept (authenticated_jwt_token)", async () => {
    const cm = withAudit((p) => (p.config.custom_fields_by_lua["token"] = "return kong.ctx.shared.authenticated_jwt_token"));
    expect(expectViolations(await runAll(auditLogNoCredentials, [cm]), "kong-config")[0]).toContain("custom field token reads a credential");
  });

  it("ignores a disabled log plugin", async () => {
    const cm = configMap((doc) => doc.plugins.push({ name: "file-log", enabled: false, config: { path: "/dev/stdout" } }));
    expect(await runAll(auditLogNoCredentials, [cm])).toEqual([]);
  });
});
