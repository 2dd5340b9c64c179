import { generateKeyPairSync } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  checkClaims,
  deriveCognitoContract,
  type IdentityContract,
  type JwtClaims,
  type RouteAuthRequirements,
} from "../../../../components/contract";
import {
  base64urlSpellings,
  buildDeclarativeConfig,
  issuerMember,
  issuerSelectorPattern,
  type KongDeclarativeConfig,
  type KongRoute,
} from "../../../../components/kong";
import { selectRoute } from "../../../support/kong-router";
import { entraContract, oktaContract, stackConfig } from "./fixtures";

/**
 * A cut-over between IdPs whose tokens name audience, client, scopes and groups differently. Real signed JWTs
 * (compact serialisation, the IdPs' documented claim sets) go through a model of Kong's router and then through
 * checkClaims with the provider whose plugin the chosen route carries.
 */
const cfg = stackConfig();
const HOST = cfg.kong.hostnames[0]!;
const NOW = Math.floor(Date.parse("2026-01-01T00:00:00Z") / 1000);
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

const cognito = deriveCognitoContract({
  name: "cognito",
  userPoolEndpoint: "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
  resourceServerIdentifier: "orders-api",
  clientIds: ["4p1ccl13nt1d0000000000000a"],
  scopeNames: ["orders.read", "orders.write"],
  accessGroups: ["orders-readers", "orders-admins"],
  leewaySeconds: 60,
  accessTokenLifetimeSeconds: 3600,
});
const entra = entraContract();
const okta = oktaContract();

const tokens: Record<string, JwtClaims> = {
  entra: {
    aud: entra.audience!.values[0],
    iss: entra.issuer,
    iat: NOW - 60,
    nbf: NOW - 60,
    exp: NOW + 3000,
    azp: entra.clients.values[0],
    roles: ["orders-admins"],
    scp: "orders.read orders.write",
    sub: "entra-subject",
    tid: "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f",
    ver: "2.0",
  },
  okta: {
    ver: 1,
    jti: "AT.abc",
    iss: okta.issuer,
    aud: "api://orders-api",
    iat: NOW - 60,
    exp: NOW + 3000,
    cid: okta.clients.values[1],
    uid: "00u1user",
    scp: ["orders.read", "orders.write"],
    sub: "alice@example.com",
    groups: ["orders-admins"],
  },
  cognito: {
    sub: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    "cognito:groups": ["orders-admins"],
    iss: cognito.issuer,
    version: 2,
    client_id: cognito.clients.values[0],
    token_use: "access",
    scope: "orders-api/orders.read orders-api/orders.write",
    auth_time: NOW - 60,
    exp: NOW + 3000,
    iat: NOW - 60,
    jti: "j",
    username: "alice",
  },
};

const sign = (claims: JwtClaims) => new SignJWT({ ...claims }).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "k1" }).sign(privateKey);

const WRITE: RouteAuthRequirements = { name: "orders-write", scopes: ["orders.write"], roles: ["orders-admins"], anonymous: false };

/** The provider whose openid-connect plugin a Kong route carries (its single allowed issuer). */
function judgeOf(route: KongRoute, contracts: readonly IdentityContract[]): IdentityContract {
  const oidc = route.plugins.find((p) => p.name === "openid-connect");
  if (!oidc || oidc.name !== "openid-connect") throw new Error(`route ${route.name} has no openid-connect`);
  expect(oidc.config.issuers_allowed).toHaveLength(1);
  return contracts.find((c) => c.issuer === oidc.config.issuers_allowed[0])!;
}

async function gateway(contracts: readonly IdentityContract[], claims: JwtClaims, config: KongDeclarativeConfig) {
  const jwt = await sign(claims);
  const route = selectRoute(config, { host: HOST, path: "/orders", method: "POST", headers: { Authorization: `Bearer ${jwt}` } })!;
  const judge = judgeOf(route, contracts);
  return { route: route.name, judge: judge.name, rejections: checkClaims(judge, claims, { header: { alg: "RS256", kid: "k1" }, route: WRITE, now: NOW }) };
}

const build = (contracts: readonly IdentityContract[]) =>
  buildDeclarativeConfig(contracts, cfg.routes, { edition: "enterprise", hostnames: cfg.kong.hostnames, environment: "test" });

