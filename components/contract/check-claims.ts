import { issuerHint } from "./issuer-hints";
import { readListClaim, shapeProblem } from "./list-claims";
import type { IdentityContract, RouteAuthRequirements } from "./types";

export { readListClaim } from "./list-claims";

/** Why a decoded access token would be rejected. `code` is stable; `message` is for people. */
export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
}

export type RejectionCode =
  | "algorithm"
  | "key"
  | "signature"
  | "issuer"
  | "audience"
  | "client"
  | "token-type"
  | "expired"
  | "not-yet-valid"
  | "issued-in-future"
  | "missing-claim"
  | "invalid-claim"
  | "scope"
  | "role";

export type JwtClaims = Readonly<Record<string, unknown>>;
export interface JwtHeader {
  readonly alg?: unknown;
  readonly typ?: unknown;
  readonly kid?: unknown;
}

export interface CheckContext {
  readonly header: JwtHeader;
  /** The route the token is presented to. Omit to check only the token itself. */
  readonly route?: RouteAuthRequirements;
  /** Seconds since the epoch. */
  readonly now: number;
}

/**
 * Every reason a decoded access token would be rejected by the stack, empty when it would be accepted.
 *
 * `contracts` is the list of IdPs the gateway trusts (two during a cut-over): the token is matched to the
 * contract whose issuer equals its `iss` exactly, and only that contract's rules apply to it.
 * This is the single implementation used by `kis` and the tests; Kong's plugin configuration is generated
 * from the same contract, so the two agree by construction. The signature itself is checked by the caller
 * (`verifySignature` in the CLI); this function checks what can be checked without keys, `kid` included.
 */
export function checkClaims(
  contracts: IdentityContract | readonly IdentityContract[],
  claims: JwtClaims,
  context: CheckContext,
): Rejection[] {
  const trusted = Array.isArray(contracts) ? (contracts as readonly IdentityContract[]) : [contracts as IdentityContract];
  const rejections: Rejection[] = [];
  const iss = claims["iss"];
  const contract = trusted.find((c) => c.issuer === iss);

  rejections.push(...checkAlgorithm(contract ?? trusted[0], context.header));
  rejections.push(...checkKeyId(context.header));
  if (!contract) {
    const expected = trusted.map((c) => `"${c.issuer}"`).join(" or ");
    rejections.push({
      code: "issuer",
      message:
        typeof iss === "string"
          ? `iss "${iss}" is not trusted; expected ${expected}${issuerHint(iss, trusted)}`
          : `the token has no iss claim; expected ${expected}`,
    });
    return rejections;
  }

  const idToken = idTokenReason(contract, claims);
  rejections.push(...checkTokenType(contract, claims));
  rejections.push(...checkAudience(contract, claims, idToken));
  rejections.push(...checkClient(contract, claims, idToken));
  rejections.push(...checkTimes(contract, claims, context.now));
  if (context.route && !context.route.anonymous) {
    rejections.push(...checkScopes(contract, claims, context.route));
    rejections.push(...checkRoles(contract, claims, context.route));
  }
  return rejections;
}

function checkAlgorithm(contract: IdentityContract | undefined, header: JwtHeader): Rejection[] {
  const alg = header.alg;
  if (typeof alg !== "string" || alg.length === 0) {
    return [{ code: "algorithm", message: "the token header has no alg" }];
  }
  if (alg.toLowerCase() === "none") {
    return [{ code: "algorithm", message: 'alg "none" (an unsigned token) is never accepted' }];
  }
  if (/^HS/i.test(alg)) {
    return [
      {
        code: "algorithm",
        message: `alg "${alg}" is a shared-secret algorithm; a public-key IdP's tokens must be verified with an asymmetric algorithm`,
      },
    ];
  }
  const allowed = contract?.algorithms ?? [];
  if (!allowed.includes(alg as never)) {
    return [{ code: "algorithm", message: `alg "${alg}" is not one of the pinned algorithms ${allowed.join(", ")}` }];
  }
  return [];
}

/**
 * Kong finds the verification key by `kid`: the jwt plugin looks the credential up by it (key_claim_name kid,
 * "No mandatory 'kid' in claims") and openid-connect picks the JWKS key by it. All three IdPs always send one.
 */
function checkKeyId(header: JwtHeader): Rejection[] {
  const kid = header.kid;
  if (typeof kid === "string" && kid.length > 0) return [];
  return [
    {
      code: "key",
      message:
        kid === undefined
          ? "the token header has no kid; Kong finds the signing key by kid and rejects a token without one"
          : `the token header's kid is ${JSON.stringify(kid)}, not a key id; Kong finds the signing key by kid`,
    },
  ];
}

/**
 * Why the token looks like an ID token of this IdP, or undefined. Entra: no azp/appid and no scp/roles, or a
 * nonce/at_hash (Microsoft: "ID tokens ... shouldn't be used to call an API"). Okta and Cognito: aud is one of
 * the registered client ids (an ID token's audience is the client; an access token's is the API).
 */
function idTokenReason(contract: IdentityContract, claims: JwtClaims): string | undefined {
  if (contract.provider === "entra") {
    const noClient = claims["azp"] === undefined && claims["appid"] === undefined;
    const noGrant = claims["scp"] === undefined && claims["roles"] === undefined;
    if (noClient && (noGrant || claims["nonce"] !== undefined || claims["at_hash"] !== undefined)) {
      return "this is an ID token, not an access token: Entra ID tokens carry no azp/appid and no scp/roles; call the API with the access token requested for it";
    }
    return undefined;
  }
  const aud = claims["aud"];
  const auds = typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud : [];
  if (contract.provider !== "cognito" && auds.some((a) => contract.clients.values.includes(a as string))) {
    return `this is an ID token, not an access token: aud is the client id ${JSON.stringify(auds[0])}; call the API with the access token`;
  }
  return undefined;
}

