import { describe, expect, it } from "vitest";
import {
  checkClaims,
  deriveCognitoContract,
  deriveEntraContract,
  deriveOktaContract,
  type IdentityContract,
  type JwtClaims,
  type JwtHeader,
  type RejectionCode,
  type RouteAuthRequirements,
} from "../../../../components/contract";

/** One table per point of issue 11: each row is a token, the codes checkClaims must return, and words the first message must hold. */
const NOW = 1_750_000_000;
const TENANT = "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f";
const OTHER_TENANT = "11111111-2222-4333-8444-555555555555";
const API = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const PORTAL = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";
const POOL = "eu-west-1_AbCdEf123";
const HEADER: JwtHeader = { alg: "RS256", typ: "JWT", kid: "key-1" };
const READ: RouteAuthRequirements = { name: "orders-read", scopes: ["orders.read"], roles: [], anonymous: false };
const ADMIN: RouteAuthRequirements = { name: "orders-admin", scopes: [], roles: ["orders-admins"], anonymous: false };

const entra = (tokenVersion: 1 | 2): IdentityContract =>
  deriveEntraContract({
    name: "entra",
    tenantId: TENANT,
    apiClientId: API,
    identifierUri: `api://${API}`,
    clientIds: [PORTAL],
    tokenVersion,
    scopeNames: ["orders.read"],
    accessGroups: ["orders-admins"],
    leewaySeconds: 60,
    accessTokenLifetimeSeconds: 3600,
  });
const ENTRA = entra(2);
const OKTA = deriveOktaContract({
  name: "okta",
  issuer: "https://example.okta.com/oauth2/aus1",
  audience: "api://orders",
  clientIds: ["0oaportal"],
  groupsClaim: "groups",
  authServerId: "aus1",
  scopeNames: ["orders.read"],
  accessGroups: ["orders-admins"],
  leewaySeconds: 60,
  accessTokenLifetimeSeconds: 3600,
});
const cognito = (issuerHost?: "cognito-idp" | "issuer-cognito-idp") =>
  deriveCognitoContract({
    name: "cognito",
    userPoolEndpoint: `cognito-idp.eu-west-1.amazonaws.com/${POOL}`,
    resourceServerIdentifier: "orders-api",
    clientIds: ["cognitoportal"],
    scopeNames: ["orders.read"],
    accessGroups: ["orders-admins"],
    leewaySeconds: 60,
    accessTokenLifetimeSeconds: 3600,
    ...(issuerHost ? { issuerHost } : {}),
  });
const COGNITO = cognito();

const entraToken = (over: Record<string, unknown> = {}): JwtClaims => ({
  iss: ENTRA.issuer, aud: API, azp: PORTAL, ver: "2.0", scp: "orders.read", roles: ["orders-admins"], iat: NOW - 30, exp: NOW + 3000, ...over,
});
const oktaToken = (over: Record<string, unknown> = {}): JwtClaims => ({
  iss: OKTA.issuer, aud: "api://orders", cid: "0oaportal", scp: ["orders.read"], groups: ["orders-admins"], iat: NOW - 30, exp: NOW + 3000, ...over,
});
const cognitoToken = (over: Record<string, unknown> = {}): JwtClaims => ({
  iss: COGNITO.issuer, client_id: "cognitoportal", token_use: "access", scope: "orders-api/orders.read", "cognito:groups": ["orders-admins"], iat: NOW - 30, exp: NOW + 3000, ...over,
});

interface Row {
  name: string;
  contract?: IdentityContract;
  claims: JwtClaims;
  header?: JwtHeader;
  route?: RouteAuthRequirements;
  codes: RejectionCode[];
  says?: string[];
  saysNot?: string[];
}

function judge(rows: Row[]) {
  it.each(rows)("$name", (row) => {
    const out = checkClaims(row.contract ?? ENTRA, row.claims, { header: row.header ?? HEADER, route: row.route, now: NOW });
    expect(out.map((r) => r.code)).toEqual(row.codes);
    for (const s of row.says ?? []) expect(out[0]!.message).toContain(s);
    for (const s of row.saysNot ?? []) expect(out[0]?.message ?? "").not.toContain(s);
  });
}

