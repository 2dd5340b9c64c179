import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildDeclarativeConfig, buildHelmValues, luaTrustedCertificates, serializeKongYaml, type PingAuthOptions } from "../../../../components/kong";
import { pingAccessKongSettings } from "../../../../components/pingaccess/builders/kong-settings";
import { pingAccessSchema } from "../../../../infra/config/pingaccess-schema";
import {
  isInClusterHost,
  mountedTrustedCaFiles,
  pingAuthHttp1Only,
  pingAuthTrustsPingAccessCa,
  proxyTlsOffersHttp2,
} from "../../../../policy-packs/identity/policies/ping-auth-listener";
import { runStackPolicy, type PolicyFixture } from "../../../support/policy-harness";
import { configProblems } from "../../../support/config-problems";
import { REPO_ROOT } from "../../../support/run-kis";
import { entraContract, stackConfig } from "../kong/fixtures";

const cfg = stackConfig();
const options = { configMapName: "kong-declarative-config", configChecksum: "abc123" };
const paDev = parse(readFileSync(join(REPO_ROOT, "stacks", "Pulumi.pingaccess-dev.yaml"), "utf8")).config;
const paBlock = (edit: (pa: any) => void = () => {}) => {
  const pa = structuredClone(paDev["kong-identity-stack:pingaccess"]);
  edit(pa);
  return pingAccessSchema.parse(pa);
};

const pingAuth = (edit: Partial<PingAuthOptions> = {}): PingAuthOptions => ({
  serviceUrl: "https://pingaccess.pingaccess.svc.cluster.local:3000",
  secretId: "pingaccess-shared-secret",
  secretHeaderName: "CLIENT-TOKEN",
  connectionTimeoutMs: 10_000,
  verifyServiceCertificate: true,
  routes: cfg.routes.filter((r) => !r.anonymous).map((r) => r.name),
  ...edit,
});
const configMap = (o: PingAuthOptions | undefined): PolicyFixture => ({
  type: "kubernetes:core/v1:ConfigMap",
  name: "kong-config",
  urn: "urn:pulumi:pingaccess-prod::kong-identity-stack::kubernetes:core/v1:ConfigMap::kong-config",
  props: {
    data: {
      "kong.yml": serializeKongYaml(buildDeclarativeConfig([entraContract()], cfg.routes, { edition: "enterprise", hostnames: cfg.kong.hostnames, environment: "test", ...(o ? { pingAuth: o } : {}) })),
    },
  },
});
const release = (values: object): PolicyFixture => ({
  type: "kubernetes:helm.sh/v3:Release",
  name: "kong-release",
  urn: "urn:pulumi:pingaccess-prod::kong-identity-stack::kubernetes:helm.sh/v3:Release::kong-release",
  props: { chart: "kong", values },
});

describe("ping-auth and Kong's proxy TLS listener (HTTP/2 off)", () => {
  it("the stack turns h2 off whenever ping-auth is configured, unless pingaccess.allowHttp2", () => {
    expect(pingAccessKongSettings(paBlock(), cfg.routes).proxyHttp2).toBe(false);
    expect(pingAccessKongSettings(paBlock((pa) => (pa.allowHttp2 = true)), cfg.routes).proxyHttp2).toBe(true);
  });

  it("proxyHttp2 false renders proxy.tls.parameters [] (the chart's default is [http2]); undefined leaves the chart's default", () => {
    expect(buildHelmValues(cfg.kong, { ...options, proxyHttp2: false }).proxy.tls.parameters).toEqual([]);
    expect(buildHelmValues(cfg.kong, options).proxy.tls).not.toHaveProperty("parameters");
  });

  it("reads the chart's default as h2 on", () => {
    expect(proxyTlsOffersHttp2({ proxy: { tls: { enabled: true } } })).toBe(true);
    expect(proxyTlsOffersHttp2({ proxy: { tls: { enabled: true, parameters: ["http2"] } } })).toBe(true);
    expect(proxyTlsOffersHttp2({ proxy: { tls: { enabled: true, parameters: [] } } })).toBe(false);
    expect(proxyTlsOffersHttp2({ proxy: { tls: { enabled: true, parameters: ["reuseport"] } } })).toBe(false);
  });

  it("ping-auth-http1-only refuses ping-auth behind a listener offering h2, and passes it with h2 off or without ping-auth", async () => {
    const h2 = buildHelmValues(cfg.kong, options);
    const http1 = buildHelmValues(cfg.kong, { ...options, proxyHttp2: false });
    const violations = await runStackPolicy(pingAuthHttp1Only, [configMap(pingAuth()), release(h2)]);
    expect(violations).toHaveLength(1);
    expect(violations[0]!.message).toMatch(/^kubernetes:Release "kong-release": route orders-read.* run ping-auth, which answers 400 to HTTP\/2.*Fix: remove pingaccess.allowHttp2/);
    expect(await runStackPolicy(pingAuthHttp1Only, [configMap(pingAuth()), release(http1)])).toEqual([]);
    expect(await runStackPolicy(pingAuthHttp1Only, [configMap(undefined), release(h2)])).toEqual([]);
  });
});

