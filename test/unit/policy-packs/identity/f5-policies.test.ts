import { describe, expect, it } from "vitest";
import { buildAs3Declaration, buildCisTlsProfile, buildCisVirtualServer } from "../../../../components/f5";
import { buildDeclarativeConfig, serializeKongYaml } from "../../../../components/kong";
import { edgeHeadersTrustedOnlyFromEdge } from "../../../../policy-packs/identity/policies/edge-headers-trusted-only-from-edge";
import { f5StripsIdentityHeaders } from "../../../../policy-packs/identity/policies/f5-strips-identity-headers";
import { f5TlsOnly } from "../../../../policy-packs/identity/policies/f5-tls-only";
import { runResourcePolicy, runStackPolicy, type PolicyFixture } from "../../../support/policy-harness";
import { entraContract } from "../../components/kong/fixtures";
import { f5StackConfig, settingsOf } from "../../components/f5/fixtures";

const AS3 = "pulumi-nodejs:dynamic/f5:As3Tenant";
const config = f5StackConfig();
const settings = settingsOf(config);

function as3Tenant(mutate: (declaration: any, props: any) => void = () => {}): PolicyFixture {
  const declaration = JSON.parse(JSON.stringify(buildAs3Declaration(settings, { certificate: "[secret]", privateKey: "[secret]" })));
  const props: any = { host: "https://bigip.test.example.com", tenant: "kis_test", auth: "token", declaration, edgeTrust: settings.edgeTrust };
  mutate(declaration, props);
  return { type: AS3, name: "f5-tenant", props };
}
const app = (d: any) => d.kis_test.kong_edge;

/** Kong's ConfigMap as the stack writes it; `null`: built without any edge trust. */
function kongConfigMap(edgeTrust: typeof settings.edgeTrust | null = settings.edgeTrust, mutate: (kong: any) => void = () => {}): PolicyFixture {
  const kong: any = buildDeclarativeConfig([entraContract()], config.routes, {
    edition: "enterprise",
    hostnames: config.kong.hostnames,
    environment: config.environment,
    ...(edgeTrust ? { edgeTrust } : {}),
  });
  const copy = JSON.parse(JSON.stringify(kong));
  mutate(copy);
  return { type: "kubernetes:core/v1:ConfigMap", name: "kong-config", props: { metadata: { name: "kong-declarative-config", namespace: "kong" }, data: { "kong.yml": serializeKongYaml(copy) } } };
}
const route = (kong: any, service: string) => kong.services.find((s: any) => s.name === service).routes[0];

const cisSettings = settingsOf(f5StackConfig((raw) => (raw.f5.mode = "cis")));
const cisVs = (mutate: (o: any) => void = () => {}): PolicyFixture => {
  const o: any = structuredClone(buildCisVirtualServer(cisSettings));
  mutate(o);
  return { type: "kubernetes:cis.f5.com/v1:VirtualServer", name: "f5-virtual-server", props: o };
};
const cisProfile = (mutate: (o: any) => void = () => {}): PolicyFixture => {
  const o: any = structuredClone(buildCisTlsProfile(cisSettings));
  mutate(o);
  return { type: "kubernetes:cis.f5.com/v1:TLSProfile", name: "f5-tls-profile", props: o };
};

describe("F5 policies: the compliant baseline (what the stack generates)", () => {
  it("no violation for the AS3 tenant, the CIS objects and Kong's config", async () => {
    for (const fixture of [as3Tenant(), cisVs(), cisProfile()]) {
      expect(await runResourcePolicy(f5TlsOnly, fixture)).toEqual([]);
      expect(await runResourcePolicy(f5StripsIdentityHeaders, fixture)).toEqual([]);
    }
    expect(await runStackPolicy(edgeHeadersTrustedOnlyFromEdge, [as3Tenant(), kongConfigMap()])).toEqual([]);
    expect(await runStackPolicy(edgeHeadersTrustedOnlyFromEdge, [cisVs(), kongConfigMap(cisSettings.edgeTrust)])).toEqual([]);
  });

  it("each policy is mandatory, has a description and says how to fix a violation", () => {
    for (const policy of [f5TlsOnly, f5StripsIdentityHeaders, edgeHeadersTrustedOnlyFromEdge]) {
      expect(policy.enforcementLevel).toBe("mandatory");
      expect(policy.description.length).toBeGreaterThan(20);
      expect(policy.remediationSteps?.length).toBeGreaterThan(40);
    }
    expect([f5TlsOnly.name, f5StripsIdentityHeaders.name, edgeHeadersTrustedOnlyFromEdge.name]).toEqual([
      "f5-tls-only",
      "f5-strips-identity-headers",
      "edge-headers-trusted-only-from-edge",
    ]);
  });
});

