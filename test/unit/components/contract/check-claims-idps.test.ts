import { describe, expect, it } from "vitest";
import {
  checkClaims,
  deriveCognitoContract,
  deriveEntraContract,
  deriveOktaContract,
  type JwtClaims,
  type JwtHeader,
  type RouteAuthRequirements,
} from "../../../../components/contract";

/**
 * checkClaims against each IdP's documented access-token shape (VENDOR-FACTS.md): Okta custom authorization
 * server tokens, Cognito access and ID tokens, Entra v1/v2, and a cut-over that trusts two IdPs at once.
 */
const NOW = 1_750_000_000;
const RS256: JwtHeader = { alg: "RS256", typ: "JWT", kid: "k1" };
const WRITE: RouteAuthRequirements = { name: "orders-write", scopes: ["orders.write"], roles: ["orders-admins"], anonymous: false };
const REPORTS: RouteAuthRequirements = { name: "orders-reports", scopes: [], roles: ["orders-readers", "orders-admins"], anonymous: false };
const READ: RouteAuthRequirements = { name: "orders-read", scopes: ["orders.read"], roles: [], anonymous: false };

const TENANT = "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f";
const ENTRA_API = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const ENTRA_CLIENT = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";
const ENTRA = deriveEntraContract({
  name: "entra",
  tenantId: TENANT,
  apiClientId: ENTRA_API,
  identifierUri: `api://${ENTRA_API}`,
  clientIds: [ENTRA_CLIENT],
  tokenVersion: 2,
  scopeNames: ["orders.read", "orders.write"],
  accessGroups: ["orders-readers", "orders-admins"],
  leewaySeconds: 60,
  accessTokenLifetimeSeconds: 3600,
});
const ENTRA_V1 = deriveEntraContract({
  name: "entra-v1",
  tenantId: TENANT,
  apiClientId: ENTRA_API,
  identifierUri: `api://${ENTRA_API}`,
  clientIds: [ENTRA_CLIENT],
  tokenVersion: 1,
  scopeNames: ["orders.read", "orders.write"],
  accessGroups: ["orders-readers", "orders-admins"],
  leewaySeconds: 60,
  accessTokenLifetimeSeconds: 3600,
});

const OKTA_ISS = "https://dev-123456.okta.com/oauth2/aus1a2b3c4d5e6f7g8h9";
const OKTA_PORTAL = "0oa1portal000000000";
const OKTA_BILLING = "0oa1billing00000000";
const OKTA = deriveOktaContract({
  name: "okta",
  issuer: OKTA_ISS,
  audience: "api://orders-api",
  clientIds: [OKTA_BILLING, OKTA_PORTAL],
  groupsClaim: "groups",
  authServerId: "aus1a2b3c4d5e6f7g8h9",
  scopeNames: ["orders.read", "orders.write"],
  accessGroups: ["orders-readers", "orders-admins"],
  leewaySeconds: 60,
  accessTokenLifetimeSeconds: 3600,
});

const POOL = "eu-west-1_AbCdEf123";
const COGNITO_ISS = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
const COGNITO_PORTAL = "4p1ccl13nt1d0000000000000a";
const COGNITO_BILLING = "5b1ll1ngcl13nt00000000000b";
const COGNITO = deriveCognitoContract({
  name: "cognito",
  userPoolEndpoint: `cognito-idp.eu-west-1.amazonaws.com/${POOL}`,
  resourceServerIdentifier: "orders-api",
  clientIds: [COGNITO_PORTAL, COGNITO_BILLING],
  scopeNames: ["orders.read", "orders.write"],
  accessGroups: ["orders-readers", "orders-admins"],
  leewaySeconds: 60,
  accessTokenLifetimeSeconds: 3600,
});

const times = { iat: NOW - 30, exp: NOW + 3000 };

