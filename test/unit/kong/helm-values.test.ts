import { describe, expect, it } from "vitest";
import {
  buildDeclarativeConfig,
  buildHelmValues,
  CONFIG_CHECKSUM_ANNOTATION,
  configChecksum,
  serializeKongYaml,
} from "../../../components/kong";
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
    expect(buildHelmValues(stackConfig().kong, options).admin).toEqual({ enabled: false });
    const enabled = stackConfig((raw) => (raw.kong.adminApi = { enabled: true, serviceType: "NodePort" }));
    expect(buildHelmValues(enabled.kong, options).admin).toEqual({
      enabled: true,
      type: "NodePort",
      http: { enabled: false },
      tls: { enabled: true },
    });
  });

  it("takes replicas and the proxy service type from the kong config", () => {
    const kong = stackConfig((raw) => Object.assign(raw.kong, { replicas: 3, proxyServiceType: "ClusterIP" })).kong;
    const values = buildHelmValues(kong, options);
    expect(values.replicaCount).toBe(3);
    expect(values.proxy).toEqual({ type: "ClusterIP" });
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