describe("f5-tls-only", () => {
  it("catches a plain HTTP service that is not a redirect", async () => {
    const violations = await runResourcePolicy(f5TlsOnly, as3Tenant((d) => (app(d).plain = { class: "Service_HTTP", virtualAddresses: ["192.0.2.10"], pool: "kong_pool" })));
    expect(violations).toHaveLength(1);
    expect(violations[0]!.message).toMatch(
      /^pulumi-nodejs:As3Tenant "f5-tenant": kis_test\/kong_edge\/plain: Service_HTTP serves plain HTTP \(only a pool-less redirect to https is allowed\)\. Fix: serve clients over HTTPS only /,
    );
  });

  it("allows a plain HTTP service that only redirects to https", async () => {
    const redirect = as3Tenant((d) => (app(d).redirect = { class: "Service_HTTP", virtualAddresses: ["192.0.2.10"], iRules: [{ bigip: "/Common/_sys_https_redirect" }] }));
    expect(await runResourcePolicy(f5TlsOnly, redirect)).toEqual([]);
  });

  it("catches a cleartext hop to Kong and a virtual server without serverTLS", async () => {
    const messages = (await runResourcePolicy(f5TlsOnly, as3Tenant((d) => (delete app(d).kong_https.clientTLS, delete app(d).kong_https.serverTLS)))).map((v) => v.message);
    expect(messages).toEqual([
      expect.stringMatching(/^pulumi-nodejs:As3Tenant "f5-tenant": .*kong_https: Service_HTTPS without serverTLS accepts no TLS from clients\. Fix: \S/),
      expect.stringMatching(/^pulumi-nodejs:As3Tenant "f5-tenant": .*kong_https: no clientTLS: bearer tokens would travel in clear from the BIG-IP to Kong\. Fix: \S/),
    ]);
  });

  it("CIS: httpTraffic allow, no TLS profile, edge termination", async () => {
    expect((await runResourcePolicy(f5TlsOnly, cisVs((o) => (o.spec.httpTraffic = "allow"))))[0]!.message).toMatch(
      /^kubernetes:VirtualServer "f5-virtual-server": VirtualServer kong\/kong-edge: httpTraffic "allow" proxies plain HTTP.*\. Fix: set spec\.tlsProfileName and httpTraffic "redirect"/,
    );
    expect((await runResourcePolicy(f5TlsOnly, cisVs((o) => delete o.spec.tlsProfileName)))[0]!.message).toMatch(
      /^kubernetes:VirtualServer "f5-virtual-server": .*no tlsProfileName: the virtual server serves plain HTTP\. Fix: \S/,
    );
    expect((await runResourcePolicy(f5TlsOnly, cisProfile((o) => (o.spec.tls.termination = "edge"))))[0]!.message).toMatch(
      /^kubernetes:TLSProfile "f5-tls-profile": .*termination "edge" sends requests .* in clear.*\. Fix: set spec\.tls\.termination "reencrypt"/,
    );
  });
});

describe("f5-strips-identity-headers", () => {
  it("catches a virtual server without the header strip", async () => {
    const violations = await runResourcePolicy(f5StripsIdentityHeaders, as3Tenant((d) => (app(d).kong_https.iRules = [])));
    expect(violations.map((v) => v.message)).toEqual([
      expect.stringMatching(
        /^pulumi-nodejs:As3Tenant "f5-tenant": kis_test\/kong_edge\/kong_https: no iRule of the declaration strips identity headers from client requests\. Fix: attach the stack's header-hygiene iRule /,
      ),
    ]);
  });

  it("catches an iRule that lets Kong's consumer headers or an APM header through, or adds no request id", async () => {
    const partial = as3Tenant((d) => {
      app(d).identity_header_hygiene.iRule = app(d).identity_header_hygiene.iRule.replace('"x-consumer-*" -\n', "").replace('"x-apm-groups" {', '"x-unrelated" {').replace(/HTTP::header insert X-Request-ID[^\n]*\n/, "");
    });
    const messages = (await runResourcePolicy(f5StripsIdentityHeaders, partial)).map((v) => v.message);
    expect(messages).toEqual([
      expect.stringMatching(/^pulumi-nodejs:As3Tenant "f5-tenant": .*kong_https: client copies of x-consumer-id, x-consumer-custom-id, x-consumer-username, x-consumer-groups, x-apm-groups reach Kong.*\. Fix: \S/),
      expect.stringMatching(/^pulumi-nodejs:As3Tenant "f5-tenant": .*kong_https: no iRule inserts X-Request-ID\. Fix: \S/),
    ]);
  });

  it("CIS: a VirtualServer that does not attach the hygiene iRule", async () => {
    const violations = await runResourcePolicy(f5StripsIdentityHeaders, cisVs((o) => (o.spec.iRules = ["/Common/other"])));
    expect(violations[0]!.message).toMatch(
      /^kubernetes:VirtualServer "f5-virtual-server": VirtualServer kong\/kong-edge: the header-hygiene iRule \/Common\/kis_identity_header_hygiene is not in spec\.iRules\. Fix: .*list it in spec\.iRules/,
    );
  });
});

