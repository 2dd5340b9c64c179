import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { IdentityContract } from "../../../../components/contract";
import { outputValue, startRecordingMocks } from "../../../support/pulumi-mocks";
import { entraContract, jwksOf, rsaTestKey, stackConfig } from "./fixtures";

// Mocks first: the component module must be imported only after setMocks (dynamic import in beforeAll).
const { ready, registered } = startRecordingMocks();

let kong: typeof import("../../../../components/kong");
beforeAll(async () => {
  await ready;
  kong = await import("../../../../components/kong");
});

describe("KongGateway (enterprise, under Pulumi mocks)", () => {
  const cfg = stackConfig();
  const contract = entraContract();

  it("creates the namespace, a ConfigMap holding kong.yml, and the chart release reading it", async () => {
    const gateway = new kong.KongGateway("edge", {
      contracts: pulumi.output([contract]),
      routes: cfg.routes,
      kong: cfg.kong,
      environment: cfg.environment,
    });
    const [yamlText, checksum, namespace, endpoint, limitations] = await Promise.all([
      outputValue(gateway.kongYaml),
      outputValue(gateway.configChecksum),
      outputValue(gateway.namespaceName),
      outputValue(gateway.proxyEndpoint),
      outputValue(gateway.limitations),
    ]);

    const ns = await registered("edge-namespace");
    expect(ns.type).toBe("kubernetes:core/v1:Namespace");
    expect(ns.inputs.metadata.name).toBe("kong");
    expect(namespace).toBe("kong");

    const configMap = await registered("edge-config");
    expect(configMap.type).toBe("kubernetes:core/v1:ConfigMap");
    expect(configMap.inputs.metadata).toMatchObject({ name: kong.KONG_CONFIG_MAP_NAME, namespace: "kong" });
    expect(configMap.inputs.data["kong.yml"]).toBe(yamlText);
    expect(parse(yamlText).services.map((s: { name: string }) => s.name)).toEqual(["health", "orders-read", "orders-write", "reports"]);

    const release = await registered("edge-release");
    expect(release.type).toBe("kubernetes:helm.sh/v3:Release");
    expect(release.inputs).toMatchObject({
      chart: "kong",
      version: "3.4.1",
      name: "kong",
      namespace: "kong",
      repositoryOpts: { repo: "https://charts.konghq.com" },
    });
    expect(release.inputs.values).toEqual(
      kong.buildHelmValues(cfg.kong, { configMapName: kong.KONG_CONFIG_MAP_NAME, configChecksum: checksum }),
    );
    expect(release.inputs.values.podAnnotations[kong.CONFIG_CHECKSUM_ANNOTATION]).toBe(kong.configChecksum(yamlText));

    expect(endpoint).toBe("https://api.test.example.com");
    expect(limitations.map((l) => l.check)).toEqual(["client", "token-type"]);
  });

  it("puts the contract's issuer into the deployed openid-connect config", async () => {
    const gateway = new kong.KongGateway("edge-issuer", {
      contracts: [contract],
      routes: cfg.routes,
      kong: cfg.kong,
      environment: cfg.environment,
    });
    const config = await outputValue(gateway.declarativeConfig);
    const read = config.services.find((s) => s.name === "orders-read")!.routes[0]!;
    const oidc = read.plugins.find((p) => p.name === "openid-connect")!;
    expect(oidc.config).toMatchObject({ issuer: contract.discoveryUrl, issuers_allowed: [contract.issuer] });
  });
});

describe("KongGateway (oss, under Pulumi mocks)", () => {
  const cfg = stackConfig((raw) => (raw.kong.edition = "oss"));
  const key = rsaTestKey("kid-oss");

  it("fetches each issuer's JWKS through the given fetcher and writes the keys into kong.yml", async () => {
    const contract = entraContract();
    const asked: string[] = [];
    const gateway = new kong.KongGateway("oss", {
      contracts: pulumi.output<IdentityContract[]>([contract]),
      routes: cfg.routes,
      kong: cfg.kong,
      environment: cfg.environment,
      fetchJwks: async (uri) => (asked.push(uri), jwksOf(key)),
    });
    const config = await outputValue(gateway.declarativeConfig);
    expect(asked).toEqual([contract.jwksUri]);
    expect(config.consumers[0]!.jwt_secrets![0]!).toMatchObject({ key: "kid-oss", rsa_public_key: key.pem });
    const release = await registered("oss-release");
    expect(release.inputs.values.image).toEqual({ repository: "kong", tag: "3.9" });
    expect(release.inputs.values.enterprise).toBeUndefined();
    expect((await outputValue(gateway.limitations)).some((l) => l.check === "issuer")).toBe(true);
  });

  it("uses the module-level fetcher when none is given (how the offline plan stays off the network)", async () => {
    const contract = entraContract({ name: "entra-module" });
    const asked: string[] = [];
    kong.setJwksFetcher(async (uri) => (asked.push(uri), jwksOf(key)));
    try {
      const gateway = new kong.KongGateway("oss-module", {
        contracts: [contract],
        routes: cfg.routes,
        kong: cfg.kong,
        environment: cfg.environment,
      });
      const config = await outputValue(gateway.declarativeConfig);
      expect(asked).toEqual([contract.jwksUri]);
      expect(config.consumers.map((c) => c.username)).toEqual(["idp-entra-module"]);
    } finally {
      kong.setJwksFetcher(undefined);
    }
  });
});
