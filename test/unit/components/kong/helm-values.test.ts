import { describe, expect, it } from "vitest";
import {
  buildDeclarativeConfig,
  buildHelmValues,
  CONFIG_CHECKSUM_ANNOTATION,
  configChecksum,
  serializeKongYaml,
} from "../../../../components/kong";
import { entraContract, stackConfig } from "./fixtures";

const options = { configMapName: "kong-declarative-config", configChecksum: "abc123" };

describe("buildHelmValues", () => {
  it("runs Kong DB-less from our ConfigMap, without ingress controller, manager or portal", () => {
    const values = buildHelmValues(stackConfig().kong, options);
    expect(values.env).toEqual({ database: "off" });
    expect(values.ingressController).toEqual({ enabled: false });
    expect(values.dblessConfig).toEqual({ configMap: "kong-declarative-config" });
    expect(values.manager.enabled).toBe(false);
    expect(values.portal.enabled).toBe(false);
    expect(values.portalapi.enabled).toBe(false);
  });

  it("keeps the Admin API off by default, and TLS-only with the chosen service type when enabled", () => {
    // Off: written out as loopback, so no chart default can widen the listener.
    expect(buildHelmValues(stackConfig().kong, options).admin).toEqual({ enabled: false, addresses: ["127.0.0.1"], http: { enabled: false }, tls: { enabled: true } });
    const ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const enabled = stackConfig((raw) => (raw.kong.adminApi = { enabled: true, serviceType: "NodePort", clientCaCertificate: ca, allowedNamespaces: ["ops"] }));
    expect(buildHelmValues(enabled.kong, options).admin).toEqual({
      enabled: true,
      type: "NodePort",
      http: { enabled: false },
      // Client certificates required (mutual TLS): the chart turns the bundle into KONG_NGINX_ADMIN_SSL_VERIFY_CLIENT on.
      tls: { enabled: true, client: { caBundle: ca } },
    });
  });

  it("turns Kong Manager's listeners off, not only its Service (KONG_ADMIN_GUI_LISTEN off)", () => {
    expect(buildHelmValues(stackConfig().kong, options).manager).toEqual({ enabled: false, http: { enabled: false }, tls: { enabled: false } });
  });

  it("an exposed Admin API without a client CA or allowed namespaces is a config error naming the key", () => {
    const problems = (admin: Record<string, unknown>) => {
      try {
        stackConfig((raw) => (raw.kong.adminApi = admin));
        return [];
      } catch (e) {
        return String((e as Error).message).split("\n");
      }
    };
    expect(problems({ enabled: true, allowedNamespaces: ["ops"] }).join("\n")).toMatch(/^kong\.adminApi\.clientCaCertificate: an exposed Admin API must authenticate its clients/);
    expect(problems({ enabled: true, clientCaCertificate: "-----BEGIN CERTIFICATE-----\n" }).join("\n")).toMatch(/^kong\.adminApi\.allowedNamespaces: /);
  });

  it("pins the image by digest, requests resources, and spreads two or more replicas (PDB, topology spread)", () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    const kong = stackConfig((raw) => Object.assign(raw.kong, { replicas: 3, image: { repository: "kong/kong-gateway", tag: "3.9", digest } })).kong;
    const values = buildHelmValues(kong, options);
    expect(values.image).toEqual({ repository: "kong/kong-gateway", tag: "3.9", unifiedRepoTag: `kong/kong-gateway:3.9@${digest}`, effectiveSemver: "3.9" });
    expect(values.resources).toEqual({ requests: { cpu: "500m", memory: "1Gi" } });
    expect(values.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
    expect(values.topologySpreadConstraints?.map((t) => t["topologyKey"])).toEqual(["kubernetes.io/hostname", "topology.kubernetes.io/zone"]);
    // One replica: a disruption budget would block every node drain, so none.
    const single = buildHelmValues(stackConfig((raw) => (raw.kong.replicas = 1)).kong, options);
    expect(single.podDisruptionBudget).toBeUndefined();
    expect(single.topologySpreadConstraints).toBeUndefined();
  });

  it("hashes the stack's certificate into the pod template; Stakater Reloader's annotation for Secrets it does not own", () => {
    expect(buildHelmValues(stackConfig().kong, { ...options, tlsChecksum: "c0ffee" }).podAnnotations["kong-identity-stack/tls-checksum"]).toBe("c0ffee");
    const external = stackConfig((raw) => Object.assign(raw.kong, { tls: { secretName: "cert-manager-tls" }, reloader: "stakater" })).kong;
    expect(buildHelmValues(external, options).deploymentAnnotations).toEqual({ "secret.reloader.stakater.com/reload": "cert-manager-tls,kong-enterprise-license" });
    const off = stackConfig((raw) => Object.assign(raw.kong, { tls: { secretName: "cert-manager-tls" } })).kong;
    expect(buildHelmValues(off, options).deploymentAnnotations).toBeUndefined();
  });

  it("takes replicas and the proxy service type from the kong config", () => {
    const kong = stackConfig((raw) => Object.assign(raw.kong, { replicas: 3, proxyServiceType: "ClusterIP" })).kong;
    const values = buildHelmValues(kong, options);
    expect(values.replicaCount).toBe(3);
    expect(values.proxy).toEqual({ type: "ClusterIP", http: { enabled: false }, tls: { enabled: true, servicePort: 443, containerPort: 8443 } });
  });

  it("closes the plain-HTTP listener unless kong.proxyHttp is redirect", () => {
    expect(buildHelmValues(stackConfig().kong, options).proxy.http).toEqual({ enabled: false });
    expect(buildHelmValues(stackConfig((raw) => (raw.kong.proxyHttp = "redirect")).kong, options).proxy.http).toEqual({ enabled: true });
  });

  it("mounts Kong's certificate Secret and points ssl_cert/ssl_cert_key at it; none without kong.tls", () => {
    const values = buildHelmValues(stackConfig((raw) => (raw.kong.tls = { secretName: "api-tls" })).kong, options);
    expect(values.secretVolumes).toEqual(["api-tls"]);
    expect(values.env).toEqual({ database: "off", ssl_cert: "/etc/secrets/api-tls/tls.crt", ssl_cert_key: "/etc/secrets/api-tls/tls.key" });
    const none = buildHelmValues(stackConfig((raw) => delete raw.kong.tls).kong, options);
    expect(none.secretVolumes).toBeUndefined();
    expect(none.env).toEqual({ database: "off" });
  });

  it("externalTrafficPolicy: Local when a route trusts edge addresses on a LoadBalancer/NodePort, an explicit value wins, none on ClusterIP", () => {
    const lb = stackConfig().kong;
    expect(buildHelmValues(lb, { ...options, trustsEdgeAddresses: true }).proxy.externalTrafficPolicy).toBe("Local");
    expect(buildHelmValues(lb, options).proxy.externalTrafficPolicy).toBeUndefined();
    const cluster = stackConfig((raw) => (raw.kong.proxyExternalTrafficPolicy = "Cluster")).kong;
    expect(buildHelmValues(cluster, { ...options, trustsEdgeAddresses: true }).proxy.externalTrafficPolicy).toBe("Cluster");
    const clusterIp = stackConfig((raw) => (raw.kong.proxyServiceType = "ClusterIP")).kong;
    expect(buildHelmValues(clusterIp, { ...options, trustsEdgeAddresses: true }).proxy.externalTrafficPolicy).toBeUndefined();
  });

  it("fixes the TLS nodePort a NodePort proxy publishes when the F5 pool targets it", () => {
    const kong = stackConfig((raw) => (raw.kong.proxyServiceType = "NodePort")).kong;
    expect(buildHelmValues(kong, { ...options, tlsNodePort: 30443 }).proxy.tls).toEqual({ enabled: true, servicePort: 443, containerPort: 8443, nodePort: 30443 });
  });

  it("uses the Enterprise image and the existing licence secret by name for enterprise", () => {
    const values = buildHelmValues(stackConfig().kong, options);
    expect(values.image).toEqual({ repository: "kong/kong-gateway", tag: "3.9" });
    expect(values.enterprise).toEqual({ enabled: true, license_secret: "kong-enterprise-license" });
    expect(buildHelmValues(stackConfig().kong, { ...options, licenseSecretName: "other" }).enterprise!.license_secret).toBe("other");
  });

  it("uses the OSS image and no enterprise block for oss; an explicit image wins", () => {
    const oss = stackConfig((raw) => (raw.kong.edition = "oss")).kong;
    const values = buildHelmValues(oss, options);
    expect(values.image).toEqual({ repository: "kong", tag: "3.9" });
    expect(values.enterprise).toBeUndefined();
    const pinned = stackConfig((raw) => (raw.kong.image = { repository: "registry.local/kong", tag: "3.9.1" })).kong;
    expect(buildHelmValues(pinned, options).image).toEqual({ repository: "registry.local/kong", tag: "3.9.1" });
  });

  it("annotates pods with the kong.yml checksum, so a config change rolls them", () => {
    const cfg = stackConfig();
    const yamlFor = (limit: number) =>
      serializeKongYaml(
        buildDeclarativeConfig(
          [entraContract()],
          cfg.routes.map((r) => (r.name === "health" ? { ...r, rateLimitPerMinute: limit } : r)),
          { edition: "enterprise", hostnames: cfg.kong.hostnames, environment: "test" },
        ),
      );
    const before = buildHelmValues(cfg.kong, { ...options, configChecksum: configChecksum(yamlFor(60)) });
    const same = buildHelmValues(cfg.kong, { ...options, configChecksum: configChecksum(yamlFor(60)) });
    const after = buildHelmValues(cfg.kong, { ...options, configChecksum: configChecksum(yamlFor(61)) });
    expect(before.podAnnotations[CONFIG_CHECKSUM_ANNOTATION]).toMatch(/^[0-9a-f]{64}$/);
    expect(same.podAnnotations[CONFIG_CHECKSUM_ANNOTATION]).toBe(before.podAnnotations[CONFIG_CHECKSUM_ANNOTATION]);
    expect(after.podAnnotations[CONFIG_CHECKSUM_ANNOTATION]).not.toBe(before.podAnnotations[CONFIG_CHECKSUM_ANNOTATION]);
  });
});
