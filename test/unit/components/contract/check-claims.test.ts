import { describe, expect, it } from "vitest";
import {
  checkClaims,
  deriveEntraContract,
  readListClaim,
  type IdentityContract,
  type JwtClaims,
  type JwtHeader,
  type RejectionCode,
  type RouteAuthRequirements,
} from "../../../../components/contract";

const TENANT = "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f";
const API = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const PORTAL = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";
const BILLING = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const STRANGER = "00000000-1111-4222-8333-444444444444";
const NOW = 1_750_000_000;
const V2_ISS = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const V1_ISS = `https://sts.windows.net/${TENANT}/`;

const entra = (tokenVersion: 1 | 2, over: Partial<Parameters<typeof deriveEntraContract>[0]> = {}): IdentityContract =>
  deriveEntraContract({
    name: "entra",
    tenantId: TENANT,
    apiClientId: API,
    identifierUri: `api://${API}`,
    clientIds: [PORTAL, BILLING],
    tokenVersion,
    scopeNames: ["orders.read", "orders.write"],
    accessGroups: ["orders-readers", "orders-admins"],
    leewaySeconds: 60,
    accessTokenLifetimeSeconds: 3600,
    ...over,
  });
const V2 = entra(2);
const V1 = entra(1);

/** A delegated (user) v2 token from the portal: everything a write route needs. */
const userToken = (over: Record<string, unknown> = {}): JwtClaims => ({
  iss: V2_ISS,
  aud: API,
  azp: PORTAL,
  ver: "2.0",
  sub: "user-subject",
  scp: "orders.read orders.write",
  roles: ["orders-admins"],
  iat: NOW - 30,
  nbf: NOW - 30,
  exp: NOW + 3000,
  ...over,
});
/** An app-only (client credentials) v2 token from the billing service: roles, no scp. */
const appToken = (over: Record<string, unknown> = {}): JwtClaims => {
  const { scp: _scp, ...rest } = userToken({ azp: BILLING, roles: ["orders-readers"], sub: "billing-sp", ...over });
  return rest;
};
/** The same user token as Entra issues it for a v1 API. */
const v1Token = (over: Record<string, unknown> = {}): JwtClaims => {
  const { azp: _azp, ...rest } = userToken({ iss: V1_ISS, ver: "1.0", appid: PORTAL, ...over });
  return rest;
};

const RS256: JwtHeader = { alg: "RS256", typ: "JWT", kid: "key-1" };
const WRITE: RouteAuthRequirements = { name: "orders-write", scopes: ["orders.write"], roles: ["orders-admins"], anonymous: false };
const REPORTS: RouteAuthRequirements = { name: "orders-reports", scopes: [], roles: ["orders-readers", "orders-admins"], anonymous: false };
const HEALTH: RouteAuthRequirements = { name: "health", scopes: [], roles: [], anonymous: true };

interface Case {
  name: string;
  contracts?: IdentityContract | IdentityContract[];
  claims: JwtClaims;
  header?: JwtHeader;
  route?: RouteAuthRequirements;
  now?: number;
  codes: RejectionCode[];
  /** Every string must appear in the message of the rejection with the same position. */
  mentions?: string[][];
}

