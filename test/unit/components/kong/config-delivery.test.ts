import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { KONG_CONFIG_INLINE_LIMIT_BYTES, buildHelmValues, kongConfigPayload, kongConfigPayloadAsync, packedKongYaml, unpackValues } from "../../../../components/kong";
import { kongYamlOfConfigMap, readKongConfig } from "../../../../policy-packs/identity/policies/kong-config";
import { stackConfig } from "./fixtures";

/** A kong.yml of exactly `bytes` bytes. */
const text = (bytes: number) => {
  const head = `_format_version: "3.0"\nservices: []\n`;
  return `${head}${"#".repeat(bytes - head.length - 1)}\n`;
};

describe("kong.yml delivery (kong.configDelivery)", () => {
  it("auto keeps kong.yml inline up to the limit and compresses it beyond", () => {
    expect(kongConfigPayload(text(KONG_CONFIG_INLINE_LIMIT_BYTES), "auto")).toMatchObject({ delivery: "inline", data: { "kong.yml": expect.any(String) } });
    const big = kongConfigPayload(text(KONG_CONFIG_INLINE_LIMIT_BYTES + 1), "auto");
    expect(big.delivery).toBe("gzip");
    expect(big.data).toBeUndefined();
    expect(big.storedBytes).toBeLessThan(big.textBytes / 50);
  });

  it("inline and gzip are honoured whatever the size", () => {
    expect(kongConfigPayload(text(2_000_000), "inline").delivery).toBe("inline");
    expect(kongConfigPayload(text(100), "gzip").delivery).toBe("gzip");
  });

  it("gzip is deterministic and unpacks to the same text (as the init container and the policies read it)", () => {
    const original = text(700_000);
    const a = kongConfigPayload(original, "gzip");
    expect(kongConfigPayload(original, "gzip").binaryData).toEqual(a.binaryData);
    const packed = a.binaryData!["kong.yml.gz"]!;
    expect(gunzipSync(Buffer.from(packed, "base64")).toString("utf8")).toBe(original);
    expect(kongYamlOfConfigMap({ binaryData: a.binaryData })).toBe(original);
    expect(readKongConfig({ binaryData: a.binaryData })?.document["_format_version"]).toBe("3.0");
    expect(kongYamlOfConfigMap({ binaryData: { "kong.yml.gz": "bm90IGd6aXA=" } })).toBeUndefined();
  });

  it("compressing on the thread pool gives the same payload, byte for byte, in every mode", async () => {
    for (const [bytes, mode] of [[100, "auto"], [KONG_CONFIG_INLINE_LIMIT_BYTES + 1, "auto"], [2_000_000, "inline"], [300_000, "gzip"]] as const) {
      const original = text(bytes);
      expect(await kongConfigPayloadAsync(original, mode)).toEqual(kongConfigPayload(original, mode));
    }
  });

  it("the policies read an archive this process packed from its text, and unpack any other, to the same text", () => {
    const original = text(600_000).replace("#", "# packed here\n");
    const here = kongConfigPayload(original, "gzip").binaryData!["kong.yml.gz"]!;
    expect(packedKongYaml(here)).toBe(original);
    expect(kongYamlOfConfigMap({ binaryData: { "kong.yml.gz": here } })).toBe(original);
    // Packed elsewhere (the engine's policy process never packed it): unpacked, as the init container does.
    const elsewhere = gzipSync(original, { level: 1 }).toString("base64");
    expect(elsewhere).not.toBe(here);
    expect(packedKongYaml(elsewhere)).toBeUndefined();
    expect(kongYamlOfConfigMap({ binaryData: { "kong.yml.gz": elsewhere } })).toBe(original);
  });

  it("the unpack values: Kong's image gunzips the chart's mount into an emptyDir that KONG_DECLARATIVE_CONFIG names", () => {
    const kong = stackConfig().kong;
    const values = buildHelmValues(kong, { configMapName: "kong-declarative-config", configChecksum: "abc", unpack: unpackValues({ repository: "kong/kong-gateway", tag: "3.9" }) });
    expect(values.dblessConfig).toEqual({ configMap: "kong-declarative-config" });
    expect(values.env).toEqual({ database: "off", declarative_config: "/kong_unpacked/kong.yml" });
    const [init] = values.deployment!.initContainers as any[];
    expect(init.image).toBe("kong/kong-gateway:3.9");
    expect(init.command.join(" ")).toBe("sh -c gzip -dc /kong_dbless/kong.yml.gz > /kong_unpacked/kong.yml");
    expect(init.volumeMounts.map((m: any) => m.name)).toEqual(["kong-custom-dbless-config-volume", "kong-config-unpacked"]);
    expect(values.deployment!.userDefinedVolumes).toEqual([{ name: "kong-config-unpacked", emptyDir: {} }]);
    expect(values.deployment!.userDefinedVolumeMounts).toEqual([{ name: "kong-config-unpacked", mountPath: "/kong_unpacked", readOnly: true }]);
    // Inline delivery leaves the values as they were: the chart mounts kong.yml itself.
    const inline = buildHelmValues(kong, { configMapName: "kong-declarative-config", configChecksum: "abc" });
    expect(inline.env).toEqual({ database: "off" });
    expect("deployment" in inline).toBe(false);
  });
});