/** An Okta custom-authorization-server access token of a user signed in to the portal (authorization code). */
const oktaUserToken = (over: Record<string, unknown> = {}): JwtClaims => ({
  ver: 1,
  jti: "AT.x",
  iss: OKTA_ISS,
  aud: "api://orders-api",
  cid: OKTA_PORTAL,
  uid: "00u1user",
  sub: "alice@example.com",
  scp: ["openid", "orders.read", "orders.write"],
  groups: ["orders-admins"],
  ...times,
  ...over,
});
/** Okta client credentials: sub is the client id, no uid and no groups. */
const oktaServiceToken = (over: Record<string, unknown> = {}): JwtClaims => ({
  ver: 1,
  jti: "AT.y",
  iss: OKTA_ISS,
  aud: "api://orders-api",
  cid: OKTA_BILLING,
  sub: OKTA_BILLING,
  scp: ["orders.read"],
  ...times,
  ...over,
});
/** A Cognito access token of a user (authorization code): client_id, token_use access, no aud. */
const cognitoAccessToken = (over: Record<string, unknown> = {}): JwtClaims => ({
  sub: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  "cognito:groups": ["orders-admins"],
  iss: COGNITO_ISS,
  version: 2,
  client_id: COGNITO_PORTAL,
  origin_jti: "o",
  token_use: "access",
  scope: "openid orders-api/orders.read orders-api/orders.write",
  auth_time: NOW - 60,
  jti: "j",
  username: "alice",
  ...times,
  ...over,
});
/** The ID token Cognito issues in the same sign-in: aud = client id, token_use id, no client_id or scope. */
const cognitoIdToken = (): JwtClaims => ({
  sub: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  "cognito:groups": ["orders-admins"],
  iss: COGNITO_ISS,
  aud: COGNITO_PORTAL,
  token_use: "id",
  auth_time: NOW - 60,
  "cognito:username": "alice",
  email: "alice@example.com",
  ...times,
});
/** Cognito client credentials: sub = client id, no groups. */
const cognitoServiceToken = (over: Record<string, unknown> = {}): JwtClaims => ({
  sub: COGNITO_BILLING,
  iss: COGNITO_ISS,
  version: 2,
  client_id: COGNITO_BILLING,
  token_use: "access",
  scope: "orders-api/orders.read",
  jti: "j2",
  ...times,
  ...over,
});
const entraToken = (over: Record<string, unknown> = {}): JwtClaims => ({
  iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
  aud: ENTRA_API,
  azp: ENTRA_CLIENT,
  ver: "2.0",
  sub: "s",
  scp: "orders.read orders.write",
  roles: ["orders-admins"],
  ...times,
  ...over,
});
const entraV1Token = (over: Record<string, unknown> = {}): JwtClaims => {
  const { azp: _azp, ...rest } = entraToken({ iss: `https://sts.windows.net/${TENANT}/`, ver: "1.0", appid: ENTRA_CLIENT, aud: `api://${ENTRA_API}`, ...over });
  return rest;
};

const codes = (contracts: Parameters<typeof checkClaims>[0], claims: JwtClaims, route?: RouteAuthRequirements) =>
  checkClaims(contracts, claims, { header: RS256, route, now: NOW }).map((r) => r.code);
const messages = (contracts: Parameters<typeof checkClaims>[0], claims: JwtClaims, route?: RouteAuthRequirements) =>
  checkClaims(contracts, claims, { header: RS256, route, now: NOW }).map((r) => r.message);

describe("checkClaims: Okta access tokens", () => {
  it("accepts a user token with aud, cid, scp as an array and the groups claim", () => {
    expect(codes(OKTA, oktaUserToken(), WRITE)).toEqual([]);
  });

  it("accepts a client-credentials token on a scope route", () => {
    expect(codes(OKTA, oktaServiceToken(), READ)).toEqual([]);
  });

  it("a client-credentials token has no groups, so a role route rejects it", () => {
    expect(codes(OKTA, oktaServiceToken(), REPORTS)).toEqual(["role"]);
    expect(messages(OKTA, oktaServiceToken(), REPORTS)[0]).toContain("in groups; the token has none");
  });

  it.each([
    ["a scope missing from scp", { scp: ["orders.read"] }, WRITE, ["scope"]],
    ["scp as a space-separated string is read as one value, not split", { scp: "orders.read orders.write" }, WRITE, ["scope"]],
    ["a client that is not registered", { cid: "0oaSTRANGER" }, undefined, ["client"]],
    ["the audience of another authorization server", { aud: "api://default" }, undefined, ["audience"]],
    ["Entra's client claim instead of cid", { cid: undefined, azp: OKTA_PORTAL }, undefined, ["client"]],
    ["an expired token", { exp: NOW - 120 }, undefined, ["expired"]],
  ] as const)("rejects %s", (_name, over, route, expected) => {
    expect(codes(OKTA, oktaUserToken(over), route)).toEqual(expected);
  });

  it("an ID token (aud = the client id) is rejected by audience", () => {
    const idToken = { ...oktaUserToken(), aud: OKTA_PORTAL, cid: undefined, scp: undefined };
    expect(codes(OKTA, idToken)).toEqual(["audience", "client"]);
  });

  it("a token of the org authorization server (or another custom server) is rejected by issuer, with a hint", () => {
    const [rejection] = checkClaims(OKTA, oktaUserToken({ iss: "https://dev-123456.okta.com/oauth2/default" }), { header: RS256, now: NOW });
    expect(rejection?.code).toBe("issuer");
    expect(rejection?.message).toContain("other authorization server");
  });
});

