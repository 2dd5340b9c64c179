import { describe, expect, it } from "vitest";
import { describeKongLimitations, EVERY_PROTECTED_ROUTE, type KongLimitation } from "../../../../components/kong";
import { cognitoContract, entraContract, stackConfig } from "./fixtures";

const routes = stackConfig().routes;
const checksOf = (found: readonly KongLimitation[], route: string) =>
  found.filter((l) => l.route === route).map((l) => l.check);

describe("describeKongLimitations", () => {
  it("says plainly what OSS cannot check: issuer (any Entra tenant), audience, client, token type, leeway, key rotation", () => {
    const found = describeKongLimitations([entraContract()], routes, "oss");
    expect(checksOf(found, EVERY_PROTECTED_ROUTE)).toEqual(["audience", "client", "issuer", "key-rotation", "leeway", "token-type"]);
    const issuer = found.find((l) => l.check === "issuer")!;
    expect(issuer.contract).toBe("entra");
    expect(issuer.reason).toMatch(/ANY Entra tenant/);
  });

  it("names the routes whose scopes and roles OSS cannot enforce", () => {
    const found = describeKongLimitations([entraContract()], routes, "oss");
    expect(checksOf(found, "orders-read")).toEqual(["scopes"]);
    expect(checksOf(found, "orders-write")).toEqual(["roles", "scopes"]);
    expect(checksOf(found, "reports")).toEqual(["roles"]);
    expect(checksOf(found, "health")).toEqual([]);
    expect(found.find((l) => l.route === "orders-write" && l.check === "roles")!.reason).toMatch(/consumer is the identity provider/);
  });

  it("does not claim an Entra-wide issuer problem for other providers, nor an audience where there is none", () => {
    const found = describeKongLimitations([cognitoContract], routes, "oss");
    expect(found.find((l) => l.check === "issuer")!.reason).not.toMatch(/Entra/);
    expect(checksOf(found, EVERY_PROTECTED_ROUTE)).not.toContain("audience");
    expect(found.find((l) => l.check === "client")!.reason).toMatch(/binds a token to this API/);
  });

  it("records the enterprise gaps: client allow-list where the audience binds, token-type claims", () => {
    expect(describeKongLimitations([entraContract()], routes, "enterprise").map((l) => l.check)).toEqual(["client", "token-type"]);
    // Cognito: the client rule is the audience check openid-connect makes, so only token_use remains.
    expect(describeKongLimitations([cognitoContract], routes, "enterprise").map((l) => l.check)).toEqual(["token-type"]);
  });

  it("a cut-over records how tokens are steered to the second provider's routes, and nothing shared", () => {
    const found = describeKongLimitations(
      [entraContract({ name: "new" }), entraContract({ name: "old", tokenVersion: 1, leewaySeconds: 30 }), cognitoContract],
      routes,
      "enterprise",
    );
    expect(found.filter((l) => l.contract === undefined)).toEqual([]);
    const steering = found.filter((l) => l.check === "provider-selection");
    expect(steering.map((l) => l.contract)).toEqual(["cognito", "old"]);
    expect(steering[1]!.reason).toContain(`"iss":"${entraContract({ tokenVersion: 1 }).issuer}"`);
    expect(steering[1]!.reason).toMatch(/judged by new's rules/);
    // Each provider keeps its own gaps, nothing more.
    expect(found.filter((l) => l.contract === "cognito").map((l) => l.check)).toEqual(["provider-selection", "token-type"]);
    expect(found.find((l) => l.contract === "cognito" && l.check === "token-type")!.reason).toMatch(/refused by the client_id check/);
  });

  it("is empty when no route needs a token", () => {
    expect(describeKongLimitations([entraContract()], routes.filter((r) => r.anonymous), "oss")).toEqual([]);
  });
});
