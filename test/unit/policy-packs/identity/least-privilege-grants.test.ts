import { describe, expect, it } from "vitest";
import { leastPrivilegeGrants } from "../../../../policy-packs/identity/policies";
import { cognitoClient, configMap, eachOidc, expectViolations, oktaApp, oktaRule, runAll, webClientApp } from "./fixtures";

describe("least-privilege-grants", () => {
  it("passes the generated stack and code/client-credentials registrations", async () => {
    expect(await runAll(leastPrivilegeGrants, [configMap(), webClientApp(), oktaApp(), oktaRule(), cognitoClient()])).toEqual([]);
  });

  it("reports Entra implicit grant (access and ID tokens)", async () => {
    const app = webClientApp((p) => (p.web.implicitGrant = { accessTokenIssuanceEnabled: true, idTokenIssuanceEnabled: true }));
    const messages = expectViolations(await runAll(leastPrivilegeGrants, [app]), "entra-orders-portal", 2);
    expect(messages[0]).toContain("accessTokenIssuanceEnabled is true");
  });

  it("reports implicit and password grants at Okta and Cognito, and token response types", async () => {
    expect(expectViolations(await runAll(leastPrivilegeGrants, [oktaApp({ grantTypes: ["implicit"] })]), "okta-portal")[0]).toContain('"implicit"');
    expectViolations(await runAll(leastPrivilegeGrants, [oktaApp({ responseTypes: ["code", "token"] })]), "okta-portal");
    expectViolations(await runAll(leastPrivilegeGrants, [oktaRule({ grantTypeWhitelists: ["password"] })]), "okta-rule");
    expectViolations(await runAll(leastPrivilegeGrants, [cognitoClient({ allowedOauthFlows: ["code", "implicit"] })]), "cognito-portal");
  });

  it("accepts the token response type Okta requires on a client-credentials-only service app", async () => {
    const service = oktaApp({ type: "service", grantTypes: ["client_credentials"], responseTypes: ["token"] });
    expect(await runAll(leastPrivilegeGrants, [service])).toEqual([]);
    const mixed = oktaApp({ grantTypes: ["client_credentials", "authorization_code"], responseTypes: ["token"] });
    expectViolations(await runAll(leastPrivilegeGrants, [mixed]), "okta-portal");
  });

  it("reports wildcard scope lists", async () => {
    expect(expectViolations(await runAll(leastPrivilegeGrants, [oktaRule({ scopeWhitelists: ["*"] })]), "okta-rule")[0]).toContain("wildcard");
  });

  it("reports an anonymous consumer on protected routes", async () => {
    const cm = configMap((d) => eachOidc(d, (c) => (c.anonymous = "guest")));
    const [m] = expectViolations(await runAll(leastPrivilegeGrants, [cm]), "kong-config");
    expect(m).toContain('anonymous consumer "guest"');
    expect(m).toContain("routes orders-read, orders-write, reports");
  });

  it("reports auth methods other than bearer, and unset auth_methods (all nine)", async () => {
    const extra = configMap((d) => eachOidc(d, (c) => (c.auth_methods = ["bearer", "session"])));
    expect(expectViolations(await runAll(leastPrivilegeGrants, [extra]), "kong-config")[0]).toContain('"session"');
    const unset = configMap((d) => eachOidc(d, (c) => delete c.auth_methods));
    expect(expectViolations(await runAll(leastPrivilegeGrants, [unset]), "kong-config")[0]).toContain("all nine methods");
  });
});
