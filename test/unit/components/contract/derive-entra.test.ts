import { describe, expect, it } from "vitest";
import { deriveEntraContract, entraDiscoveryUrl, entraIssuer, entraJwksUri, type EntraContractInputs } from "../../../../components/contract";

const TENANT = "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f";
const API = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const CLIENTS = ["6ba7b810-9dad-41d1-80b4-00c04fd430c8", "7c9e6679-7425-40de-944b-e07fc1f90ae7"];

const inputs = (over: Partial<EntraContractInputs> = {}): EntraContractInputs => ({
  name: "entra",
  tenantId: TENANT,
  apiClientId: API,
  identifierUri: `api://${API}`,
  clientIds: CLIENTS,
  tokenVersion: 2,
  scopeNames: ["orders.read", "orders.write"],
  accessGroups: ["orders-readers", "orders-admins"],
  leewaySeconds: 60,
  accessTokenLifetimeSeconds: 3600,
  ...over,
});

describe("deriveEntraContract", () => {
  it.each([
    {
      version: 2 as const,
      issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      discoveryUrl: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
      jwksUri: `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
      audiences: [API],
      clientClaim: "azp",
      ver: "2.0",
    },
    {
      version: 1 as const,
      // v1: another host, and the trailing slash is part of the issuer.
      issuer: `https://sts.windows.net/${TENANT}/`,
      discoveryUrl: `https://login.microsoftonline.com/${TENANT}/.well-known/openid-configuration`,
      jwksUri: `https://login.microsoftonline.com/${TENANT}/discovery/keys`,
      audiences: [API, `api://${API}`],
      clientClaim: "appid",
      ver: "1.0",
    },
  ])("v$version tokens: issuer, discovery, audience, client claim and ver", (row) => {
    const c = deriveEntraContract(inputs({ tokenVersion: row.version }));
    expect(c.issuer).toBe(row.issuer);
    expect(c.discoveryUrl).toBe(row.discoveryUrl);
    expect(c.jwksUri).toBe(row.jwksUri);
    expect(c.audience).toEqual({ claim: "aud", values: row.audiences });
    expect(c.clients).toEqual({ claim: row.clientClaim, values: CLIENTS });
    expect(c.tokenType).toEqual([expect.objectContaining({ claim: "ver", value: row.ver })]);
    expect(c.tokenType[0]!.reason).toContain("requestedAccessTokenVersion");
    expect(c.details).toEqual({ tenantId: TENANT, tokenVersion: row.version, apiClientId: API, identifierUri: `api://${API}` });
  });

  it("the helper functions agree with the contract", () => {
    for (const v of [1, 2] as const) {
      const c = deriveEntraContract(inputs({ tokenVersion: v }));
      expect([c.issuer, c.discoveryUrl, c.jwksUri]).toEqual([entraIssuer(TENANT, v), entraDiscoveryUrl(TENANT, v), entraJwksUri(TENANT, v)]);
    }
  });

  it("v2 discovery lives under the issuer (so Kong's issuer setting and iss agree)", () => {
    const c = deriveEntraContract(inputs());
    expect(c.discoveryUrl).toBe(`${c.issuer}/.well-known/openid-configuration`);
  });

  it("maps Entra's claims: scp is a space-separated string, roles an array, RS256 only, subject in sub", () => {
    const c = deriveEntraContract(inputs());
    expect(c.provider).toBe("entra");
    expect(c.scopes).toEqual({ claim: "scp", shape: "space-delimited-string", valuePrefix: "" });
    expect(c.groups).toEqual({ claim: "roles", shape: "array" });
    expect(c.algorithms).toEqual(["RS256"]);
    expect(c.subjectClaim).toBe("sub");
  });

  it("carries names, groups, leeway and lifetime through unchanged", () => {
    const c = deriveEntraContract(inputs({ name: "entra-next", leewaySeconds: 120, accessTokenLifetimeSeconds: 1800 }));
    expect(c).toMatchObject({
      name: "entra-next",
      scopeNames: ["orders.read", "orders.write"],
      accessGroups: ["orders-readers", "orders-admins"],
      leewaySeconds: 120,
      accessTokenLifetimeSeconds: 1800,
    });
  });

  it("copies input lists, so later changes to the inputs do not leak into the contract", () => {
    const clientIds = [...CLIENTS];
    const scopeNames = ["orders.read"];
    const c = deriveEntraContract(inputs({ clientIds, scopeNames }));
    clientIds.push("intruder");
    scopeNames.push("extra");
    expect(c.clients.values).toEqual(CLIENTS);
    expect(c.scopeNames).toEqual(["orders.read"]);
  });

  it("is plain JSON (it is passed to Kong, ZPA, F5 and the CLI as data)", () => {
    const c = deriveEntraContract(inputs());
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});