describe("expiry edge: RFC 7519 §4.1.4 rejects on or after exp (+ leeway)", () => {
  judge([
    { name: "now = exp + leeway - 1: accepted", claims: entraToken({ exp: NOW - 59 }), codes: [] },
    { name: "now = exp + leeway: rejected", claims: entraToken({ exp: NOW - 60 }), codes: ["expired"], says: ["60s ago", "at or beyond"] },
    { name: "now = exp + leeway + 1: rejected", claims: entraToken({ exp: NOW - 61 }), codes: ["expired"] },
    { name: "nbf = now + leeway: accepted (nbf is 'not before', equality is allowed)", claims: entraToken({ nbf: NOW + 60 }), codes: [] },
    { name: "nbf = now + leeway + 1: rejected", claims: entraToken({ nbf: NOW + 61 }), codes: ["not-yet-valid"] },
  ]);
});

describe("time claims must be NumericDate: a string is malformed, whichever claim it is", () => {
  judge([
    { name: "nbf as a far-future numeric string", claims: entraToken({ nbf: String(NOW + 10 ** 8) }), codes: ["invalid-claim"], says: ["nbf", "NumericDate"] },
    { name: "iat as a numeric string", claims: entraToken({ iat: String(NOW) }), codes: ["invalid-claim"], says: ["iat"] },
    { name: "exp as a numeric string", claims: entraToken({ exp: String(NOW + 3000) }), codes: ["invalid-claim"], says: ["exp"] },
    { name: "nbf null", claims: entraToken({ nbf: null }), codes: ["invalid-claim"], says: ["nbf is null"] },
    { name: "exp absent", claims: entraToken({ exp: undefined }), codes: ["missing-claim"], says: ["no exp"] },
    { name: "fractional exp is still a NumericDate", claims: entraToken({ exp: NOW + 3000.5 }), codes: [] },
  ]);
});

describe("issuer hints: trailing slash first, Entra hints compare the parsed tenant", () => {
  judge([
    {
      name: "v2 issuer with a trailing slash is a slash problem, not a token-version problem",
      claims: entraToken({ iss: `${ENTRA.issuer}/` }),
      codes: ["issuer"],
      says: ["trailing slash"],
      saysNot: ["token version"],
    },
    { name: "v1 issuer of the same tenant: token version", claims: entraToken({ iss: `https://sts.windows.net/${TENANT}/` }), codes: ["issuer"], says: ["same tenant, other token version", "v1"] },
    {
      name: "v1 issuer of the same tenant without its trailing slash: the slash is named (the v1 form has one)",
      contract: entra(1),
      claims: entraToken({ iss: `https://sts.windows.net/${TENANT}`, ver: "1.0" }),
      codes: ["issuer"],
      says: ["trailing slash"],
    },
    { name: "v2 issuer of another tenant: named as another tenant", claims: entraToken({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }), codes: ["issuer"], says: ["another tenant", OTHER_TENANT, TENANT] },
    {
      name: "the tenant id inside a foreign URL earns no Entra hint",
      claims: entraToken({ iss: `https://evil.example/${TENANT}/v2.0` }),
      codes: ["issuer"],
      saysNot: ["token version", "tenant"],
    },
  ]);
});

