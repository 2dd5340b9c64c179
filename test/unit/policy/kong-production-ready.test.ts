import { describe, expect, it } from "vitest";
import { kongProductionReady } from "../../../policy-packs/identity/policies";
import { expectViolations, kongRelease, runAll } from "./fixtures";

const DIGEST = `sha256:${"5f".repeat(32)}`;
/** The values the stack builds for a production Kong: pinned, requesting resources, two or more replicas. */
const ready = () =>
  kongRelease((v) => {
    v.image = { ...v.image, unifiedRepoTag: `${v.image.repository}:${v.image.tag}@${DIGEST}` };
  });

describe("kong-production-ready", () => {
  it("passes what the stack builds with kong.image.digest, in production and elsewhere", async () => {
    expect(await runAll(kongProductionReady, [ready()], { production: true })).toEqual([]);
  });

  it("leaves stacks outside production alone (an unpinned dev image is fine)", async () => {
    expect(await runAll(kongProductionReady, [kongRelease()], { production: false })).toEqual([]);
  });

  it("refuses a production image without a digest (a floating tag lets replicas run different builds)", async () => {
    const [m] = expectViolations(await runAll(kongProductionReady, [kongRelease()], { production: true }), "kong-release");
    expect(m).toContain("is not pinned by digest");
    expect(m).toContain("kong.image.digest");
  });

  it.each([
    ["no resource requests", (v: any) => (v.resources = {}), "request no CPU or memory"],
    ["no disruption budget", (v: any) => delete v.podDisruptionBudget, "no PodDisruptionBudget"],
    ["no topology spread", (v: any) => delete v.topologySpreadConstraints, "no topology spread"],
    ["one replica", (v: any) => (v.replicaCount = 1), "runs 1 replica"],
  ])("refuses %s in production", async (_, edit, expected) => {
    const release = ready();
    edit((release.props as any).values);
    const [m] = expectViolations(await runAll(kongProductionReady, [release], { production: true }), "kong-release");
    expect(m).toContain(expected);
  });
});
