import { describe, expect, it } from "vitest";
import {
  analyzeIRule,
  buildAs3Declaration,
  buildHeaderHygieneIRule,
  EDGE_REQUEST_ID_HEADER,
  EDGE_STRIPPED_PATTERNS,
  globMatches,
  headerHygieneProblems,
  removesHeader,
  REQUIRED_STRIPPED_HEADERS,
  tlsProblems,
  virtualServerPath,
} from "../../../../components/f5";
import { correlationIdPlugin, IDENTITY_HEADERS } from "../../../../components/kong";
import { f5StackConfig, settingsOf } from "./fixtures";

const TLS = { certificate: "[secret]", privateKey: "[secret]" };
const build = (mutate: (raw: any) => void = () => {}) => buildAs3Declaration(settingsOf(f5StackConfig(mutate)), TLS) as any;
const appOf = (d: any) => d.kis_test.kong_edge;

describe("buildAs3Declaration", () => {
  it("one selective ADC declaration holding one tenant per environment", () => {
    const d = build();
    expect(d).toMatchObject({ class: "ADC", schemaVersion: "3.50.0", updateMode: "selective", id: "kong-identity-stack-kis_test" });
    expect(Object.keys(d).filter((k) => d[k]?.class === "Tenant")).toEqual(["kis_test"]);
    expect(virtualServerPath("kis_test")).toBe("/kis_test/kong_edge/kong_https");
  });

  it("an HTTPS virtual server on 443 with redirect from 80, the pool, both TLS sides, XFF, the iRule and APM", () => {
    const app = appOf(build());
    expect(app.kong_https).toEqual({
      class: "Service_HTTPS",
      remark: "API edge: TLS, header hygiene, Kong",
      virtualAddresses: ["192.0.2.10"],
      virtualPort: 443,
      redirect80: true,
      pool: "kong_pool",
      serverTLS: "edge_tls",
      clientTLS: "kong_tls",
      profileHTTP: { use: "edge_http" },
      iRules: ["identity_header_hygiene"],
      snat: { use: "kong_snat" },
      persistenceMethods: [],
      profileAccess: { bigip: "/Common/orders-apm" },
    });
    expect(app.kong_pool.members).toEqual([{ servicePort: 443, serverAddresses: ["10.1.30.11"] }]);
    expect(app.kong_pool.monitors).toEqual([{ use: "kong_monitor" }]);
    expect(app.kong_monitor).toMatchObject({ monitorType: "https", clientTLS: { use: "kong_tls" } });
    expect(app.kong_monitor.send).toBe("GET / HTTP/1.1\\r\\nHost: api.test.example.com\\r\\nUser-Agent: kis-f5-monitor\\r\\nConnection: close\\r\\n\\r\\n");
    expect(app.edge_certificate).toMatchObject({ class: "Certificate", certificate: "[secret]", privateKey: "[secret]" });
    expect(app.edge_tls).toMatchObject({ certificates: [{ certificate: "edge_certificate" }], tls1_0Enabled: false, tls1_1Enabled: false, tls1_2Enabled: true });
    expect(app.kong_tls).toMatchObject({ sendSNI: "api.test.example.com", validateCertificate: true, trustCA: { bigip: "/Common/kong-ca-bundle" } });
    expect(app.edge_http).toMatchObject({ xForwardedFor: true, trustXFF: false });
    expect(app.kong_snat).toEqual({ class: "SNAT_Pool", snatAddresses: ["10.1.20.50"] });
  });

  it("defaults: SNAT automap, no APM, unverified Kong certificate, Kong's proxy Service by FQDN, no redirect when asked", () => {
    const app = appOf(
      build((raw) => {
        raw.f5.snatAddresses = [];
        delete raw.f5.apm;
        delete raw.f5.kongTls;
        delete raw.f5.poolMembers;
        raw.f5.redirectHttp = false;
      }),
    );
    expect(app.kong_https.snat).toBe("auto");
    expect(app.kong_https.profileAccess).toBeUndefined();
    expect(app.kong_https.redirect80).toBe(false);
    expect(app.kong_snat).toBeUndefined();
    expect(app.kong_tls.validateCertificate).toBe(false);
    expect(app.kong_tls.trustCA).toBeUndefined();
    expect(app.kong_pool.members).toEqual([
      { servicePort: 443, addressDiscovery: "fqdn", hostname: "kong-kong-proxy.kong.svc.cluster.local", autoPopulate: true },
    ]);
  });

  it("passes the static checks the policy pack makes (TLS only, header hygiene incl. APM headers)", () => {
    const d = build();
    expect(tlsProblems(d)).toEqual([]);
    expect(headerHygieneProblems(d, ["X-APM-User", "X-APM-Groups"])).toEqual([]);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(build())).toBe(JSON.stringify(build()));
  });
});

