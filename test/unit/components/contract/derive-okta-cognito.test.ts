import { describe, expect, it } from "vitest";
import { cognitoIssuer, deriveCognitoContract, deriveOktaContract } from "../../../../components/contract";

const okta = (over: Partial<Parameters<typeof deriveOktaContract>[0]> = {}) =>
  deriveOktaContract({
    name: "okta",
    issuer: "https://dev-123456.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9",
    audience: "api://orders-api",
    clientIds: ["0oa1billing00000000", "0oa1portal000000000"],
    groupsClaim: "groups",
    authServerId: "aus1a2b3c4d5e6f7g8h9",
    scopeNames: ["orders.read", "orders.write"],
    accessGroups: ["orders-readers"],
    leewaySeconds: 60,
    accessTokenLifetimeSeconds: 1800,
    ...over,
  });

const cognito = (over: Partial<Parameters<typeof deriveCognitoContract>[0]> = {}) =>
  deriveCognitoContract({
    name: "cognito",
    userPoolEndpoint: "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
    resourceServerIdentifier: "orders-api",
    clientIds: ["4p1ccl13nt1d0000000000000a"],
    scopeNames: ["orders.read"],
    accessGroups: ["orders-readers"],
    leewaySeconds: 30,
    accessTokenLifetimeSeconds: 3600,
    ...over,
  });

describe("deriveOktaContract", () => {
  it("takes the issuer as given and derives discovery and JWKS from it", () => {
    const c = okta();
    expect(c.issuer).toBe("https://dev-123456.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9");
    expect(c.discoveryUrl).toBe("https://dev-123456.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9/.well-known/openid-configuration");
    expect(c.jwksUri).toBe("https://dev-123456.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9/v1/keys");
  });

  it("maps Okta's access-token claims: aud, cid, scp (array), the configured groups claim", () => {
    const c = okta({ groupsClaim: "kis_groups" });
    expect(c.audience).toEqual({ claim: "aud", values: ["api://orders-api"] });
    expect(c.clients).toEqual({ claim: "cid", values: ["0oa1billing00000000", "0oa1portal000000000"] });
    expect(c.scopes).toEqual({ claim: "scp", shape: "array", valuePrefix: "" });
    expect(c.groups).toEqual({ claim: "kis_groups", shape: "array" });
    expect(c).toMatchObject({ provider: "okta", algorithms: ["RS256"], leewaySeconds: 60, accessTokenLifetimeSeconds: 1800, tokenType: [] });
  });

  it("follows a custom-domain issuer (issuerMode CUSTOM_URL) without rebuilding it", () => {
    const c = okta({ issuer: "https://login.example.com/oauth2/aus9" });
    expect(c.jwksUri).toBe("https://login.example.com/oauth2/aus9/v1/keys");
  });

  it("refuses an issuer with a trailing slash rather than silently changing it", () => {
    expect(() => okta({ issuer: "https://dev-1.okta.com/oauth2/aus9/" })).toThrow(/ends with a slash/);
  });
});

describe("deriveCognitoContract", () => {
  it("issuer is https:// + the pool endpoint; JWKS and discovery hang off it", () => {
    const c = cognito();
    expect(c.issuer).toBe("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123");
    expect(c.jwksUri).toBe("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/jwks.json");
    expect(c.discoveryUrl).toBe("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/openid-configuration");
    expect(c.details).toEqual({ region: "eu-west-1", userPoolId: "eu-west-1_AbCdEf123", identifier: "orders-api", issuerHost: "cognito-idp" });
  });

  it("issuerHost issuer-cognito-idp: the pool's other documented issuer, and its JWKS and discovery, instead of (never beside) the classic one", () => {
    const c = cognito({ issuerHost: "issuer-cognito-idp" });
    expect(c.issuer).toBe("https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123");
    expect(c.jwksUri).toBe("https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/jwks.json");
    expect(c.discoveryUrl).toBe("https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/openid-configuration");
    expect(c.details["issuerHost"]).toBe("issuer-cognito-idp");
  });

  it("has no audience: client_id binds the token, token_use must be access; scopes carry the identifier", () => {
    const c = cognito({ resourceServerIdentifier: "https://api.example.com" });
    expect(c.audience).toBeUndefined();
    expect(c.clients).toEqual({ claim: "client_id", values: ["4p1ccl13nt1d0000000000000a"] });
    expect(c.tokenType.map((t) => [t.claim, t.value])).toEqual([["token_use", "access"]]);
    expect(c.scopes).toEqual({ claim: "scope", shape: "space-delimited-string", valuePrefix: "https://api.example.com/" });
    expect(c.groups).toEqual({ claim: "cognito:groups", shape: "array" });
  });

  it.each(["https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X", "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X/"])(
    "refuses an endpoint that is not scheme-less and slash-free: %s",
    (endpoint) => {
      expect(() => cognitoIssuer(endpoint)).toThrow(/not of the form cognito-idp/);
    },
  );
});