const cases: Case[] = [
  // ------------------------------------------------------------ accepted
  { name: "a valid v2 user token on a write route", claims: userToken(), route: WRITE, codes: [] },
  { name: "a valid v2 app-only token on a role route", claims: appToken(), route: REPORTS, codes: [] },
  { name: "a token without route checks only the token itself", claims: userToken({ scp: "", roles: [] }), codes: [] },
  { name: "an anonymous route skips scope and role checks", claims: userToken({ scp: "", roles: [] }), route: HEALTH, codes: [] },
  { name: "v1 contract: aud = the API's client id", contracts: V1, claims: v1Token({ aud: API }), route: WRITE, codes: [] },
  { name: "v1 contract: aud = the identifier URI", contracts: V1, claims: v1Token({ aud: `api://${API}` }), route: WRITE, codes: [] },
  { name: "aud as an array holding the API", claims: userToken({ aud: ["other", API] }), codes: [] },

  // ------------------------------------------------------------ issuer
  {
    name: "a v1 token at a v2 contract is rejected by issuer, with the token-version hint",
    claims: v1Token(),
    codes: ["issuer"],
    mentions: [[V1_ISS, V2_ISS, "requestedAccessTokenVersion"]],
  },
  {
    name: "a v2 token at a v1 contract is rejected by issuer, with the hint",
    contracts: V1,
    claims: userToken(),
    codes: ["issuer"],
    mentions: [[V2_ISS, V1_ISS, "other token version"]],
  },
  { name: "no iss claim", claims: userToken({ iss: undefined }), codes: ["issuer"], mentions: [["no iss", V2_ISS]] },
  {
    name: "another tenant gets no token-version hint",
    claims: userToken({ iss: "https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/v2.0" }),
    codes: ["issuer"],
    mentions: [["11111111-2222-4333-8444-555555555555", V2_ISS]],
  },

  // ------------------------------------------------------------ audience and client
  {
    name: "wrong audience",
    claims: userToken({ aud: "api://someone-else" }),
    codes: ["audience"],
    mentions: [["api://someone-else", API]],
  },
  {
    name: "v2 contract does not accept the identifier URI form",
    claims: userToken({ aud: `api://${API}` }),
    codes: ["audience"],
    mentions: [[`api://${API}`, `"${API}"`]],
  },
  { name: "missing audience", claims: userToken({ aud: undefined }), codes: ["audience"], mentions: [["no aud", API]] },
  {
    name: "wrong client (azp not registered)",
    claims: userToken({ azp: STRANGER }),
    codes: ["client"],
    mentions: [["azp", STRANGER, PORTAL, BILLING]],
  },
  {
    name: "v1 contract reads the client from appid, not azp",
    contracts: V1,
    claims: { ...v1Token({ appid: undefined }), azp: PORTAL },
    codes: ["client"],
    mentions: [["no appid"]],
  },
  { name: "v1 contract, wrong appid", contracts: V1, claims: v1Token({ appid: STRANGER }), codes: ["client"], mentions: [["appid", STRANGER]] },

  // ------------------------------------------------------------ time
  { name: "expired 30s ago, inside the 60s leeway: accepted", claims: userToken({ exp: NOW - 30 }), codes: [] },
  { name: "expired 59s ago, inside the leeway: accepted", claims: userToken({ exp: NOW - 59 }), codes: [] },
  { name: "expired 61s ago, beyond the leeway", claims: userToken({ exp: NOW - 61 }), codes: ["expired"], mentions: [["61s", "60s leeway"]] },
  { name: "no exp claim", claims: userToken({ exp: undefined }), codes: ["missing-claim"], mentions: [["exp"]] },
  { name: "nbf 30s in the future, inside the leeway: accepted", claims: userToken({ nbf: NOW + 30 }), codes: [] },
  { name: "nbf 120s in the future, beyond the leeway", claims: userToken({ nbf: NOW + 120 }), codes: ["not-yet-valid"], mentions: [["120s", "nbf", "60s"]] },
  { name: "iat 300s in the future", claims: userToken({ iat: NOW + 300 }), codes: ["issued-in-future"], mentions: [["300s", "iat"]] },

  // ------------------------------------------------------------ scopes and roles
  {
    name: "missing scope",
    claims: userToken({ scp: "orders.read" }),
    route: WRITE,
    codes: ["scope"],
    mentions: [["orders-write", '"orders.write"', "scp", '"orders.read"']],
  },
  {
    name: "app-only tokens carry no scp, so a scope route rejects them",
    claims: appToken({ roles: ["orders-admins"] }),
    route: WRITE,
    codes: ["scope"],
    mentions: [["orders.write", "none"]],
  },
  {
    name: "missing role",
    claims: userToken({ roles: ["orders-readers"] }),
    route: WRITE,
    codes: ["role"],
    mentions: [["orders-write", '"orders-admins"', "roles", '"orders-readers"']],
  },
  { name: "no roles claim at all", claims: userToken({ roles: undefined }), route: REPORTS, codes: ["role"], mentions: [["orders-readers", "none"]] },
  { name: "any one of the route's roles is enough", claims: userToken({ roles: ["orders-readers"] }), route: REPORTS, codes: [] },
  { name: "scope names are whole words, not substrings", claims: userToken({ scp: "orders.writer" }), route: WRITE, codes: ["scope"] },

  // ------------------------------------------------------------ algorithm
  { name: 'alg "none"', header: { alg: "none", kid: "key-1" }, claims: userToken(), codes: ["algorithm"], mentions: [['"none"', "never"]] },
  { name: 'alg "NONE" (case games)', header: { alg: "NONE", kid: "key-1" }, claims: userToken(), codes: ["algorithm"] },
  { name: "HS256 (shared secret)", header: { alg: "HS256", kid: "key-1" }, claims: userToken(), codes: ["algorithm"], mentions: [["HS256", "shared-secret"]] },
  { name: "RS512 is asymmetric but not pinned", header: { alg: "RS512", kid: "key-1" }, claims: userToken(), codes: ["algorithm"], mentions: [["RS512", "RS256"]] },
  { name: "no alg in the header", header: { kid: "key-1" }, claims: userToken(), codes: ["algorithm"], mentions: [["no alg"]] },

  // ------------------------------------------------------------ token type
  { name: "wrong ver at a v2 contract", claims: userToken({ ver: "1.0" }), codes: ["token-type"], mentions: [["ver", '"1.0"', '"2.0"', "requestedAccessTokenVersion"]] },
  { name: "missing ver", claims: userToken({ ver: undefined }), codes: ["token-type"], mentions: [["no ver", '"2.0"']] },

  // ------------------------------------------------------------ several problems at once
  {
    name: "every problem is reported, in a stable order",
    header: { alg: "HS256", kid: "key-1" },
    claims: userToken({ aud: "x", azp: STRANGER, exp: NOW - 3600, scp: "" }),
    route: WRITE,
    codes: ["algorithm", "audience", "client", "expired", "scope"],
  },
];

