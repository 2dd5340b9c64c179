import { describe, expect, it } from "vitest";
import { entraContract } from "../../components/kong/fixtures";
import { applyTokenValidationOverride } from "../../../../components/kong";
import { issuerConsistency } from "../../../../policy-packs/identity/policies";
import { CONTRACT, TENANT_ID, apiApp, baselineStack, configMap, eachOidc, expectViolations, registration, replace, runAll } from "./fixtures";

const V1 = `https://sts.windows.net/${TENANT_ID}/`;
const V2 = `https://login.microsoftonline.com/${TENANT_ID}/v2.0`;

/** The stack with Kong built from the contracts after a kong.tokenValidationOverride. */
const withOverride = (override: Parameters<typeof applyTokenValidationOverride>[1]) =>
  replace(baselineStack(), configMap(undefined, applyTokenValidationOverride([CONTRACT], override)));

describe("issuer-consistency", () => {
  it("passes the generated stack: Kong's issuer, discovery and JWKS are the registration's", async () => {
    expect(await runAll(issuerConsistency, baselineStack())).toEqual([]);
  });

  it("passes a v1 registration with a v1 API application", async () => {
    const v1 = entraContract({ tokenVersion: 1 });
    const stack = [registration(v1), apiApp((p) => (p.api.requestedAccessTokenVersion = 1)), configMap(undefined, [v1])];
    expect(await runAll(issuerConsistency, stack)).toEqual([]);
  });

  it("reports a v1 issuer at Kong with a v2 app: not produced, and every token would be rejected", async () => {
    const messages = expectViolations(await runAll(issuerConsistency, withOverride({ issuer: V1 })), "kong-config", 2);
    expect(messages[0]).toContain(`Kong accepts issuer "${V1}", which no IdP registration in this stack produces`);
    expect(messages[0]).toContain("same Entra tenant, other token version");
    expect(messages[1]).toContain(`API application "entra-api" requests v2 access tokens, whose iss is "${V2}"`);
  });

  it("reports a v2 issuer with a v1 API application", async () => {
    const stack = replace(baselineStack(), apiApp((p) => (p.api.requestedAccessTokenVersion = 1)));
    const [m] = expectViolations(await runAll(issuerConsistency, stack), "kong-config");
    expect(m).toContain("requests v1 access tokens");
  });

  it("reports a foreign tenant's issuer and a trailing-slash variant", async () => {
    const foreign = "https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/v2.0";
    expect(expectViolations(await runAll(issuerConsistency, withOverride({ issuer: foreign })), "kong-config")[0]).toContain(foreign);
    const slash = expectViolations(await runAll(issuerConsistency, withOverride({ issuer: `${V2}/` })), "kong-config")[0];
    expect(slash).toContain("differs only by a trailing slash");
  });

  it("reports a discovery URL that does not belong to the accepted issuer", async () => {
    const other = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";
    const [m] = expectViolations(await runAll(issuerConsistency, withOverride({ discoveryUrl: other })), "kong-config");
    expect(m).toContain(`discovery URL "${other}" does not belong to issuer "${V2}"`);
  });

  it("reports extra JWKS URLs of no accepted issuer", async () => {
    const stack = replace(baselineStack(), configMap((d) => eachOidc(d, (c) => (c.extra_jwks_uris = ["https://evil.example.com/keys"]))));
    expect(expectViolations(await runAll(issuerConsistency, stack), "kong-config")[0]).toContain("extra_jwks_uris");
  });

  it("reports a Kong config whose discovery URL belongs to no registration when issuers_allowed is absent", async () => {
    const stack = replace(
      baselineStack(),
      configMap((d) =>
        eachOidc(d, (c) => {
          delete c.issuers_allowed;
          c.issuer = "https://idp.example.com/.well-known/openid-configuration";
        }),
      ),
    );
    expect(expectViolations(await runAll(issuerConsistency, stack), "kong-config")[0]).toContain("names no issuers_allowed");
  });

  it("finds the produced issuers from the contracts the top-level component exports when no registration does", async () => {
    const stack = baselineStack().map((r) => (r.name === "entra" ? { ...r, type: "kong-identity-stack:index:IdentityEdge", props: { contracts: [CONTRACT] } } : r));
    expect(await runAll(issuerConsistency, stack)).toEqual([]);
  });
});
