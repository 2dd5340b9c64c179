import { afterEach, describe, expect, it } from "vitest";
import { clientSecretRotation } from "../../../../policy-packs/identity/policies";
import { runResourcePolicy } from "../../../support/policy-harness";
import { baselineStack, expectViolations, isoIn, password, replace, runAll, webClientApp } from "./fixtures";

/** One resource, as Analyze sees it (the stack half would add "single client secret"). */
const analyze = (fixture: Parameters<typeof runResourcePolicy>[1], config: object = {}) => runResourcePolicy(clientSecretRotation, fixture, config);

/** A secret outside the stack's slot scheme: its own rotation key, an end date some days ahead. */
const custom = (endInDays: number | undefined, mutate: (p: any) => void = () => {}) =>
  password(0, 60, (p) => {
    p.rotateWhenChanged = { rotation: "2026-q1" };
    if (endInDays === undefined) delete p.endDate;
    else p.endDate = isoIn(endInDays);
    mutate(p);
  });

describe("client-secret-rotation", () => {
  afterEach(() => {
    delete process.env["KIS_NOW"];
  });

  it("passes two staggered, rotating secrets of the stack's default 60 days", async () => {
    expect(await runAll(clientSecretRotation, baselineStack())).toEqual([]);
  });

  it("passes slots of exactly 90 days", async () => {
    expect(await runAll(clientSecretRotation, replace(replace(baselineStack(), password(0, 90)), password(1, 90)))).toEqual([]);
  });

  it("reports both slots of 120 days whatever day it is, naming the rotation and the config key", async () => {
    for (const now of ["2026-01-01T00:00:00Z", "2026-02-14T12:00:00Z", "2026-04-29T23:00:00Z"]) {
      process.env["KIS_NOW"] = now;
      for (const slot of [0, 1] as const) {
        const [m] = expectViolations(await analyze(password(slot, 120)), `entra-orders-portal-secret-${slot}`);
        expect(m).toContain("rotation slot of 120 days");
        expect(m).toContain("identity.secretLifetimeDays to at most 90");
      }
    }
  });

  it("reports a secret of another scheme valid 120 days from now, or 120 days from its startDate", async () => {
    expect(expectViolations(await analyze(custom(120)), "entra-orders-portal-secret-0")[0]).toContain("120 days from now, more than 90 days");
    expect(await analyze(custom(80))).toEqual([]);
    const started = custom(10, (p) => (p.startDate = isoIn(-110)));
    expect(expectViolations(await analyze(started), "entra-orders-portal-secret-0")[0]).toContain("120 days after its start");
  });

  it("reports a secret without endDate (the provider's two-year default) and one without rotation", async () => {
    expect(expectViolations(await analyze(custom(undefined)), "entra-orders-portal-secret-0")[0]).toContain("provider default of two years");
    const noRotate = password(1, 60, (p) => delete p.rotateWhenChanged);
    expect(expectViolations(await analyze(noRotate), "entra-orders-portal-secret-1")[0]).toContain("never replaced");
  });

  it("reads endDateRelative", async () => {
    const relative = custom(undefined, (p) => (p.endDateRelative = "2880h"));
    expect(expectViolations(await analyze(relative), "entra-orders-portal-secret-0")[0]).toContain("120 days");
  });

  it("reports a client with a single secret (no overlap), on the client application", async () => {
    const stack = baselineStack().filter((r) => r.name !== "entra-orders-portal-secret-1");
    const [m] = expectViolations(await runAll(clientSecretRotation, stack), "entra-orders-portal");
    expect(m).toContain("single client secret");
  });

  it("reports two secrets that expire together", async () => {
    const stack = replace(baselineStack(), password(1, 60, (p) => (p.endDate = password(0).props["endDate"])));
    expect(expectViolations(await runAll(clientSecretRotation, stack), "entra-orders-portal")[0]).toContain("expire together");
  });

  it("reports an inline password on an application", async () => {
    const app = webClientApp((p) => (p.password = { displayName: "inline" }));
    expect(expectViolations(await analyze(app), "entra-orders-portal")[0]).toContain("inline password");
  });

  it("uses the program clock (KIS_NOW) and the configured maximum", async () => {
    const fixed = custom(undefined, (p) => (p.endDate = "2026-03-15T00:00:00Z"));
    process.env["KIS_NOW"] = "2026-01-01T00:00:00Z";
    expect(await analyze(fixed)).toEqual([]);
    expect(expectViolations(await analyze(fixed, { maxDays: 60 }), "entra-orders-portal-secret-0")[0]).toContain("73 days from now, more than 60 days");
  });
});
