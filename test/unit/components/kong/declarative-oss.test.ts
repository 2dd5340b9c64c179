import { describe, expect, it } from "vitest";
import {
  buildDeclarativeConfig,
  jwkToPem,
  RS256_SECRET_PLACEHOLDER,
  type JsonWebKeySet,
  type KongDeclarativeConfig,
} from "../../../../components/kong";
import type { IdentityContract } from "../../../../components/contract";
import { byName, cognitoContract, entraContract, jwksOf, rsaTestKey, stackConfig } from "./fixtures";

const cfg = stackConfig((raw) => (raw.kong.edition = "oss"));
const keyA = rsaTestKey("kid-a");
const keyB = rsaTestKey("kid-b");

const build = (contracts: IdentityContract[], jwks: Record<string, JsonWebKeySet> | undefined, routes = cfg.routes): KongDeclarativeConfig =>
  buildDeclarativeConfig(contracts, routes, { edition: "oss", hostnames: cfg.kong.hostnames, jwks, environment: "test" });

describe("buildDeclarativeConfig (oss)", () => {
  const entra = entraContract();
  const config = build([entra], { [entra.issuer]: jwksOf(keyB, keyA) });

  it("protects routes with the jwt plugin, keyed by kid, exp verified, lifetime bounded by the contract", () => {
    const route = byName(config.services, "orders-write").routes[0]!;
    expect(route.plugins.map((p) => p.name)).toEqual(["jwt", "rate-limiting", "request-transformer"]);
    const jwt = route.plugins.find((p) => p.name === "jwt")!;
    expect(jwt.config).toEqual({
      key_claim_name: "kid",
      claims_to_verify: ["exp"],
      maximum_expiration: entra.accessTokenLifetimeSeconds + entra.leewaySeconds,
      secret_is_base64: false,
      header_names: ["authorization"],
      uri_param_names: [],
      cookie_names: [],
    });
  });

  it("emits no openid-connect and no acl, even where roles are required", () => {
    const names = config.services.flatMap((s) => s.routes.flatMap((r) => r.plugins.map((p) => p.name)));
    expect(names).not.toContain("openid-connect");
    expect(names).not.toContain("acl");
  });

  it("rate limits by address: the consumer is the IdP, shared by every caller", () => {
    const route = byName(config.services, "orders-read").routes[0]!;
    expect(route.plugins.find((p) => p.name === "rate-limiting")!.config).toMatchObject({ minute: 600, limit_by: "ip" });
  });

  it("creates one consumer per IdP with one RS256 credential per RSA key, PEM from the JWK, sorted by kid", () => {
    expect(config.consumers).toHaveLength(1);
    const consumer = config.consumers[0]!;
    expect(consumer.username).toBe("idp-entra");
    expect(consumer.jwt_secrets!.map((s) => s.key)).toEqual(["kid-a", "kid-b"]);
    const [a, b] = consumer.jwt_secrets!;
    expect(a).toMatchObject({ algorithm: "RS256", rsa_public_key: keyA.pem, secret: RS256_SECRET_PLACEHOLDER });
    expect(b!.rsa_public_key).toBe(keyB.pem);
    expect(jwkToPem(keyA.jwk)).toBe(keyA.pem);
  });

  it("skips keys that are not RSA signing keys for RS256", () => {
    const enc = rsaTestKey("kid-enc", { use: "enc" });
    const rs512 = rsaTestKey("kid-rs512", { alg: "RS512" });
    const noKid = rsaTestKey("", {});
    const ec = { kty: "EC", kid: "kid-ec", crv: "P-256", x: "x", y: "y", use: "sig" };
    const jwks = { keys: [enc.jwk, rs512.jwk, noKid.jwk, ec, keyA.jwk] };
    const built = build([entra], { [entra.issuer]: jwks });
    expect(built.consumers[0]!.jwt_secrets!.map((s) => s.key)).toEqual(["kid-a"]);
  });

  it("fails clearly when an issuer's JWKS is missing or has no usable key", () => {
    expect(() => build([entra], {})).toThrow(`no JWKS was given for it; fetch ${entra.jwksUri}`);
    expect(() => build([entra], undefined)).toThrow(/OSS edition needs the signing keys of https:\/\/login\.microsoftonline\.com/);
    expect(() => build([entra], { [entra.issuer]: { keys: [rsaTestKey("kid-enc", { use: "enc" }).jwk] } })).toThrow(
      /holds no RSA signing key/,
    );
  });

  it("needs no JWKS when every route is anonymous", () => {
    const built = build([entra], undefined, cfg.routes.filter((r) => r.anonymous));
    expect(built.consumers).toEqual([]);
  });

  it("emits a key shared by two providers once (Entra signs every tenant's tokens with the same keys)", () => {
    const v1 = entraContract({ name: "entra-v1", tokenVersion: 1 });
    const shared = jwksOf(keyA, keyB);
    const built = build([entra, v1], { [entra.issuer]: shared, [v1.issuer]: jwksOf(keyA) });
    expect(built.consumers.map((c) => c.username)).toEqual(["idp-entra", "idp-entra-v1"]);
    expect(built.consumers[0]!.jwt_secrets!.map((s) => s.key)).toEqual(["kid-a", "kid-b"]);
    expect(built.consumers[1]!.jwt_secrets).toEqual([]);
  });

  it("gives every provider its consumer during a cut-over, whatever its claims", () => {
    const built = build([entra, cognitoContract], {
      [entra.issuer]: jwksOf(keyA),
      [cognitoContract.issuer]: jwksOf(keyB),
    });
    expect(built.consumers.map((c) => [c.username, c.jwt_secrets!.map((s) => s.key)])).toEqual([
      ["idp-entra", ["kid-a"]],
      ["idp-cognito", ["kid-b"]],
    ]);
  });

  it("strips client-supplied identity headers on every route (nothing in OSS sets them)", () => {
    for (const service of config.services) {
      const strip = service.routes[0]!.plugins.find((p) => p.name === "request-transformer");
      expect(strip?.config).toEqual({ remove: { headers: ["x-authenticated-subject", "x-authenticated-client"] } });
    }
  });

  it("is deterministic whatever order the IdP lists its keys in", () => {
    const again = build([entra], { [entra.issuer]: jwksOf(keyA, keyB) });
    expect(JSON.stringify(again)).toBe(JSON.stringify(config));
  });
});
