import { describe, expect, it } from "vitest";
import { redirectUrisHttps } from "../../../../policy-packs/identity/policies";
import { cognitoClient, expectViolations, oktaApp, runAll, webClientApp } from "./fixtures";

const prodUrn = (type: string, name: string) => `urn:pulumi:prod::kong-identity-stack::${type}::${name}`;

describe("redirect-uris-https", () => {
  it("passes https and http://localhost outside production", async () => {
    expect(await runAll(redirectUrisHttps, [webClientApp(), oktaApp(), cognitoClient()])).toEqual([]);
  });

  it("reports a plain-http redirect URI with the https fix", async () => {
    const app = webClientApp((p) => p.web.redirectUris.push("http://portal.example.com/cb"));
    const [m] = expectViolations(await runAll(redirectUrisHttps, [app]), "entra-orders-portal");
    expect(m).toContain('web.redirectUris "http://portal.example.com/cb" uses http');
    expect(m).toContain("use https://portal.example.com/cb");
  });

  it("reports http://localhost in production: by policy config, and by the stack name", async () => {
    expectViolations(await runAll(redirectUrisHttps, [webClientApp()], { production: true }), "entra-orders-portal");
    const app = webClientApp();
    const inProd = { ...app, urn: prodUrn(app.type, app.name) };
    const [m] = expectViolations(await runAll(redirectUrisHttps, [inProd]), "entra-orders-portal");
    expect(m).toContain("localhost URI in a production stack");
    expect(await runAll(redirectUrisHttps, [inProd], { production: false })).toEqual([]);
  });

  it("reports wildcards (Entra, Cognito) and Okta's wildcardRedirect", async () => {
    const app = webClientApp((p) => (p.web.redirectUris = ["https://*.example.com/cb"]));
    expect(expectViolations(await runAll(redirectUrisHttps, [app]), "entra-orders-portal")[0]).toContain("wildcard");
    const client = cognitoClient({ callbackUrls: ["https://portal.example.com/*"] });
    expectViolations(await runAll(redirectUrisHttps, [client]), "cognito-portal");
    const okta = oktaApp({ wildcardRedirect: "SUBDOMAIN" });
    expect(expectViolations(await runAll(redirectUrisHttps, [okta]), "okta-portal")[0]).toContain('"DISABLED"');
  });

  it("reads SPA and public-client URIs, Okta post-logout and Cognito logout URLs", async () => {
    const app = webClientApp((p) => {
      p.singlePageApplication = { redirectUris: ["http://spa.example.com/"] };
      p.publicClient = { redirectUris: ["myapp://callback"] };
    });
    expectViolations(await runAll(redirectUrisHttps, [app]), "entra-orders-portal", 2);
    expectViolations(await runAll(redirectUrisHttps, [oktaApp({ postLogoutRedirectUris: ["http://portal.example.com/bye"] })]), "okta-portal");
    expectViolations(await runAll(redirectUrisHttps, [cognitoClient({ logoutUrls: ["http://portal.example.com/bye"] })]), "cognito-portal");
  });
});