describe("checkClaims", () => {
  it.each(cases)("$name", (c) => {
    const rejections = checkClaims(c.contracts ?? V2, c.claims, { header: c.header ?? RS256, route: c.route, now: c.now ?? NOW });
    expect(rejections.map((r) => r.code)).toEqual(c.codes);
    (c.mentions ?? []).forEach((needles, i) => {
      for (const needle of needles) expect(rejections[i]!.message).toContain(needle);
    });
    for (const r of rejections) expect(r.message).not.toMatch(/\n/);
  });
});

describe("checkClaims during a cut-over (two trusted contracts)", () => {
  const NEXT_TENANT = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
  const NEXT_API = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
  const NEXT_ISS = `https://login.microsoftonline.com/${NEXT_TENANT}/v2.0`;
  const next = entra(2, { name: "entra-next", tenantId: NEXT_TENANT, apiClientId: NEXT_API, identifierUri: `api://${NEXT_API}` });
  const both = [V1, next];

  it.each([
    { name: "old IdP's v1 token, old audience", claims: v1Token(), codes: [] },
    { name: "new IdP's v2 token, new audience", claims: userToken({ iss: NEXT_ISS, aud: NEXT_API }), codes: [] },
    // The token is judged only by the contract its iss names: the old API's audience is wrong at the new IdP.
    { name: "new IdP's token with the old audience", claims: userToken({ iss: NEXT_ISS }), codes: ["audience"] },
    { name: "old IdP's token without ver 1.0", claims: v1Token({ ver: "2.0" }), codes: ["token-type"] },
  ])("$name", (c) => {
    expect(checkClaims(both, c.claims, { header: RS256, now: NOW }).map((r) => r.code)).toEqual(c.codes);
  });

  it("an unknown issuer lists every trusted issuer", () => {
    const [r] = checkClaims(both, userToken({ iss: "https://idp.example.com" }), { header: RS256, now: NOW });
    expect(r?.code).toBe("issuer");
    expect(r?.message).toContain(`"${V1_ISS}" or "${NEXT_ISS}"`);
  });
});

describe("issuer hints", () => {
  it("a non-Entra issuer that differs only by a trailing slash says so", () => {
    const okta: IdentityContract = { ...V2, provider: "okta", issuer: "https://example.okta.com/oauth2/default", details: {} };
    const [r] = checkClaims(okta, userToken({ iss: "https://example.okta.com/oauth2/default/" }), { header: RS256, now: NOW });
    expect(r?.code).toBe("issuer");
    expect(r?.message).toContain("trailing slash");
  });
});

describe("readListClaim", () => {
  it.each([
    { value: "a b  c", shape: "space-delimited-string" as const, out: ["a", "b", "c"] },
    { value: ["a", "b"], shape: "space-delimited-string" as const, out: [] },
    { value: ["a", 1, "b"], shape: "array" as const, out: ["a", "b"] },
    { value: "a b", shape: "array" as const, out: [] },
    { value: undefined, shape: "array" as const, out: [] },
    { value: { a: 1 }, shape: "space-delimited-string" as const, out: [] },
  ])("$value as $shape", ({ value, shape, out }) => {
    expect(readListClaim(value, shape)).toEqual(out);
  });
});