describe("claim shapes: one documented shape per IdP, the other shape refused both ways", () => {
  judge([
    { name: "Entra scp as a space-delimited string (documented)", claims: entraToken(), route: READ, codes: [] },
    { name: "Entra scp as an array (not what Entra issues)", claims: entraToken({ scp: ["orders.read"] }), route: READ, codes: ["scope"], says: ["an array", "space-delimited string"] },
    { name: "Entra roles as a string (Entra issues an array)", claims: entraToken({ roles: "orders-admins" }), route: ADMIN, codes: ["role"], says: ["a string", "JSON array"] },
    { name: "Okta scp as an array (documented)", contract: OKTA, claims: oktaToken(), route: READ, codes: [] },
    { name: "Okta scp as a string (Okta issues an array)", contract: OKTA, claims: oktaToken({ scp: "orders.read" }), route: READ, codes: ["scope"], says: ["a string"] },
    { name: "Okta look-alike scope orders.reader", contract: OKTA, claims: oktaToken({ scp: ["orders.reader"] }), route: READ, codes: ["scope"] },
    { name: "Cognito scope as an array (Cognito issues a string)", contract: COGNITO, claims: cognitoToken({ scope: ["orders-api/orders.read"] }), route: READ, codes: ["scope"], says: ["an array"] },
    { name: "Cognito groups as a string", contract: COGNITO, claims: cognitoToken({ "cognito:groups": "orders-admins" }), route: ADMIN, codes: ["role"], says: ["a string"] },
  ]);
});

describe("kid: Kong finds the key by it, so a token without one is rejected", () => {
  judge([
    { name: "no kid", header: { alg: "RS256", typ: "JWT" }, claims: entraToken(), codes: ["key"], says: ["no kid", "Kong"] },
    { name: "empty kid", header: { alg: "RS256", kid: "" }, claims: entraToken(), codes: ["key"] },
    { name: "numeric kid", header: { alg: "RS256", kid: 7 }, claims: entraToken(), codes: ["key"], says: ["7"] },
    { name: "a kid", claims: entraToken(), codes: [] },
  ]);
});

describe("Cognito's second issuer host: a configured choice, never both", () => {
  const NEW = `https://issuer-cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
  const OLD = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
  judge([
    { name: "default host trusts cognito-idp", contract: COGNITO, claims: cognitoToken({ iss: OLD }), codes: [] },
    { name: "default host refuses issuer-cognito-idp, naming the key", contract: COGNITO, claims: cognitoToken({ iss: NEW }), codes: ["issuer"], says: ["alternative issuer host", "issuerHost"] },
    { name: "issuerHost issuer-cognito-idp trusts it", contract: cognito("issuer-cognito-idp"), claims: cognitoToken({ iss: NEW }), codes: [] },
    { name: "issuerHost issuer-cognito-idp refuses the classic host", contract: cognito("issuer-cognito-idp"), claims: cognitoToken({ iss: OLD }), codes: ["issuer"], says: ["cognito-idp"] },
    { name: "another pool on the new host gets no same-pool hint", contract: COGNITO, claims: cognitoToken({ iss: "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other" }), codes: ["issuer"], saysNot: ["same user pool"] },
  ]);
});

describe("ID tokens are called ID tokens", () => {
  const entraId = { iss: ENTRA.issuer, aud: PORTAL, ver: "2.0", nonce: "n", iat: NOW - 30, exp: NOW + 3000, sub: "s", tid: TENANT };
  judge([
    { name: "Entra v2 ID token (aud = the client, no azp, no scp)", claims: entraId, codes: ["audience", "client"] },
    { name: "Okta ID token (aud = the client id)", contract: OKTA, claims: oktaToken({ aud: "0oaportal", scp: undefined }), codes: ["audience"], says: ["this is an ID token, not an access token"] },
    { name: "Cognito ID token (token_use id)", contract: COGNITO, claims: cognitoToken({ token_use: "id", aud: "cognitoportal", client_id: undefined }), codes: ["token-type", "client"], says: ["token_use"] },
  ]);
  it("the Entra message says so where the client claim is missing", () => {
    const out = checkClaims(ENTRA, entraId, { header: HEADER, now: NOW });
    expect(out[1]!.message).toContain("this is an ID token, not an access token");
  });
  it("an Entra access token that merely lacks azp is not called an ID token", () => {
    const out = checkClaims(ENTRA, entraToken({ azp: undefined }), { header: HEADER, now: NOW });
    expect(out.map((r) => r.code)).toEqual(["client"]);
    expect(out[0]!.message).not.toContain("ID token");
  });
});
