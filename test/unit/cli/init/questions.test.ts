import { describe, expect, it } from "vitest";
import { nearestFlag } from "../../../../cli/commands/nearest-flag";
import { normaliseTenant, QUESTIONS } from "../../../../cli/init/questions";

describe("kis init's answers as people paste them", () => {
  it.each([
    ["entra", "8D3C5A1E-2F4B-4C6D-9E7F-0A1B2C3D4E5F", "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f"],
    ["entra", "https://login.microsoftonline.com/8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f/v2.0", "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f"],
    ["okta", "https://dev-123456.okta.com", "dev-123456"],
    ["okta", "https://dev-123456-admin.okta.com/admin/dashboard", "dev-123456"],
    ["okta", "https://dev-123456.oktapreview.com/", "dev-123456.oktapreview.com"],
    ["cognito", "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbC", "eu-central-1"],
  ] as const)("%s %s -> %s, saying so", (kind, given, value) => {
    expect(normaliseTenant(kind, given)).toEqual({ value, note: expect.stringContaining(value) });
  });

  it("takes an answer as typed without a note, and refuses what is none of them with the kind's wording", () => {
    expect(normaliseTenant("okta", "dev-123456")).toEqual({ value: "dev-123456" });
    expect(normaliseTenant("okta", "https://example.com/dev-1")).toEqual({ problem: expect.stringContaining("the Okta org name such as dev-123456") });
    expect(normaliseTenant("entra", "replace-me")).toEqual({ value: "replace-me" });
  });

  it("the idp question accepts any case and the products' names", () => {
    const idp = QUESTIONS.find((q) => q.key === "idp")!;
    expect(idp.check("Okta", {})).toEqual({ value: "okta", note: 'took "Okta" as okta' });
    expect(idp.check("Microsoft Entra ID", {})).toMatchObject({ value: "entra" });
    expect(idp.check("auth0", {})).toEqual({ problem: 'expected one of entra, okta, cognito, got "auth0"' });
  });

  it("an unknown flag is matched to the nearest known one, or to none when nothing is close", () => {
    const known = ["--idp", "--env", "--tenant", "--api-name", "--kube-context"];
    expect(nearestFlag("--tennant", known)).toBe("--tenant");
    expect(nearestFlag("--apiname", known)).toBe("--api-name");
    expect(nearestFlag("--completely-different", known)).toBeUndefined();
  });
});
