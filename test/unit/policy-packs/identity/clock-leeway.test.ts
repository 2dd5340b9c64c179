import { describe, expect, it } from "vitest";
import { clockLeeway } from "../../../../policy-packs/identity/policies";
import { configMap, eachOidc, expectViolations, runAll } from "./fixtures";

describe("clock-leeway", () => {
  it("passes the generated kong.yml (leeway 60 s)", async () => {
    expect(await runAll(clockLeeway, [configMap()])).toEqual([]);
  });

  it("passes a leeway exactly at the bound", async () => {
    expect(await runAll(clockLeeway, [configMap((d) => eachOidc(d, (c) => (c.leeway = 120)))])).toEqual([]);
  });

  it("reports a leeway of 600 s once for all routes, naming them, the value and the config key", async () => {
    const [message] = expectViolations(await runAll(clockLeeway, [configMap((d) => eachOidc(d, (c) => (c.leeway = 600)))]), "kong-config");
    expect(message).toContain("routes orders-read, orders-write, reports");
    expect(message).toContain("600 s");
    expect(message).toContain("identity.leewaySeconds to at most 120");
  });

  it("takes the bound from the policy config", async () => {
    const violations = await runAll(clockLeeway, [configMap()], { maxSeconds: 30 });
    expect(expectViolations(violations, "kong-config")[0]).toContain("more than 30 s");
  });

  it("ignores ConfigMaps without kong.yml and other resource types", async () => {
    const other = { type: "kubernetes:core/v1:ConfigMap", name: "other", props: { data: { "app.conf": "leeway: 9999" } } };
    expect(await runAll(clockLeeway, [other, { type: "kubernetes:core/v1:Namespace", name: "ns", props: {} }])).toEqual([]);
  });
});
