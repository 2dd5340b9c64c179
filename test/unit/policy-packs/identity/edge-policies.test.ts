import { beforeAll, describe, expect, it } from "vitest";
import { buildAs3Declaration, resolveF5Settings } from "../../../../components/f5";
import { buildHelmValues } from "../../../../components/kong";
import { parseStackConfig, type StackConfig } from "../../../../infra/config";
import { edgeClientAddress, edgePathReachable, edgeTlsChain, kongNoPlaintextListener } from "../../../../policy-packs/identity/policies";
import { KONG_GATEWAY_TYPE } from "../../../../policy-packs/identity/policies/edge-facts";
import { exampleStackRaw } from "../../../support/example-stacks";
import { createCa, issueServerCertificate, type Issued } from "../../../support/tls-material";
import { T, configMap, expectViolations, runAll } from "./fixtures";
import type { PolicyFixture } from "../../../support/policy-harness";

/**
 * The four edge rules over the resources an f5-dev-like stack plans: Kong's Helm release, the KongGateway
 * component's certificate facts, the AS3 tenant and the kong.yml ConfigMap. One compliant baseline each, then
 * one test per violation.
 */
let ca: Issued;
let cert: Issued;
let otherCa: Issued;
beforeAll(async () => {
  ca = await createCa("policy test CA");
  cert = await issueServerCertificate(ca, ["api.dev.example.com"]);
  otherCa = await createCa("another CA");
}, 30_000);

function config(edit: (raw: Record<string, any>) => void = () => {}): StackConfig {
  const raw = exampleStackRaw("f5-dev");
  raw["kong"].tls = { certificate: cert.certificatePem, caCertificate: ca.certificatePem };
  edit(raw);
  return parseStackConfig(raw);
}

const release = (c: StackConfig, options: { trustsEdgeAddresses?: boolean; tlsNodePort?: number } = { trustsEdgeAddresses: true }): PolicyFixture => ({
  type: T.release,
  name: "kong-release",
  props: { name: "kong", chart: "kong", version: "3.4.1", values: JSON.parse(JSON.stringify(buildHelmValues(c.kong, { configMapName: "cm", configChecksum: "x", ...options }))) },
});

const gateway = (c: StackConfig): PolicyFixture => ({ type: KONG_GATEWAY_TYPE, name: "kong", props: { proxyTls: { ...(c.kong.tls ?? {}) } } });

function tenant(c: StackConfig, mutate: (app: any) => void = () => {}): PolicyFixture {
  const settings = resolveF5Settings({ f5: c.f5!, kong: c.kong, routes: c.routes, environment: c.environment });
  const declaration = JSON.parse(JSON.stringify(buildAs3Declaration(settings, { certificate: "[secret]", privateKey: "[secret]" })));
  mutate(declaration[settings.tenant].kong_edge);
  return { type: "pulumi-nodejs:dynamic/f5:As3Tenant", name: "f5-tenant", props: { tenant: settings.tenant, declaration } };
}

/** kong.yml whose first route admits only the BIG-IP's addresses (what edge trust generates). */
const edgeTrustingConfigMap = () =>
  configMap((doc) => {
    doc.services[0].routes[0].plugins.push({ name: "ip-restriction", config: { allow: ["10.1.20.5"] } });
  });

const stack = (c: StackConfig, overrides: Partial<Record<"release" | "gateway" | "tenant" | "configMap", PolicyFixture>> = {}) => [
  overrides.release ?? release(c),
  overrides.gateway ?? gateway(c),
  overrides.tenant ?? tenant(c),
  overrides.configMap ?? edgeTrustingConfigMap(),
];