describe("the header-hygiene iRule", () => {
  const rule = buildHeaderHygieneIRule({ forwardedHeaders: ["X-APM-User"] });
  const analysis = analyzeIRule(rule);

  it("removes every identity header a client could send (Kong's own included), and the APM ones", () => {
    expect(analysis.onRequest).toBe(true);
    for (const h of [...REQUIRED_STRIPPED_HEADERS, ...IDENTITY_HEADERS, "X-APM-User", "X-Consumer-Custom-ID", "X-Forwarded-Proto"]) {
      expect(removesHeader(analysis, h), h).toBe(true);
    }
    expect(removesHeader(analysis, "x-apm-groups")).toBe(false);
    expect(removesHeader(analysis, "authorization")).toBe(false);
    expect(removesHeader(analysis, "host")).toBe(false);
  });

  it("inserts X-Request-ID, the header Kong's correlation-id plugin keeps and echoes", () => {
    expect(analysis.inserts).toEqual(["x-request-id"]);
    const kong = correlationIdPlugin([]);
    expect(kong.config).toMatchObject({ header_name: EDGE_REQUEST_ID_HEADER, echo_downstream: true });
    expect(rule).toMatch(/CRYPTO::keygen -alg random -len 128/);
  });

  it("every concrete header the policy requires matches one of the iRule's patterns", () => {
    for (const h of REQUIRED_STRIPPED_HEADERS) expect(EDGE_STRIPPED_PATTERNS.some((p) => globMatches(p, h)), h).toBe(true);
  });

  it("refuses header names that would act as glob patterns", () => {
    expect(() => buildHeaderHygieneIRule({ forwardedHeaders: ["X-*"] })).toThrow(/letters, digits and dashes only/);
  });

  it("the analysis is not fooled by a switch arm that does not remove, nor by a rule outside HTTP_REQUEST", () => {
    const noRemove = "when HTTP_REQUEST {\n foreach h [HTTP::header names] {\n switch -glob -- [string tolower $h] {\n \"x-consumer-*\" { log local0. $h }\n \"x-userinfo\" { HTTP::header remove $h }\n }\n }\n}";
    const a = analyzeIRule(noRemove);
    expect(removesHeader(a, "x-consumer-id")).toBe(false);
    expect(removesHeader(a, "x-userinfo")).toBe(true);
    const response = analyzeIRule("when HTTP_RESPONSE {\n HTTP::header remove X-Userinfo\n}");
    expect(removesHeader(response, "x-userinfo")).toBe(false);
    expect(analyzeIRule("when HTTP_REQUEST {\n HTTP::header remove \"X-Userinfo\"\n}").removes).toEqual(["x-userinfo"]);
  });
});

describe("tlsProblems and headerHygieneProblems find what is wrong", () => {
  it("plain HTTP that is not a redirect, no serverTLS, no clientTLS, TCP forwarding", () => {
    const d = build();
    const app = appOf(d);
    app.plain = { class: "Service_HTTP", virtualAddresses: ["192.0.2.10"], pool: "kong_pool" };
    app.redirect = { class: "Service_HTTP", virtualAddresses: ["192.0.2.10"], iRules: [{ bigip: "/Common/_sys_https_redirect" }] };
    app.tcp = { class: "Service_TCP", virtualAddresses: ["192.0.2.10"], virtualPort: 8443, pool: "kong_pool" };
    delete app.kong_https.clientTLS;
    expect(tlsProblems(d)).toEqual([
      "kis_test/kong_edge/kong_https: no clientTLS: bearer tokens would travel in clear from the BIG-IP to Kong",
      "kis_test/kong_edge/plain: Service_HTTP serves plain HTTP (only a pool-less redirect to https is allowed)",
      "kis_test/kong_edge/tcp: Service_TCP forwards to a pool without terminating TLS (the edge cannot see or strip headers)",
    ]);
  });

  it("no iRule, an iRule that misses headers, an iRule on the BIG-IP that cannot be read", () => {
    const none = build();
    appOf(none).kong_https.iRules = [];
    expect(headerHygieneProblems(none)).toEqual(["kis_test/kong_edge/kong_https: no iRule of the declaration strips identity headers from client requests"]);

    const partial = build();
    appOf(partial).identity_header_hygiene.iRule = "when HTTP_REQUEST {\n HTTP::header remove X-Userinfo\n HTTP::header insert X-Request-ID 1\n}";
    const [problem] = headerHygieneProblems(partial);
    expect(problem).toMatch(/^kis_test\/kong_edge\/kong_https: client copies of x-authenticated-subject, x-authenticated-client, .* reach Kong/);
    expect(problem).not.toMatch(/x-userinfo,/);

    const apm = build();
    expect(headerHygieneProblems(apm, ["X-Other-Identity"])).toEqual(["kis_test/kong_edge/kong_https: client copies of x-other-identity reach Kong (no iRule removes them)"]);

    const remote = build();
    appOf(remote).kong_https.iRules = [{ bigip: "/Common/somebody_elses_rule" }];
    expect(headerHygieneProblems(remote)).toEqual(["kis_test/kong_edge/kong_https: no iRule of the declaration strips identity headers from client requests"]);
  });
});
