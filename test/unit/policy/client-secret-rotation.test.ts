import { afterEach, describe, expect, it } from "vitest";
import { clientSecretRotation } from "../../../policy-packs/identity/policies";
import { runResourcePolicy } from "../../support/policy-harness";
import { baselineStack, expectViolations, password, replace, runAll, webClientApp } from "./fixtures";

/** One resource, as Analyze sees it (the stack half would add "single client secret"). */
const analyze = (fixture: Parameters<typeof runResourcePolicy>[1], config: object = {}) => runResourcePolicy(clientSecretRotation, fixture, config);

describe("client-secret-rotation", () => {
  afterEach(() => {
    delete process.env["KIS_NOW"];
  });

  it("passes two staggered, rotating secrets within 90 days", async () => {
    expect(await runAll(clientSecretRotation, baselineStack())).toEqual([]);
  });

  it("reports a secret valid for 120 days, naming the date and the config key", async () => {
    const stack = replace(baselineStack(), password(1, 120));
    const [m] = expectViolations(await runAll(clientSecretRotation, stack), "entra-orders-portal-secret-1");
    expect(m).toMatch(/120 days from now, more than 90 days/);
    expect(m).toContain("identity.secretLifetimeDays to at most 90");
  });

  it("reports a secret without endDate (the provider's two-year default) and one without rotation", async () => {
    const noEnd = password(0, 30, (p) => delete p.endDate);
    const noRotate = password(1, 60, (p) => delete p.rotateWhenChanged);
    const messages = [
      ...expectViolations(await analyze(noEnd), "entra-orders-portal-secret-0"),
      ...expectViolations(await analyze(noRotate), "entra-orders-portal-secret-1"),
    ];
    expect(messages[0]).toContain("provider default of two years");
    expect(messages[1]).toContain("never replaced");
  });

  it("reads endDateRelative", async () => {
    const relative = password(0, 30, (p) => {
      delete p.endDate;
      p.endDateRelative = "2880h";
    });
    expect(expectViolations(await analyze(relative), "entra-orders-portal-secret-0")[0]).toContain("120 days");
  });

  it("reports a client with a single secret (no overlap), on the client application", async () => {
    const stack = baselineStack().filter((r) => r.name !== "entra-orders-portal-secret-1");
    const [m] = expectViolations(await runAll(clientSecretRotation, stack), "entra-orders-portal");
    expect(m).toContain("single client secret");
  });

  it("reports two secrets that expire together", async () => {
    const stack = replace(baselineStack(), password(1, 30));
    expect(expectViolations(await runAll(clientSecretRotation, stack), "entra-orders-portal")[0]).toContain("expire together");
  });

  it("reports an inline password on an application", async () => {
    const app = webClientApp((p) => (p.password = { displayName: "inline" }));
    expect(expectViolations(await analyze(app), "entra-orders-portal")[0]).toContain("inline password");
  });

  it("uses the program clock (KIS_NOW) and the configured maximum", async () => {
    const fixed = password(0, 0, (p) => (p.endDate = "2026-03-15T00:00:00Z"));
    process.env["KIS_NOW"] = "2026-01-01T00:00:00Z";
    expect(await analyze(fixed)).toEqual([]);
    expect(expectViolations(await analyze(fixed, { maxDays: 60 }), "entra-orders-portal-secret-0")[0]).toContain(
      "73 days from now, more than 60 days",
    );
  });
});
