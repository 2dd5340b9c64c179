import { createPublicKey } from "node:crypto";
import type { IdentityContract } from "../../contract";
import type { JsonWebKey, JsonWebKeySet } from "../jwks";
import { compare } from "./order";
import type { KongConsumer, KongJwtSecret } from "./types";

/**
 * Kong's declarative schema requires `secret` on every jwt credential, RS256 ones included, and Kong would
 * generate a random one if it were missing (a diff on every deploy). For RS256 it is never used: the plugin
 * verifies with `rsa_public_key` and rejects a token whose `alg` differs from the credential's, so an HS256
 * token "signed" with this value is refused. It is deliberately a public, constant, non-secret string.
 */
export const RS256_SECRET_PLACEHOLDER = "unused-for-rs256-see-rsa_public_key";

export function idpConsumerName(contract: IdentityContract): string {
  return `idp-${contract.name}`;
}

/**
 * One consumer per IdP, holding one RS256 credential per RSA signing key of its JWKS.
 *
 * Credential keys (`kid`s) are unique across all consumers in Kong. Two contracts can publish the same key
 * (Entra signs every tenant's tokens, v1 and v2, with one key set): such a key is emitted once, for the first
 * contract, which changes nothing because the jwt plugin does not compare issuers anyway.
 */
export function idpConsumers(
  contracts: readonly IdentityContract[],
  jwks: Readonly<Record<string, JsonWebKeySet>> | undefined,
  tags: readonly string[],
): KongConsumer[] {
  const emitted = new Set<string>();
  return contracts.map((contract) => {
    const set = jwks?.[contract.issuer];
    if (!set) {
      throw new Error(
        `the OSS edition needs the signing keys of ${contract.issuer} (provider ${contract.name}), ` +
          `but no JWKS was given for it; fetch ${contract.jwksUri} and pass it as jwks["${contract.issuer}"]`,
      );
    }
    const usable = set.keys.filter((key) => isRs256SigningKey(key, contract));
    if (usable.length === 0) {
      throw new Error(
        `the JWKS of ${contract.issuer} (${contract.jwksUri}) holds no RSA signing key with a kid usable for RS256; ` +
          "the OSS jwt plugin cannot verify this provider's tokens",
      );
    }
    const secrets: KongJwtSecret[] = [];
    for (const key of usable) {
      if (emitted.has(key.kid!)) continue;
      emitted.add(key.kid!);
      secrets.push(rs256Credential(key, tags));
    }
    // The IdP may list its keys in any order: sort so the same keys give the same kong.yml (and checksum).
    secrets.sort((a, b) => compare(a.key, b.key));
    return { username: idpConsumerName(contract), tags, jwt_secrets: secrets };
  });
}

/** RSA, meant for signatures, named by `kid`, and RS256 (or no `alg`) where the contract allows RS256. */
function isRs256SigningKey(key: JsonWebKey, contract: IdentityContract): boolean {
  return (
    key.kty === "RSA" &&
    typeof key.kid === "string" &&
    key.kid.length > 0 &&
    typeof key.n === "string" &&
    typeof key.e === "string" &&
    (key.use === undefined || key.use === "sig") &&
    (key.alg === undefined || key.alg === "RS256") &&
    contract.algorithms.includes("RS256")
  );
}

function rs256Credential(key: JsonWebKey, tags: readonly string[]): KongJwtSecret {
  return {
    key: key.kid!,
    algorithm: "RS256",
    rsa_public_key: jwkToPem(key),
    secret: RS256_SECRET_PLACEHOLDER,
    tags,
  };
}

/** SPKI PEM of an RSA public JWK (only `kty`, `n`, `e` are passed on: IdPs add members Node does not need). */
export function jwkToPem(key: JsonWebKey): string {
  return createPublicKey({ key: { kty: key.kty, n: key.n, e: key.e }, format: "jwk" })
    .export({ type: "spki", format: "pem" })
    .toString();
}