function checkTokenType(contract: IdentityContract, claims: JwtClaims): Rejection[] {
  return contract.tokenType
    .filter((rule) => claims[rule.claim] !== rule.value)
    .map((rule) => ({
      code: "token-type" as const,
      message:
        claims[rule.claim] === undefined
          ? `the token has no ${rule.claim} claim; expected "${rule.value}" because ${rule.reason}`
          : `${rule.claim} is ${JSON.stringify(claims[rule.claim])}; expected "${rule.value}" because ${rule.reason}`,
    }));
}

function checkAudience(contract: IdentityContract, claims: JwtClaims, idToken: string | undefined): Rejection[] {
  const rule = contract.audience;
  if (!rule) return [];
  const value = claims[rule.claim];
  const present = typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  if (present.length === 0) {
    return [{ code: "audience", message: `the token has no ${rule.claim} claim; expected ${quoteList(rule.values)}` }];
  }
  if (!present.some((v) => rule.values.includes(v))) {
    const why = idToken && contract.provider !== "entra" ? `; ${idToken}` : "";
    return [{ code: "audience", message: `${rule.claim} ${quoteList(present)} is not this API; expected ${quoteList(rule.values)}${why}` }];
  }
  return [];
}

function checkClient(contract: IdentityContract, claims: JwtClaims, idToken: string | undefined): Rejection[] {
  const rule = contract.clients;
  const value = claims[rule.claim];
  if (typeof value !== "string") {
    const why = idToken && contract.provider === "entra" ? `: ${idToken}` : "";
    return [{ code: "client", message: `the token has no ${rule.claim} claim naming the calling client${why}` }];
  }
  if (!rule.values.includes(value)) {
    return [
      {
        code: "client",
        message: `client ${rule.claim} "${value}" is not registered for this API; allowed: ${quoteList(rule.values)}`,
      },
    ];
  }
  return [];
}

/**
 * RFC 7519 §4.1.4-4.1.6: exp, nbf and iat are NumericDate (a JSON number); "on or after" exp the token is
 * rejected. With the contract's leeway: rejected when now >= exp + leeway, or now + leeway < nbf (or iat).
 * A present time claim that is not a NumericDate (a string, null, a number no clock reaches) is invalid,
 * whichever of the three it is: a forged or broken token, judged on nothing else of its times.
 */
function checkTimes(contract: IdentityContract, claims: JwtClaims, now: number): Rejection[] {
  const leeway = contract.leewaySeconds;
  const invalid = (["exp", "nbf", "iat"] as const).filter((k) => claims[k] !== undefined && !isDate(claims[k]));
  if (invalid.length > 0) {
    return invalid.map((k) => ({
      code: "invalid-claim" as const,
      message:
        typeof claims[k] === "number"
          ? `${k} ${String(claims[k])} is not a valid NumericDate (seconds since 1970 within ±8.64e12)`
          : `${k} is ${JSON.stringify(claims[k])}, not a NumericDate; RFC 7519 requires a JSON number of seconds`,
    }));
  }
  const out: Rejection[] = [];
  const exp = claims["exp"];
  if (!isDate(exp)) {
    out.push({ code: "missing-claim", message: "the token has no exp claim; an access token must expire (RFC 9068 §2.2)" });
  } else if (now >= exp + leeway) {
    out.push({ code: "expired", message: `expired ${now - exp}s ago, at or beyond the ${leeway}s leeway` });
  }
  const nbf = claims["nbf"];
  if (isDate(nbf) && now + leeway < nbf) {
    out.push({ code: "not-yet-valid", message: `not valid for another ${nbf - now}s (nbf), beyond the ${leeway}s leeway` });
  }
  const iat = claims["iat"];
  if (isDate(iat) && now + leeway < iat) {
    out.push({ code: "issued-in-future", message: `issued ${iat - now}s in the future (iat), beyond the ${leeway}s leeway` });
  }
  return out;
}

/** A JWT NumericDate (RFC 7519 section 2) a clock can represent: finite and within Date's ±8.64e12 seconds. */
export function isNumericDate(v: number): boolean {
  return Number.isFinite(v) && Math.abs(v) <= 8.64e12;
}

const isDate = (v: unknown): v is number => typeof v === "number" && isNumericDate(v);

function checkScopes(contract: IdentityContract, claims: JwtClaims, route: RouteAuthRequirements): Rejection[] {
  if (route.scopes.length === 0) return [];
  const { claim, shape, valuePrefix } = contract.scopes;
  const problem = shapeProblem(claim, claims[claim], shape);
  const present = readListClaim(claims[claim], shape);
  const missing = route.scopes.filter((s) => !present.includes(valuePrefix + s));
  if (missing.length === 0) return [];
  const has = problem ?? `the token has ${present.length ? quoteList(present) : "none"}`;
  return [{ code: "scope", message: `route ${route.name} requires scope ${quoteList(missing.map((s) => valuePrefix + s))} in ${claim}; ${has}` }];
}

function checkRoles(contract: IdentityContract, claims: JwtClaims, route: RouteAuthRequirements): Rejection[] {
  if (route.roles.length === 0) return [];
  const { claim, shape } = contract.groups;
  const problem = shapeProblem(claim, claims[claim], shape);
  const present = readListClaim(claims[claim], shape);
  if (route.roles.some((r) => present.includes(r))) return [];
  const has = problem ?? `the token has ${present.length ? quoteList(present) : "none"}`;
  return [{ code: "role", message: `route ${route.name} requires one of ${quoteList(route.roles)} in ${claim}; ${has}` }];
}

function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(", ");
}