describe("checkClaims: Cognito access and ID tokens", () => {
  it("accepts a user access token: no aud, client_id bound, prefixed scopes, cognito:groups", () => {
    expect(codes(COGNITO, cognitoAccessToken(), WRITE)).toEqual([]);
  });

  it("accepts a client-credentials access token on a scope route, and a role route rejects it (no groups)", () => {
    expect(codes(COGNITO, cognitoServiceToken(), READ)).toEqual([]);
    expect(codes(COGNITO, cognitoServiceToken(), REPORTS)).toEqual(["role"]);
  });

  it("rejects the ID token of the same sign-in as an access token (token_use id, no client_id)", () => {
    const rejections = checkClaims(COGNITO, cognitoIdToken(), { header: RS256, route: WRITE, now: NOW });
    expect(rejections.map((r) => r.code)).toEqual(["token-type", "client", "scope"]);
    expect(rejections[0]!.message).toContain('token_use is "id"; expected "access"');
  });

  it("an access token whose token_use was removed is rejected", () => {
    expect(codes(COGNITO, cognitoAccessToken({ token_use: undefined }))).toEqual(["token-type"]);
  });

  it.each([
    ["an unprefixed scope (the identifier is part of the scope)", { scope: "orders.read orders.write" }, WRITE, ["scope"]],
    ["a scope of another resource server", { scope: "billing-api/orders.write" }, WRITE, ["scope"]],
    ["a client of another pool", { client_id: "6unkn0wnc113nt0000000000zz" }, undefined, ["client"]],
    ["an Entra-style aud instead of client_id", { client_id: undefined, aud: COGNITO_PORTAL }, undefined, ["client"]],
    ["groups in Okta's claim name", { "cognito:groups": undefined, groups: ["orders-admins"] }, REPORTS, ["role"]],
  ] as const)("rejects %s", (_name, over, route, expected) => {
    expect(codes(COGNITO, cognitoAccessToken(over), route)).toEqual(expected);
  });

  it("names the missing prefixed scope", () => {
    expect(messages(COGNITO, cognitoAccessToken({ scope: "orders-api/orders.read" }), WRITE)[0]).toContain('"orders-api/orders.write" in scope');
  });

  it("a token from the pool's alternative issuer host is rejected, with a hint", () => {
    const iss = `https://issuer-cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
    const [r] = checkClaims(COGNITO, cognitoAccessToken({ iss }), { header: RS256, now: NOW });
    expect(r?.code).toBe("issuer");
    expect(r?.message).toContain("alternative issuer");
  });
});

describe("checkClaims: Entra v1 and v2 shapes side by side", () => {
  it("v2: azp, ver 2.0, scp string, roles array", () => {
    expect(codes(ENTRA, entraToken(), WRITE)).toEqual([]);
  });
  it("v1: appid, ver 1.0, identifier-URI audience", () => {
    expect(codes(ENTRA_V1, entraV1Token(), WRITE)).toEqual([]);
  });
});

describe("checkClaims: tokens of one IdP at a route of another", () => {
  it("an Okta token at an Entra-only route is rejected by issuer, whatever its other claims", () => {
    const forged = oktaUserToken({ aud: ENTRA_API, azp: ENTRA_CLIENT, ver: "2.0", scp: "orders.write", roles: ["orders-admins"] });
    const rejections = checkClaims(ENTRA, forged, { header: RS256, route: WRITE, now: NOW });
    expect(rejections.map((r) => r.code)).toEqual(["issuer"]);
    expect(rejections[0]!.message).toContain(`iss "${OKTA_ISS}" is not trusted`);
  });

  it("a Cognito token at an Okta-only route and an Entra token at a Cognito-only route are rejected by issuer", () => {
    expect(codes(OKTA, cognitoAccessToken(), WRITE)).toEqual(["issuer"]);
    expect(codes(COGNITO, entraToken(), WRITE)).toEqual(["issuer"]);
  });
});

describe("checkClaims during a cut-over between IdPs with different claim names", () => {
  it.each([
    ["Entra → Okta: the Entra token", [ENTRA, OKTA], entraToken()],
    ["Entra → Okta: the Okta token", [ENTRA, OKTA], oktaUserToken()],
    ["Okta → Cognito: the Okta token", [OKTA, COGNITO], oktaUserToken()],
    ["Okta → Cognito: the Cognito token", [OKTA, COGNITO], cognitoAccessToken()],
    ["Entra v1 → Cognito: the Entra v1 token", [ENTRA_V1, COGNITO], entraV1Token()],
    ["Entra v1 → Cognito: the Cognito token", [ENTRA_V1, COGNITO], cognitoAccessToken()],
  ] as const)("%s is accepted on a write route", (_name, contracts, token) => {
    expect(codes(contracts, token, WRITE)).toEqual([]);
  });

  it("each token is judged by its own IdP's rules only", () => {
    const both = [ENTRA, OKTA];
    // Okta's audience is not an Entra audience: an Entra token carrying it is rejected.
    expect(codes(both, entraToken({ aud: "api://orders-api" }))).toEqual(["audience"]);
    // An Okta token with Entra's groups claim has no Okta groups.
    expect(codes(both, oktaUserToken({ groups: undefined, roles: ["orders-admins"] }), WRITE)).toEqual(["role"]);
    // A Cognito ID token stays rejected while Okta is trusted too.
    expect(codes([OKTA, COGNITO], cognitoIdToken())).toEqual(["token-type", "client"]);
  });

  it("a third IdP's token is rejected, naming both trusted issuers", () => {
    const [r] = checkClaims([ENTRA, OKTA], cognitoAccessToken(), { header: RS256, now: NOW });
    expect(r?.code).toBe("issuer");
    expect(r?.message).toContain(`"${ENTRA.issuer}" or "${OKTA_ISS}"`);
  });
});
