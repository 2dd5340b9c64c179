import { describe, expect, it } from "vitest";
import { refreshTokenLifetime } from "../../../../policy-packs/identity/policies";
import { cognitoClient, expectViolations, oktaRule, runAll } from "./fixtures";

describe("refresh-token-lifetime", () => {
  it("passes bounded refresh tokens (Okta 1 day, Cognito 1 day)", async () => {
    expect(await runAll(refreshTokenLifetime, [oktaRule(), cognitoClient()])).toEqual([]);
  });

  it("reports an unlimited Okta refresh token (unset or 0)", async () => {
    for (const value of [undefined, 0]) {
      const [m] = expectViolations(await runAll(refreshTokenLifetime, [oktaRule({ refreshTokenLifetimeMinutes: value })]), "okta-rule");
      expect(m).toContain("never expire");
    }
  });

  it("reports an Okta lifetime over the maximum and a window longer than the lifetime", async () => {
    expectViolations(await runAll(refreshTokenLifetime, [oktaRule({ refreshTokenLifetimeMinutes: 20_000 })]), "okta-rule");
    const window = oktaRule({ refreshTokenLifetimeMinutes: 600, refreshTokenWindowMinutes: 900 });
    expect(expectViolations(await runAll(refreshTokenLifetime, [window]), "okta-rule")[0]).toContain("refreshTokenWindowMinutes");
  });

  it("ignores client-credentials-only rules and clients (no refresh tokens)", async () => {
    expect(await runAll(refreshTokenLifetime, [oktaRule({ grantTypeWhitelists: ["client_credentials"], refreshTokenLifetimeMinutes: undefined })])).toEqual([]);
    expect(await runAll(refreshTokenLifetime, [cognitoClient({ allowedOauthFlows: ["client_credentials"], refreshTokenValidity: 3650 })])).toEqual([]);
  });

  it("reports Cognito's 30-day default and converts units", async () => {
    const byDefault = cognitoClient({ refreshTokenValidity: undefined, tokenValidityUnits: undefined });
    expect(expectViolations(await runAll(refreshTokenLifetime, [byDefault]), "cognito-portal")[0]).toContain("30 days");
    const inHours = cognitoClient({ refreshTokenValidity: 200, tokenValidityUnits: { refreshToken: "hours" } });
    expectViolations(await runAll(refreshTokenLifetime, [inHours]), "cognito-portal");
    const tooShort = cognitoClient({ refreshTokenValidity: 30, tokenValidityUnits: { refreshToken: "minutes" } });
    expect(expectViolations(await runAll(refreshTokenLifetime, [tooShort]), "cognito-portal")[0]).toContain("60 minutes");
  });

  it("takes the maximum from the policy config", async () => {
    expectViolations(await runAll(refreshTokenLifetime, [oktaRule()], { maxMinutes: 600 }), "okta-rule");
  });
});
