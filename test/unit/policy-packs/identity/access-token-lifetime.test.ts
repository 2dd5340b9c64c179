import { describe, expect, it } from "vitest";
import { accessTokenLifetime } from "../../../../policy-packs/identity/policies";
import { CONTRACT, cognitoClient, expectViolations, oktaRule, registration, runAll } from "./fixtures";

const graphPolicy = (lifetime: string) => ({
  type: "pulumi-nodejs:dynamic/entra:TokenLifetimePolicy",
  name: "api-lifetime",
  props: { definition: [JSON.stringify({ TokenLifetimePolicy: { Version: 1, AccessTokenLifetime: lifetime } })], displayName: "api" },
});

describe("access-token-lifetime", () => {
  it("passes 60 minutes everywhere (Entra contract, Okta rule, Cognito client, Graph policy)", async () => {
    const resources = [registration(), oktaRule({ accessTokenLifetimeMinutes: 60 }), cognitoClient({ accessTokenValidity: 1, tokenValidityUnits: { accessToken: "hours" } }), graphPolicy("01:00:00")];
    expect(await runAll(accessTokenLifetime, resources)).toEqual([]);
  });

  it("reports an Entra contract lifetime of 240 minutes on the registration", async () => {
    const reg = registration({ ...CONTRACT, accessTokenLifetimeSeconds: 240 * 60 });
    const [m] = expectViolations(await runAll(accessTokenLifetime, [reg]), "entra");
    expect(m).toContain("240 min (4 h), more than the 60 min allowed");
    expect(m).toContain("identity.accessTokenLifetimeMinutes between 10 and 60");
  });

  it("reports an Entra lifetime below Entra's 10-minute minimum", async () => {
    const reg = registration({ ...CONTRACT, accessTokenLifetimeSeconds: 5 * 60 });
    expect(expectViolations(await runAll(accessTokenLifetime, [reg]), "entra")[0]).toContain("less than the IdP accepts");
  });

  it("applies a stricter production maximum from the policy config", async () => {
    expectViolations(await runAll(accessTokenLifetime, [registration()], { maxMinutes: 30 }), "entra");
  });

  it("reports an Okta rule over the maximum, and Okta's default (60) under a 30-minute maximum", async () => {
    expectViolations(await runAll(accessTokenLifetime, [oktaRule({ accessTokenLifetimeMinutes: 120 })]), "okta-rule");
    const unset = oktaRule({ accessTokenLifetimeMinutes: undefined });
    expect(await runAll(accessTokenLifetime, [unset])).toEqual([]);
    expectViolations(await runAll(accessTokenLifetime, [unset], { maxMinutes: 30 }), "okta-rule");
  });

  it("converts Cognito units: 2 hours is too long, 7200 seconds too, 120 minutes too; 3 minutes too short", async () => {
    for (const [value, unit] of [[2, "hours"], [7200, "seconds"], [120, "minutes"]] as const) {
      const client = cognitoClient({ accessTokenValidity: value, tokenValidityUnits: { accessToken: unit } });
      expect(expectViolations(await runAll(accessTokenLifetime, [client]), "cognito-portal")[0]).toContain("120 min");
    }
    const short = cognitoClient({ accessTokenValidity: 3, tokenValidityUnits: { accessToken: "minutes" } });
    expect(expectViolations(await runAll(accessTokenLifetime, [short]), "cognito-portal")[0]).toContain("Cognito app clients accept 5 minutes");
  });

  it("reads Cognito's default unit (hours) when no unit is given", async () => {
    const client = cognitoClient({ accessTokenValidity: 24, tokenValidityUnits: undefined });
    expect(expectViolations(await runAll(accessTokenLifetime, [client]), "cognito-portal")[0]).toContain("1440 min");
  });

  it("reports a Graph token lifetime policy of 1.00:00:00 and 00:05:00", async () => {
    expectViolations(await runAll(accessTokenLifetime, [graphPolicy("1.00:00:00")]), "api-lifetime");
    expect(expectViolations(await runAll(accessTokenLifetime, [graphPolicy("00:05:00")]), "api-lifetime")[0]).toContain("10 minutes");
  });
});
