import { describe, expect, it } from "vitest";
import { describeKongLimitations, EVERY_PROTECTED_ROUTE, type KongLimitation } from "../../../components/kong";
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

  it("records what a cut-over shares between the two providers", () => {
    const found = describeKongLimitations(
      [entraContract({ name: "new" }), entraContract({ name: "old", tokenVersion: 1, leewaySeconds: 30 })],
      routes,
      "enterprise",
    );
    const shared = found.filter((l) => l.contract === undefined);
    expect(shared.map((l) => l.check)).toEqual(["audience", "leeway"]);
    expect(shared[0]!.reason).toMatch(/new and old/);
  });

  it("is empty when no route needs a token", () => {
    expect(describeKongLimitations([entraContract()], routes.filter((r) => r.anonymous), "oss")).toEqual([]);
  });
});