describe("cut-over between IdPs with different claim names (Kong router model + checkClaims)", () => {
  const pairs: [string, IdentityContract[]][] = [
    ["Entra → Okta", [entra, okta]],
    ["Okta → Entra", [okta, entra]],
    ["Okta → Cognito", [okta, cognito]],
    ["Cognito → Entra", [cognito, entra]],
  ];
  for (const [label, contracts] of pairs) {
    it(`${label}: each IdP's token reaches its own provider's route and is accepted there`, async () => {
      const config = build(contracts);
      for (const [i, c] of contracts.entries()) {
        const result = await gateway(contracts, tokens[c.provider]!, config);
        expect(result.judge).toBe(c.name);
        expect(result.route).toBe(i === 0 ? "orders-write" : `orders-write.${c.name}`);
        expect(result.rejections).toEqual([]);
      }
    });
  }

  it("a token of an untrusted IdP falls to the first provider's route and is rejected by issuer", async () => {
    const result = await gateway([entra, okta], tokens["cognito"]!, build([entra, okta]));
    expect([result.route, result.judge]).toEqual(["orders-write", "entra"]);
    expect(result.rejections.map((r) => r.code)).toEqual(["issuer"]);
  });

  it("naming the second IdP's issuer only chooses whose rules apply: a token with another IdP's claims fails them", async () => {
    // Okta's issuer, Entra's claim names and audience: routed to Okta's copy, rejected by Okta's rules.
    const forged = { ...tokens["entra"]!, iss: okta.issuer };
    const result = await gateway([entra, okta], forged, build([entra, okta]));
    expect([result.route, result.judge]).toEqual(["orders-write.okta", "okta"]);
    expect(result.rejections.map((r) => r.code)).toEqual(["audience", "client", "scope", "role"]);
  });

  it("requests without a token, or with a token elsewhere than Authorization, meet the first provider's route", () => {
    const config = build([entra, okta]);
    expect(selectRoute(config, { host: HOST, path: "/orders", method: "POST" })!.name).toBe("orders-write");
    expect(selectRoute(config, { host: HOST, path: "/orders", method: "POST", headers: { "x-access-token": "a.b.c" } })!.name).toBe(
      "orders-write",
    );
  });
});

describe("issuerSelectorPattern", () => {
  /** A deterministic pseudo-random generator, so the property runs the same cases every time. */
  const random = (seed: number) => () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

  it("matches a payload naming the issuer at every byte offset, in any claim order", () => {
    const next = random(7);
    const issuers = [entra.issuer, okta.issuer, cognito.issuer, entraContract({ tokenVersion: 1 }).issuer];
    let checked = 0;
    for (const issuer of issuers) {
      const pattern = new RegExp(issuerSelectorPattern(issuer).slice(2));
      for (let pad = 0; pad < 30; pad++) {
        const payload = { [`x${"a".repeat(Math.floor(next() * 20))}`]: "y".repeat(pad), iss: issuer, exp: 1 };
        const header = `Bearer eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.c2ln`.toLowerCase();
        expect(pattern.test(header), `${issuer} at pad ${pad}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(120);
  });

  it("does not match the other issuers, a trailing-slash variant, or the issuer outside the payload segment", () => {
    const v1 = entraContract({ tokenVersion: 1 }).issuer;
    const all = [entra.issuer, okta.issuer, cognito.issuer, v1];
    for (const issuer of all) {
      const pattern = new RegExp(issuerSelectorPattern(issuer).slice(2));
      for (const other of all.filter((o) => o !== issuer)) {
        for (let pad = 0; pad < 3; pad++) {
          const payload = Buffer.from(JSON.stringify({ p: "y".repeat(pad), iss: other })).toString("base64url");
          expect(pattern.test(`bearer h.${payload}.s`.toLowerCase()), `${issuer} vs ${other}`).toBe(false);
        }
      }
    }
    const slash = new RegExp(issuerSelectorPattern(okta.issuer).slice(2));
    expect(slash.test(`bearer h.${Buffer.from(JSON.stringify({ iss: `${okta.issuer}/` })).toString("base64url")}.s`.toLowerCase())).toBe(false);
    const inSignature = Buffer.from(JSON.stringify({ iss: okta.issuer })).toString("base64url");
    expect(slash.test(`bearer h.e30.${inSignature}`.toLowerCase())).toBe(false);
  });

  it("is lower case and uses only syntax PCRE and Rust's regex share", () => {
    for (const issuer of [entra.issuer, okta.issuer, cognito.issuer]) {
      const pattern = issuerSelectorPattern(issuer);
      expect(pattern).toBe(pattern.toLowerCase());
      expect(pattern).toMatch(/^~\*\^bearer \+\[a-z0-9_-\]\+\\\.\[a-z0-9_-\]\*\(\?:[a-z0-9_|-]+\)$/);
    }
  });

  it("spells the member the way base64url encodes it at offsets 0, 1 and 2", () => {
    const [s0, s1, s2] = base64urlSpellings(issuerMember("https://a.example"));
    expect(Buffer.from(`${JSON.stringify({ iss: "https://a.example" })}`).toString("base64url")).toContain(s1);
    expect(Buffer.from(`"iss":"https://a.example"`).toString("base64url")).toContain(s0);
    expect(Buffer.from(`xx"iss":"https://a.example"`).toString("base64url")).toContain(s2);
  });
});
