import * as pulumi from "@pulumi/pulumi";
import { afterAll, describe, expect, it } from "vitest";
import { startOfflineRuntime } from "../../../../cli/plan/offline-runtime";

/**
 * The plan writes its artifacts once the program has settled. "Settled" is Pulumi's own count of pending
 * operations, not a quiet spell: a resource whose inputs take long (kong.yml compressed on the thread pool takes
 * 0.1 s at 5000 routes) was once left out of a plan that still exited 0.
 */
class Thing extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs) {
    super("kubernetes:core/v1:ConfigMap", name, props);
  }
}

const start = (settleTimeoutMs?: number) =>
  startOfflineRuntime({ project: "kong-identity-stack", stack: "settled", config: {}, ...(settleTimeoutMs ? { settleTimeoutMs } : {}) });

afterAll(() => {
  start(); // a fresh runtime: the never-arriving input below must not stay pending for other files in this worker
});

describe("offline runtime: settled() waits for what Pulumi still has pending", () => {
  it("records a resource whose input arrives long after the program went quiet", async () => {
    const runtime = start();
    new Thing("early", { data: { a: "1" } });
    new Thing("late", { data: pulumi.output(new Promise<Record<string, string>>((resolve) => setTimeout(() => resolve({ b: "2" }), 250))) });
    await runtime.settled();
    expect(runtime.resources.map((r) => r.name).sort()).toEqual(["early", "late"]);
    expect(runtime.resources.find((r) => r.name === "late")?.inputs).toMatchObject({ data: { b: "2" } });
    expect(runtime.pending()).toBe(0);
  });

  it("gives up on an input that never arrives, and says how much is pending (the plan then refuses)", async () => {
    const runtime = start(300);
    new Thing("never", { data: pulumi.output(new Promise<Record<string, string>>(() => undefined)) });
    const began = Date.now();
    await runtime.settled();
    expect(Date.now() - began).toBeGreaterThanOrEqual(250);
    expect(runtime.resources.map((r) => r.name)).not.toContain("never");
    expect(runtime.pending()).toBeGreaterThan(0);
  });
});
