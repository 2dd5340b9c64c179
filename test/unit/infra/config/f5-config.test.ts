import { describe, expect, it } from "vitest";
import { CIS_VIRTUAL_SERVER_NAME, resolveF5Settings } from "../../../../components/f5";
import { f5StackConfig, readStackConfig, settingsOf } from "../../components/f5/fixtures";
import { problemsOf } from "../../../support/config-problems";

const problems = (mutate: (raw: any) => void): string[] => problemsOf(() => f5StackConfig(mutate));

describe("the f5 block", () => {
  it("the example stacks parse", () => {
    const as3 = readStackConfig("Pulumi.f5-dev.yaml");
    expect(as3.f5).toMatchObject({ enabled: true, mode: "as3", auth: "token", tenant: "kis_dev", virtualAddress: "192.0.2.10" });
    const cis = readStackConfig("Pulumi.f5-cis-dev.yaml");
    expect(cis.f5).toMatchObject({ mode: "cis", cis: { headerHygieneIRule: "/Common/kis_identity_header_hygiene", serverSslProfile: "/Common/kong-serverssl" } });
  });

  it("secret values are checked for presence only and never kept in the parsed config", () => {
    const cfg = f5StackConfig((raw) => (raw.f5Password = "hunter2-but-longer"));
    expect(cfg.f5TlsCertificate).toBe("[secret]");
    expect(cfg.f5TlsPrivateKey).toBe("[secret]");
    expect(cfg.f5Password).toBe("[secret]");
    expect(JSON.stringify(cfg)).not.toMatch(/placeholder-key|hunter2/);
  });

  it("fills defaults and resolves the settings the builders use", () => {
    const cfg = f5StackConfig((raw) => {
      raw.f5 = { host: "https://bigip.example.com", virtualAddress: "192.0.2.10" };
    });
    expect(cfg.f5).toMatchObject({ enabled: true, mode: "as3", auth: "token", schemaVersion: "3.50.0", redirectHttp: true, selfIps: [], snatAddresses: [] });
    const s = settingsOf(cfg);
    expect(s).toMatchObject({
      tenant: "kis_test",
      fqdn: "api.test.example.com",
      kong: { kind: "fqdn", fqdn: "kong-kong-proxy.kong.svc.cluster.local", port: 443 },
      kongTls: { serverName: "api.test.example.com" },
      virtualServer: "/kis_test/kong_edge/kong_https",
    });
    expect(s.edgeTrust).toBeUndefined();
    expect(s.apm).toBeUndefined();
  });

  it("edge trust: the APM headers, the self and SNAT addresses, the trusting routes", () => {
    expect(settingsOf(f5StackConfig()).edgeTrust).toEqual({
      headers: ["X-APM-User", "X-APM-Groups"],
      sources: ["10.1.20.5", "10.1.20.6", "10.1.20.50"],
      routes: ["reports"],
    });
    const cis = f5StackConfig((raw) => (raw.f5.mode = "cis"));
    expect(resolveF5Settings({ ...cis, f5: cis.f5! }).virtualServer).toBe(`kong/${CIS_VIRTUAL_SERVER_NAME}`);
  });

  it.each([
    ["AS3 without a management URL", (raw: any) => delete raw.f5.host, ["f5.host: missing; AS3 mode needs the BIG-IP management URL, such as https://bigip.example.com"]],
    ["a management URL over http", (raw: any) => (raw.f5.host = "http://bigip"), ['f5.host: expected the BIG-IP management URL over https, such as https://bigip.example.com (no path), got "http://bigip"']],
    ["no TLS key", (raw: any) => delete raw.f5TlsPrivateKey, ["f5TlsPrivateKey: missing; the F5 virtual server's TLS private key (PEM): pulumi config set --secret f5TlsPrivateKey < file.pem"]],
    ["an empty secret", (raw: any) => (raw.f5TlsCertificate = ""), ["f5TlsCertificate: expected a non-empty secret (pulumi config set --secret)"]],
    ["a virtual address that is not an IP", (raw: any) => (raw.f5.virtualAddress = "api.example.com"), ['f5.virtualAddress: expected an IPv4 or IPv6 address such as 192.0.2.10, got "api.example.com"']],
    ["a self IP with a bad mask", (raw: any) => (raw.f5.selfIps = ["10.1.20.0/33"]), ['f5.selfIps[0]: expected an IP address or CIDR block such as 10.1.20.0/24, got "10.1.20.0/33"']],
    ["APM headers but no address to trust them from", (raw: any) => ((raw.f5.selfIps = []), (raw.f5.snatAddresses = [])), ["f5.selfIps: APM forwards identity headers, so Kong must accept them only from the BIG-IP: list its self IPs (and snatAddresses if a SNAT pool is used)"]],
    ["APM forwarding a header Kong sets itself", (raw: any) => (raw.f5.apm.forwardedHeaders = ["X-Authenticated-Subject"]), ['f5.apm.forwardedHeaders[0]: "X-Authenticated-Subject" is set by Kong or the edge itself; choose another name such as X-APM-User']],
    ["a header name with a glob character", (raw: any) => (raw.f5.apm.forwardedHeaders = ["X-APM-*"]), ['f5.apm.forwardedHeaders[0]: expected an HTTP header name such as X-APM-User (letters, digits, dashes), got "X-APM-*"']],
    ["a trusted route that does not exist", (raw: any) => (raw.f5.apm.trustedRoutes = ["reportz"]), ['f5.apm.trustedRoutes[0]: route "reportz" is not declared in routes; declare it there or fix the name']],
    ["pool members by address and by name", (raw: any) => (raw.f5.poolMembers.fqdn = "kong.example.com"), ["f5.poolMembers: expected exactly one of addresses or fqdn"]],
    ["the Common tenant", (raw: any) => (raw.f5.tenant = "Common"), ['f5.tenant: "Common" belongs to the BIG-IP itself; choose another tenant name']],
    ["an AS3 schema newer than the one validated against", (raw: any) => (raw.f5.schemaVersion = "3.57.0"), ['f5.schemaVersion: expected an AS3 schema version from 3.0.0 to 3.56.0, got "3.57.0"']],
    ["a relative access profile path", (raw: any) => (raw.f5.apm.accessProfile = "orders-apm"), ['f5.apm.accessProfile: expected a BIG-IP path such as /Common/my-object, got "orders-apm"']],
    ["a misspelt key", (raw: any) => (raw.f5.virtualAdress = "192.0.2.1"), [expect.stringMatching(/^f5: unknown key "virtualAdress"; expected one of enabled, mode, host/)]],
  ])("%s: one line naming the key", (_label, mutate, expected) => {
    expect(problems(mutate)).toEqual(expected);
  });

  it("a disabled f5 block is not cross-checked", () => {
    expect(problems((raw) => ((raw.f5.enabled = false), delete raw.f5.host, delete raw.f5TlsPrivateKey))).toEqual([]);
  });

  it("a stack without f5 has none, and no F5 secret key is required", () => {
    expect(readStackConfig("Pulumi.dev.yaml").f5).toBeUndefined();
    expect(readStackConfig("Pulumi.dev.yaml").f5TlsPrivateKey).toBeUndefined();
  });
});