describe("edge-tls-chain", () => {
  it("passes Kong's certificate when it covers the TLS_Client serverName and the CA bundle issued it", async () => {
    expect(await runAll(edgeTlsChain, stack(config()))).toEqual([]);
  });

  it("reports a Kong proxy without a certificate while the BIG-IP verifies it", async () => {
    const c = config((raw) => {
      delete raw["kong"].tls;
      delete raw["kongTlsPrivateKey"];
      raw["f5"].kongTls = { trustCa: "/Common/kong-ca" };
    });
    const [m] = expectViolations(await runAll(edgeTlsChain, stack(c)), "kong-release");
    expect(m).toMatch(/no certificate \(kong\.tls is not set.*BIG-IP verifies it.*every BIG-IP to Kong handshake fails/);
  });

  it("reports a TLS_Client serverName the certificate does not cover", async () => {
    const c = config();
    const t = tenant(c, (app) => (app.kong_tls.serverName = "kong.internal.example.com"));
    const [m] = expectViolations(await runAll(edgeTlsChain, stack(c, { tenant: t })), "f5-tenant");
    expect(m).toContain('verifies Kong as "kong.internal.example.com" (f5.kongTls.serverName), but kong.tls.certificate covers DNS:api.dev.example.com');
  });

  it("reports a CA bundle that did not issue Kong's certificate", async () => {
    const c = config();
    const t = tenant(c, (app) => (app.kong_ca.bundle = otherCa.certificatePem));
    const [m] = expectViolations(await runAll(edgeTlsChain, stack(c, { tenant: t })), "f5-tenant");
    expect(m).toContain("trusts a CA bundle (kong.tls.caCertificate) that did not issue Kong's certificate");
  });
});

describe("edge-path-reachable", () => {
  it("passes a LoadBalancer proxy behind a pool of its addresses on 443", async () => {
    expect(await runAll(edgePathReachable, stack(config()))).toEqual([]);
  });

  it("passes a NodePort proxy whose TLS nodePort is the pool's port", async () => {
    const c = config((raw) => {
      raw["kong"].proxyServiceType = "NodePort";
      delete raw["kong"].proxyLoadBalancerAddress;
      raw["f5"].poolMembers.port = 30443;
    });
    expect(await runAll(edgePathReachable, stack(c, { release: release(c, { trustsEdgeAddresses: true, tlsNodePort: 30443 }) }))).toEqual([]);
  });

  it("reports a ClusterIP proxy behind static pool members, naming both keys", async () => {
    const c = config((raw) => (delete raw["kong"].proxyLoadBalancerAddress, (raw["kong"].proxyServiceType = "ClusterIP")));
    const [m] = expectViolations(await runAll(edgePathReachable, stack(c)), "f5-tenant");
    expect(m).toMatch(/f5\.poolMembers\.addresses.*ClusterIP \(kong\.proxyServiceType\)/);
  });

  it("reports a pool port that is not the proxy's published TLS port", async () => {
    const c = config((raw) => (raw["f5"].poolMembers.port = 8443));
    const [m] = expectViolations(await runAll(edgePathReachable, stack(c)), "f5-tenant");
    expect(m).toContain("sends to port 8443 (f5.poolMembers.port), but Kong's LoadBalancer proxy Service publishes TLS on 443");
  });

  it("reports a pool that resolves a cluster DNS name", async () => {
    const c = config((raw) => (raw["f5"].poolMembers = { fqdn: "kong-kong-proxy.kong.svc.cluster.local", port: 443 }));
    const [m] = expectViolations(await runAll(edgePathReachable, stack(c)), "f5-tenant");
    expect(m).toContain("cluster DNS name the BIG-IP outside the cluster cannot resolve");
  });

  it("reports a disabled TLS listener", async () => {
    const r = release(config());
    r.props["values"].proxy.tls.enabled = false;
    expectViolations(await runAll(edgePathReachable, stack(config(), { release: r })), "kong-release");
  });
});

describe("edge-client-address", () => {
  it("passes edge-trusting routes behind externalTrafficPolicy Local", async () => {
    expect(await runAll(edgeClientAddress, stack(config()))).toEqual([]);
  });

  it("passes a Cluster policy when no route trusts addresses", async () => {
    expect(await runAll(edgeClientAddress, stack(config(), { release: release(config(), {}), configMap: configMap() }))).toEqual([]);
  });

  it("reports edge-trusting routes behind externalTrafficPolicy Cluster", async () => {
    const c = config((raw) => (raw["kong"].proxyExternalTrafficPolicy = "Cluster"));
    const [m] = expectViolations(await runAll(edgeClientAddress, stack(c)), "kong-release");
    expect(m).toMatch(/admit only edge addresses.*externalTrafficPolicy Cluster \(kong\.proxyExternalTrafficPolicy\).*403/);
  });
});

describe("kong-no-plaintext-listener", () => {
  it("passes the stack's values (proxy.http off)", async () => {
    expect(await runAll(kongNoPlaintextListener, [release(config())])).toEqual([]);
  });

  it("reports kong.proxyHttp: redirect, and the chart default when values leave http out", async () => {
    const redirect = release(config((raw) => (raw["kong"].proxyHttp = "redirect")));
    expect(expectViolations(await runAll(kongNoPlaintextListener, [redirect]), "kong-release")[0]).toContain("plain http");
    const chartDefault = release(config());
    delete chartDefault.props["values"].proxy.http;
    expectViolations(await runAll(kongNoPlaintextListener, [chartDefault]), "kong-release");
  });

  it("allows the redirect listener where the environment's policy config says so", async () => {
    const redirect = release(config((raw) => (raw["kong"].proxyHttp = "redirect")));
    expect(await runAll(kongNoPlaintextListener, [redirect], { allowHttpRedirect: true })).toEqual([]);
  });
});