describe("edge-headers-trusted-only-from-edge", () => {
  it("catches edge-trusted headers accepted from any address (no ip-restriction, headers not removed)", async () => {
    const open = kongConfigMap(settings.edgeTrust, (kong) => {
      const reports = route(kong, "reports");
      reports.plugins = reports.plugins.filter((p: any) => p.name !== "ip-restriction");
    });
    const violations = await runStackPolicy(edgeHeadersTrustedOnlyFromEdge, [as3Tenant(), open]);
    expect(violations).toHaveLength(1);
    expect(violations[0]!.message).toMatch(
      /^kubernetes:ConfigMap "kong-config": Kong route reports \(service reports\) accepts X-APM-User, X-APM-Groups from any address \(no ip-restriction allow list\); AS3 tenant kis_test sets X-APM-User, X-APM-Groups and the upstream trusts them\. Fix: admit the headers on route reports only from the F5 self\/SNAT addresses /,
    );
    expect(violations[0]!.urn).toMatch(/ConfigMap::kong-config$/);
  });

  it("catches a Kong config built without the edge trust at all", async () => {
    const violations = await runStackPolicy(edgeHeadersTrustedOnlyFromEdge, [as3Tenant(), kongConfigMap(null)]);
    expect(violations.map((v) => v.message.split(";")[0]!.replace(/^kubernetes:ConfigMap "kong-config": /, ""))).toEqual([
      "Kong route health (service health) accepts X-APM-User, X-APM-Groups from any address (no ip-restriction allow list)",
      "Kong route orders-read (service orders-read) accepts X-APM-User, X-APM-Groups from any address (no ip-restriction allow list)",
      "Kong route orders-write (service orders-write) accepts X-APM-User, X-APM-Groups from any address (no ip-restriction allow list)",
      "Kong route reports (service reports) accepts X-APM-User, X-APM-Groups from any address (no ip-restriction allow list)",
    ]);
  });

  it("catches an allow list wider than the edge's addresses", async () => {
    const wide = kongConfigMap(settings.edgeTrust, (kong) => {
      route(kong, "reports").plugins.find((p: any) => p.name === "ip-restriction").config.allow = ["10.1.20.5", "0.0.0.0/0", "198.51.100.7"];
    });
    const [violation] = await runStackPolicy(edgeHeadersTrustedOnlyFromEdge, [as3Tenant(), wide]);
    expect(violation!.message).toMatch(
      /^kubernetes:ConfigMap "kong-config": Kong route reports \(service reports\) accepts X-APM-User, X-APM-Groups from 0\.0\.0\.0\/0, 198\.51\.100\.7, which is not an address of the edge.*\. Fix: \S/,
    );
  });

  it("catches an edge that trusts headers from no address, in AS3 and CIS form", async () => {
    const noSources = as3Tenant((_d, props) => (props.edgeTrust = { headers: ["X-APM-User"], sources: [] }));
    const [a] = await runStackPolicy(edgeHeadersTrustedOnlyFromEdge, [noSources]);
    expect(a!.message).toMatch(/^pulumi-nodejs:As3Tenant "f5-tenant": AS3 tenant kis_test forwards X-APM-User but names no edge address to trust them from.*\. Fix: .*f5\.selfIps/);
    expect(a!.urn).toMatch(/As3Tenant::f5-tenant$/);
    const cis = cisVs((o) => (o.metadata.annotations["kong-identity-stack/edge-sources"] = "0.0.0.0/0"));
    const [c] = await runStackPolicy(edgeHeadersTrustedOnlyFromEdge, [cis]);
    expect(c!.message).toMatch(/^kubernetes:VirtualServer "f5-virtual-server": CIS VirtualServer kong\/kong-edge forwards X-APM-User, X-APM-Groups but names no edge address .*\/0 block.*\. Fix: \S/);
  });

  it("nothing to check when no edge forwards identity headers", async () => {
    const noTrust = as3Tenant((_d, props) => delete props.edgeTrust);
    expect(await runStackPolicy(edgeHeadersTrustedOnlyFromEdge, [noTrust, kongConfigMap(null)])).toEqual([]);
  });
});