describe("Kong trusts PingAccess's CA (pingaccess.serviceCa)", () => {
  it("a PEM certificate becomes the Secret pingaccess-service-ca; an existing Secret is used by name and key", () => {
    const pem = paBlock().serviceCa!.certificate!;
    expect(pingAccessKongSettings(paBlock(), cfg.routes).trustedCa).toEqual({ secretName: "pingaccess-service-ca", key: "ca.crt", certificate: pem });
    const existing = paBlock((pa) => (pa.serviceCa = { secretName: "pa-ca", key: "bundle.pem" }));
    expect(pingAccessKongSettings(existing, cfg.routes).trustedCa).toEqual({ secretName: "pa-ca", key: "bundle.pem" });
    expect(pingAccessKongSettings(paBlock((pa) => delete pa.serviceCa), cfg.routes).trustedCa).toBeUndefined();
  });

  it("mounts the bundle and appends it to lua_ssl_trusted_certificate, keeping system first and the proxy certificate's volume", () => {
    const kong = stackConfig((raw) => (raw.kong.tls = { secretName: "kong-proxy-tls" })).kong;
    const values = buildHelmValues(kong, { ...options, trustedCaBundles: [{ secretName: "pingaccess-service-ca", key: "ca.crt" }] });
    expect(values.env.lua_ssl_trusted_certificate).toBe("system,/etc/secrets/pingaccess-service-ca/ca.crt");
    expect(values.secretVolumes).toEqual(["kong-proxy-tls", "pingaccess-service-ca"]);
    expect(luaTrustedCertificates([])).toBeUndefined();
    expect(buildHelmValues(cfg.kong, options).env).not.toHaveProperty("lua_ssl_trusted_certificate");
  });

  it("knows in-cluster names", () => {
    for (const h of ["pingaccess.pingaccess.svc.cluster.local", "pingaccess.pa.svc", "pingaccess", "x.cluster.local"]) expect(isInClusterHost(h), h).toBe(true);
    for (const h of ["pingaccess.example.com", "svc.example.com"]) expect(isInClusterHost(h), h).toBe(false);
  });

  it("counts only CA files the release mounts", () => {
    expect(mountedTrustedCaFiles({ env: { lua_ssl_trusted_certificate: "system,/etc/secrets/pa-ca/ca.crt" }, secretVolumes: ["pa-ca"] })).toEqual(["/etc/secrets/pa-ca/ca.crt"]);
    expect(mountedTrustedCaFiles({ env: { lua_ssl_trusted_certificate: "system,/etc/secrets/pa-ca/ca.crt" } })).toEqual([]);
    expect(mountedTrustedCaFiles({ env: {} })).toEqual([]);
  });

  it("ping-auth-trusts-pingaccess-ca refuses verification of an in-cluster URL without a CA, and passes with one, with a public name, or with verification off", async () => {
    const bare = buildHelmValues(cfg.kong, options);
    const withCa = buildHelmValues(cfg.kong, { ...options, trustedCaBundles: [{ secretName: "pingaccess-service-ca", key: "ca.crt" }] });
    const violations = await runStackPolicy(pingAuthTrustsPingAccessCa, [configMap(pingAuth()), release(bare)]);
    expect(violations).toHaveLength(1);
    expect(violations[0]!.message).toMatch(/verifies PingAccess's certificate at "https:\/\/pingaccess.pingaccess.svc.cluster.local:3000", an in-cluster name.*fail closed with 500\. Fix: set pingaccess.serviceCa/);
    expect(await runStackPolicy(pingAuthTrustsPingAccessCa, [configMap(pingAuth()), release(withCa)])).toEqual([]);
    expect(await runStackPolicy(pingAuthTrustsPingAccessCa, [configMap(pingAuth({ serviceUrl: "https://pingaccess.example.com:3000" })), release(bare)])).toEqual([]);
    expect(await runStackPolicy(pingAuthTrustsPingAccessCa, [configMap(pingAuth({ verifyServiceCertificate: false })), release(bare)])).toEqual([]);
  });

  it("config: serviceCa needs exactly one of certificate and secretName, and a readable CA certificate (exit-2 problems naming the key)", () => {
    const stack = (edit: (pa: any) => void) => {
      const raw = structuredClone(paDev);
      edit(raw["kong-identity-stack:pingaccess"]);
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace(/^kong-identity-stack:/, ""), v]));
    };
    expect(configProblems(stack(() => {}))).toEqual([]);
    expect(configProblems(stack((pa) => (pa.serviceCa.secretName = "pa-ca")))).toEqual([
      "pingaccess.serviceCa: set certificate (PEM; the stack writes the Secret) or secretName (an existing Secret), exactly one",
    ]);
    const broken = configProblems(stack((pa) => (pa.serviceCa.certificate = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")));
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatch(/^pingaccess\.serviceCa\.certificate: cannot be read as PEM certificates/);
  });
});
