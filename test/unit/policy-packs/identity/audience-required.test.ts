import { describe, expect, it } from "vitest";
import { audienceRequired } from "../../../../policy-packs/identity/policies";
import { cognitoContract } from "../../components/kong/fixtures";
import {
  CONTRACT,
  apiApp,
  baselineStack,
  cognitoClient,
  cognitoServer,
  configMap,
  eachOidc,
  expectViolations,
  identifierUri,
  oktaServer,
  registration,
  replace,
  runAll,
} from "./fixtures";

describe("audience-required", () => {
  it("passes the generated Entra + Kong stack and declared Okta/Cognito audiences", async () => {
    expect(await runAll(audienceRequired, [...baselineStack(), oktaServer(), cognitoServer(), cognitoClient()])).toEqual([]);
  });

  it("reports an Entra API application without requestedAccessTokenVersion (v1 by default)", async () => {
    const app = apiApp((p) => delete p.api.requestedAccessTokenVersion);
    const [m] = expectViolations(await runAll(audienceRequired, [app, identifierUri()]), "entra-api");
    expect(m).toContain("Entra issues v1 tokens");
  });

  it("accepts token version 1 when chosen explicitly", async () => {
    expect(await runAll(audienceRequired, [apiApp((p) => (p.api.requestedAccessTokenVersion = 1)), identifierUri()])).toEqual([]);
  });

  it("reports an Entra API application without an identifier URI (stack check)", async () => {
    const stack = baselineStack().filter((r) => r.name !== "entra-api-uri");
    expect(expectViolations(await runAll(audienceRequired, stack), "entra-api")[0]).toContain("no identifier URI");
  });

  it("reports Kong routes that require an audience no registration produces (wrong audience)", async () => {
    const stack = replace(baselineStack(), configMap((d) => eachOidc(d, (c) => (c.audience_required = ["api://orders-api"]))));
    const [m] = expectViolations(await runAll(audienceRequired, stack), "kong-config");
    expect(m).toContain('require audience "api://orders-api", which no IdP registration in this stack produces');
    expect(m).toContain(CONTRACT.audience!.values[0]);
  });

  it("accepts Cognito's client ids as the binding when the contract has no audience", async () => {
    const stack = [registration(cognitoContract, "cognito"), configMap(undefined, [cognitoContract])];
    expect(await runAll(audienceRequired, stack)).toEqual([]);
  });

  it("reports routes without audience_required or with verify_claims off", async () => {
    const none = configMap((d) => eachOidc(d, (c) => (c.audience_required = [])));
    expect(expectViolations(await runAll(audienceRequired, [none]), "kong-config")[0]).toContain("requires no audience");
    const off = configMap((d) => eachOidc(d, (c) => (c.verify_claims = false)));
    expectViolations(await runAll(audienceRequired, [off]), "kong-config");
  });

  it("reports the OSS jwt plugin in production only", async () => {
    const oss = configMap((d) => {
      for (const s of d.services) for (const r of s.routes) r.plugins = r.plugins.map((p: any) => (p.name === "openid-connect" ? { name: "jwt", config: {} } : p));
    });
    expect(await runAll(audienceRequired, [oss])).toEqual([]);
    expect(expectViolations(await runAll(audienceRequired, [oss], { production: true }), "kong-config")[0]).toContain("kong.edition: enterprise");
  });

  it("reports Okta servers with no, several or wildcard audiences", async () => {
    expectViolations(await runAll(audienceRequired, [oktaServer({ audiences: [] })]), "okta-server");
    expect(expectViolations(await runAll(audienceRequired, [oktaServer({ audiences: ["a", "b"] })]), "okta-server")[0]).toContain("supports one");
    expectViolations(await runAll(audienceRequired, [oktaServer({ audiences: ["*"] })]), "okta-server");
  });

  it("reports a Cognito resource server without identifier and a client-credentials client without its scopes", async () => {
    expectViolations(await runAll(audienceRequired, [cognitoServer({ identifier: "" })]), "cognito-api");
    const client = cognitoClient({ allowedOauthFlows: ["client_credentials"], allowedOauthScopes: ["openid"] });
    expect(expectViolations(await runAll(audienceRequired, [client]), "cognito-portal")[0]).toContain("resource-server scope");
  });
});
