import { describe, expect, it } from "vitest";
import { clusterTarget, deployBlockers, deployVerdict, parseStackConfig } from "../../../../infra/config";
import { exampleStackRaw } from "../../../support/example-stacks";

const dev = () => exampleStackRaw("dev") as Record<string, any>;

describe("deploy readiness: what keeps a stack that plans from pulumi up", () => {
  it("an example stack that names its cluster and tenant has none", () => {
    const raw = dev();
    expect(deployBlockers(raw, parseStackConfig(raw))).toEqual([]);
    expect(clusterTarget(raw, parseStackConfig(raw))).toBe("context dev-cluster of the deploying machine's KUBECONFIG");
  });

  it("a stack that names no cluster is refused, naming both ways to name one", () => {
    const raw = dev();
    delete raw["kubernetes"];
    expect(deployBlockers(raw, parseStackConfig(raw))).toEqual([expect.stringMatching(/^kubernetes: missing; name this stack's cluster \(kubernetes\.context: .*pulumi config set --secret kubeconfig/)]);
    raw["kubeconfig"] = "[secret]";
    expect(deployBlockers(raw, parseStackConfig(raw))).toEqual([]);
    expect(clusterTarget(raw, parseStackConfig(raw))).toBe("the kubeconfig in the kubeconfig secret, its current context");
  });

  it("placeholders: the Entra zero tenant, the quick-start replace-me answers", () => {
    const raw = dev();
    raw["identity"].providers[0].tenantId = "00000000-0000-0000-0000-000000000000";
    raw["kubernetes"] = { context: "replace-me" };
    expect(deployBlockers(raw, parseStackConfig(raw))).toEqual([
      expect.stringMatching(/^identity\.providers\[0\]\.tenantId: is the placeholder 00000000-/),
      expect.stringMatching(/^kubernetes\.context: is the placeholder replace-me/),
    ]);
  });

  it("pulumi up refuses, a preview warns, kis plan (no engine) reports them itself", () => {
    expect(deployVerdict(["x"], { engine: true, dryRun: false })).toBe("refuse");
    expect(deployVerdict(["x"], { engine: true, dryRun: true })).toBe("warn");
    expect(deployVerdict(["x"], { engine: false, dryRun: false })).toBe("none");
    expect(deployVerdict([], { engine: true, dryRun: false })).toBe("none");
  });
});
