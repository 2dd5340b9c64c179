import { describe, expect, it } from "vitest";
import { kongConfigPayload } from "../../../../components/kong";
import { kongConfigSize } from "../../../../policy-packs/identity/policies";
import { KUBERNETES_OBJECT_DATA_LIMIT, kubernetesDataBytes } from "../../../../policy-packs/identity/policies/kong-config-size";
import { T, configMap, expectViolations, runAll } from "./fixtures";

const SECRET = "kubernetes:core/v1:Secret";
/** kong.yml-like text of a given size: repetitive, as a large kong.yml is. */
const bigYaml = (bytes: number) => `_format_version: "3.0"\n${"# route entry padding ".repeat(Math.ceil(bytes / 22))}`.slice(0, bytes);

describe("kong-config-size", () => {
  it("passes the generated kong.yml ConfigMap and a Secret under 1 MiB", async () => {
    const secret = { type: SECRET, name: "tls", props: { data: { "tls.key": Buffer.alloc(4096).toString("base64") }, stringData: { note: "x" } } };
    expect(await runAll(kongConfigSize, [configMap(), secret])).toEqual([]);
  });

  it("passes a kong.yml of 2 MB delivered gzip-compressed (binaryData)", async () => {
    const payload = kongConfigPayload(bigYaml(2_000_000), "auto");
    expect(payload.delivery).toBe("gzip");
    const cm = { type: T.configMap, name: "kong-config", props: { binaryData: payload.binaryData } };
    expect(await runAll(kongConfigSize, [cm])).toEqual([]);
  });

  it("refuses a ConfigMap whose kong.yml is over 1 MiB, naming the object, its size and the fix", async () => {
    const cm = { type: T.configMap, name: "kong-config", props: { data: { "kong.yml": bigYaml(KUBERNETES_OBJECT_DATA_LIMIT + 1) } } };
    const [m] = expectViolations(await runAll(kongConfigSize, [cm]), "kong-config");
    expect(m).toMatch(/^kubernetes:ConfigMap "kong-config": holds 1,048,577 bytes \(1\.00 MiB\) of data \(key kong\.yml: 1,048,577 bytes/);
    expect(m).toContain("Fix: set kong.configDelivery: auto (the default) or gzip");
  });

  it("counts data and binaryData together, binaryData by its decoded bytes", async () => {
    const half = KUBERNETES_OBJECT_DATA_LIMIT / 2;
    const props = { data: { a: "x".repeat(half) }, binaryData: { b: Buffer.alloc(half + 10).toString("base64") } };
    expect(kubernetesDataBytes(T.configMap, props).total).toBe(KUBERNETES_OBJECT_DATA_LIMIT + 10);
    const [m] = expectViolations(await runAll(kongConfigSize, [{ type: T.configMap, name: "mixed", props }]), "mixed");
    expect(m).toContain("Fix: keep the object under 1 MiB");
  });

  it("refuses a Secret over 1 MiB (data decoded from base64, plus stringData)", async () => {
    const props = { data: { blob: Buffer.alloc(KUBERNETES_OBJECT_DATA_LIMIT).toString("base64") }, stringData: { extra: "y" } };
    const [m] = expectViolations(await runAll(kongConfigSize, [{ type: SECRET, name: "bundle", props }]), "bundle");
    expect(m).toMatch(/^kubernetes:Secret "bundle": holds 1,048,577 bytes/);
  });
});
