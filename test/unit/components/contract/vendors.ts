import OktaJwtVerifier from "@okta/jwt-verifier";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { createRemoteJWKSet, jwtVerify } from "jose";
import type { IdentityContract, RouteAuthRequirements } from "../../../../components/contract";

/**
 * The vendors' own verifiers, configured the way each vendor documents for an API that receives access tokens.
 * Each returns true (accepted) or false; `why` keeps the vendor's message for a disagreement report.
 */
export type VendorVerdict = { readonly accepted: boolean; readonly why: string };
export type VendorVerifier = (token: string, route: RouteAuthRequirements) => Promise<VendorVerdict>;

const ok: VendorVerdict = { accepted: true, why: "" };
const no = (why: string): VendorVerdict => ({ accepted: false, why });

/**
 * Entra: jose's jwtVerify as Microsoft's "Validate tokens" guidance describes it: signature from the tenant's
 * JWKS, iss exactly the tenant's issuer, aud the API, lifetime (exp/nbf) with clock skew; then the
 * application's own checks the same guidance asks for: the client (azp/appid) against the allowed clients, the
 * delegated scopes in the space-separated scp, the app roles in the roles array.
 */
export function joseEntra(contract: IdentityContract, jwksUrl: string): VendorVerifier {
  const jwks = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 0 });
  return async (token, route) => {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: contract.issuer,
        audience: [...contract.audience!.values],
        algorithms: ["RS256"],
        clockTolerance: contract.leewaySeconds,
      });
      const client = payload[contract.clients.claim];
      if (typeof client !== "string" || !contract.clients.values.includes(client)) return no(`${contract.clients.claim} not an allowed client`);
      const scp = typeof payload["scp"] === "string" ? payload["scp"].split(" ") : [];
      if (!route.scopes.every((s) => scp.includes(s))) return no("scope missing");
      const roles = Array.isArray(payload["roles"]) ? payload["roles"] : [];
      if (route.roles.length > 0 && !route.roles.some((r) => roles.includes(r))) return no("role missing");
      return ok;
    } catch (err) {
      return no((err as Error).message);
    }
  };
}

/**
 * Okta: @okta/jwt-verifier (njwt + jwks-rsa) with the custom authorization server's issuer, its JWKS (served
 * on loopback here: `jwksUri`), `verifyAccessToken(token, audience)`, and Okta's documented `assertClaims`
 * for the client (`cid`), the scopes (`scp.includes`) and the groups claim (`groups.includes`).
 */
export function oktaVerifier(contract: IdentityContract, jwksUrl: string): VendorVerifier {
  return async (token, route) => {
    const assertClaims: Record<string, unknown> = { cid: contract.clients.values[0] };
    if (route.scopes.length > 0) assertClaims["scp.includes"] = [...route.scopes];
    if (route.roles.length > 0) assertClaims[`${contract.groups.claim}.includes`] = [...route.roles];
    const verifier = new OktaJwtVerifier({ issuer: contract.issuer, jwksUri: jwksUrl, assertClaims });
    try {
      await verifier.verifyAccessToken(token, contract.audience!.values[0]!);
      return ok;
    } catch (err) {
      return no((err as Error).message);
    }
  };
}

/**
 * Cognito: aws-jwt-verify's CognitoJwtVerifier for the pool, tokenUse "access", the app client ids, the
 * resource-server scope and the group, graceSeconds = leeway. Its JWKS comes through the library's own cache
 * with a fetcher that records the URI the library asks for and answers from the loopback server.
 */
export function awsCognito(contract: IdentityContract, jwksUrl: string, requested: string[]): VendorVerifier {
  const fetcher = {
    fetch: async (uri: string) => {
      requested.push(uri);
      return (await fetch(jwksUrl)).arrayBuffer();
    },
  };
  const penaltyBox = { wait: async () => {}, registerFailedAttempt: () => {}, registerSuccessfulAttempt: () => {} };
  const cache = new SimpleJwksCache({ fetcher, penaltyBox });
  return async (token, route) => {
    const verifier = CognitoJwtVerifier.create(
      {
        userPoolId: String(contract.details["userPoolId"]),
        tokenUse: "access",
        clientId: [...contract.clients.values],
        graceSeconds: contract.leewaySeconds,
        ...(route.scopes.length > 0 ? { scope: route.scopes.map((s) => contract.scopes.valuePrefix + s) } : {}),
        ...(route.roles.length > 0 ? { groups: [...route.roles] } : {}),
      },
      { jwksCache: cache },
    );
    try {
      await verifier.verify(token);
      return ok;
    } catch (err) {
      return no((err as Error).message);
    }
  };
}
