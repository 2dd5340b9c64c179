import { describe, expect, it } from "vitest";
import { kongProductionReady } from "../../../../policy-packs/identity/policies";
import { expectViolations, kongRelease, runAll } from "./fixtures";

const DIGEST = `sha256:${"5f".repeat(32)}`;
/**
 * The values the stack builds for a production Kong: pinned, requesting resources, two or more replicas, and (the
 * baseline's certificate is an existing Secret, kong.tls.secretName) restarted by Stakater Reloader when it changes.
 */
const ready = () =>
  kongRelease((v) => {
    v.image = { ...v.image, unifiedRepoTag: `${v.image.repository}:${v.image.tag}@${DIGEST}` };
    v.deploymentAnnotations = { "secret.reloader.stakater.com/reload": "kong-proxy-tls" };
  });

describe("kong-production-ready", () => {
  it("passes what the stack builds with kong.image.digest, in production and elsewhere", async () => {
    expect(await runAll(kongProductionReady, [ready()], { production: true })).toEqual([]);
  });

  it("leaves stacks outside production alone (an unpinned dev image is fine)", async () => {
    expect(await runAll(kongProductionReady, [kongRelease()], { production: false })).toEqual([]);
  });

  it("refuses a production image without a digest (a floating tag lets replicas run different builds)", async () => {
    const floating = ready();
    delete (floating.props as any).values.image.unifiedRepoTag;
    const [m] = expectViolations(await runAll(kongProductionReady, [floating], { production: true }), "kong-release");
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

  it("refuses a production certificate from a Secret the stack does not own with nothing to restart Kong", async () => {
    const unwatched = ready();
    delete (unwatched.props as any).values.deploymentAnnotations;
    const [m] = expectViolations(await runAll(kongProductionReady, [unwatched], { production: true }), "kong-release");
    expect(m).toContain("nothing restarts Kong when it is renewed");
    const owned = unwatched;
    (owned.props as any).values.podAnnotations["kong-identity-stack/tls-checksum"] = "ab12";
    expect(await runAll(kongProductionReady, [owned], { production: true })).toEqual([]);
  });
});
