import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildDeclarativeConfig, configChecksum, KONG_YAML_HEADER, serializeKongYaml, serializedKongDocument } from "../../../../components/kong";
import { entraContract, jwksOf, rsaTestKey, stackConfig } from "./fixtures";

const cfg = stackConfig();
const enterprise = buildDeclarativeConfig([entraContract()], cfg.routes, {
  edition: "enterprise",
  hostnames: cfg.kong.hostnames,
  environment: "test",
});

describe("serializeKongYaml", () => {
  it("starts with the generated-file header and parses back to the same config", () => {
    const text = serializeKongYaml(enterprise);
    expect(text.split("\n")[0]).toBe(`# ${KONG_YAML_HEADER}`);
    expect(parse(text)).toEqual(JSON.parse(JSON.stringify(enterprise)));
  });

  it("depends only on the values: the key order of the input object does not change the text", () => {
    const reversed = reverseKeysDeep(enterprise) as typeof enterprise;
    expect(Object.keys(reversed)[0]).toBe("plugins");
    expect(serializeKongYaml(reversed)).toBe(serializeKongYaml(enterprise));
  });

  it("writes repeated values in full (no YAML anchors) and keeps PEM keys intact", () => {
    const contract = entraContract();
    const key = rsaTestKey("kid-a");
    const oss = buildDeclarativeConfig([contract], cfg.routes, {
      edition: "oss",
      hostnames: cfg.kong.hostnames,
      environment: "test",
      jwks: { [contract.issuer]: jwksOf(key) },
    });
    const text = serializeKongYaml(oss);
    expect(text).not.toMatch(/[&*]a\d+/);
    expect(parse(text).consumers[0].jwt_secrets[0].rsa_public_key).toBe(key.pem);
  });

  it("remembers the document of what it serialised, equal to parsing the text (the policy pack reads it in kis plan)", () => {
    const contract = entraContract();
    for (const edition of ["enterprise", "oss"] as const) {
      const config = buildDeclarativeConfig([contract], cfg.routes, {
        edition,
        hostnames: cfg.kong.hostnames,
        environment: "test",
        ...(edition === "oss" ? { jwks: { [contract.issuer]: jwksOf(rsaTestKey("kid-b")) } } : {}),
      });
      const text = serializeKongYaml(config);
      expect(serializedKongDocument(text)).toEqual(parse(text));
    }
    expect(serializedKongDocument("_format_version: '3.0'\n")).toBeUndefined();
  });
});

describe("configChecksum", () => {
  it("is the sha256 hex of the text", () => {
    expect(configChecksum("kong")).toBe(createHash("sha256").update("kong").digest("hex"));
    expect(configChecksum("a")).not.toBe(configChecksum("b"));
  });
});

function reverseKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeysDeep);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeysDeep(v)]));
  }
  return value;
}
