import type { IdentityContract, RouteAuthRequirements } from "./types";

/** Why a decoded access token would be rejected. `code` is stable; `message` is for people. */
export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
}

export type RejectionCode =
  | "algorithm"
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
 * from the same contract, so the two agree by construction.
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

  rejections.push(...checkTokenType(contract, claims));
  rejections.push(...checkAudience(contract, claims));
  rejections.push(...checkClient(contract, claims));
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

function issuerHint(iss: string, trusted: readonly IdentityContract[]): string {
  for (const c of trusted) {
    if (c.provider === "entra" && c.details["tenantId"] && iss.includes(String(c.details["tenantId"]))) {
      // The most common Entra failure: a v1 token at a v2 gateway or the reverse.
      return ` (same tenant, other token version: the API application's requestedAccessTokenVersion decides the issuer)`;
    }
    if (iss.replace(/\/$/, "") === c.issuer.replace(/\/$/, "")) {
      return " (differs only by a trailing slash: issuers are compared exactly)";
    }
    if (c.provider === "okta" && sameOrigin(iss, c.issuer)) {
      // The org authorization server and other custom servers of the same org sign with other keys and audiences.
      return " (same Okta org, other authorization server: only the API's custom authorization server issues tokens for it)";
    }
    if (c.provider === "cognito" && c.details["userPoolId"] && iss.endsWith(`/${String(c.details["userPoolId"])}`)) {
      return " (same user pool, other issuer host: Cognito's alternative issuer is not configured for this API)";
    }
  }
  return "";
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
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

function checkAudience(contract: IdentityContract, claims: JwtClaims): Rejection[] {
  const rule = contract.audience;
  if (!rule) return [];
  const present = asList(claims[rule.claim]);
  if (present.length === 0) {
    return [{ code: "audience", message: `the token has no ${rule.claim} claim; expected ${quoteList(rule.values)}` }];
  }
  if (!present.some((v) => rule.values.includes(v))) {
    return [
      {
        code: "audience",
        message: `${rule.claim} ${quoteList(present)} is not this API; expected ${quoteList(rule.values)}`,
      },
    ];
  }
  return [];
}

function checkClient(contract: IdentityContract, claims: JwtClaims): Rejection[] {
  const rule = contract.clients;
  const value = claims[rule.claim];
  if (typeof value !== "string") {
    return [{ code: "client", message: `the token has no ${rule.claim} claim naming the calling client` }];
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

function checkTimes(contract: IdentityContract, claims: JwtClaims, now: number): Rejection[] {
  const leeway = contract.leewaySeconds;
  const out: Rejection[] = [];
  // A time no clock can reach (1e13, -1e20, a float beyond Date's range) is a forged or broken token, not a date.
  const invalid = ["exp", "nbf", "iat"].filter((k) => typeof claims[k] === "number" && !isNumericDate(claims[k] as number));
  if (invalid.length > 0) {
    return invalid.map((k) => ({ code: "invalid-claim" as const, message: `${k} ${String(claims[k])} is not a valid NumericDate (seconds since 1970 within ±8.64e12)` }));
  }
  const exp = claims["exp"];
  if (typeof exp !== "number") {
    out.push({ code: "missing-claim", message: "the token has no numeric exp claim" });
  } else if (now > exp + leeway) {
    out.push({
      code: "expired",
      message: `expired ${now - exp}s ago, beyond the ${leeway}s leeway`,
    });
  }
  const nbf = claims["nbf"];
  if (typeof nbf === "number" && now + leeway < nbf) {
    out.push({ code: "not-yet-valid", message: `not valid for another ${nbf - now}s (nbf), beyond the ${leeway}s leeway` });
  }
  const iat = claims["iat"];
  if (typeof iat === "number" && now + leeway < iat) {
    out.push({ code: "issued-in-future", message: `issued ${iat - now}s in the future (iat), beyond the ${leeway}s leeway` });
  }
  return out;
}

function checkScopes(contract: IdentityContract, claims: JwtClaims, route: RouteAuthRequirements): Rejection[] {
  if (route.scopes.length === 0) return [];
  const present = readListClaim(claims[contract.scopes.claim], contract.scopes.shape);
  const missing = route.scopes.filter((s) => !present.includes(contract.scopes.valuePrefix + s));
  if (missing.length === 0) return [];
  return [
    {
      code: "scope",
      message: `route ${route.name} requires scope ${quoteList(missing.map((s) => contract.scopes.valuePrefix + s))} in ${contract.scopes.claim}; the token has ${present.length ? quoteList(present) : "none"}`,
    },
  ];
}

function checkRoles(contract: IdentityContract, claims: JwtClaims, route: RouteAuthRequirements): Rejection[] {
  if (route.roles.length === 0) return [];
  const present = readListClaim(claims[contract.groups.claim], contract.groups.shape);
  if (route.roles.some((r) => present.includes(r))) return [];
  return [
    {
      code: "role",
      message: `route ${route.name} requires one of ${quoteList(route.roles)} in ${contract.groups.claim}; the token has ${present.length ? quoteList(present) : "none"}`,
    },
  ];
}

/** Reads a list claim in the shape the contract says; tolerates the other shape rather than crashing. */
export function readListClaim(value: unknown, shape: "space-delimited-string" | "array"): string[] {
  if (typeof value === "string") return shape === "array" ? [value] : value.split(" ").filter(Boolean);
  return asList(value);
}

function asList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(", ");
}

/** A JWT NumericDate (RFC 7519 section 2) a clock can represent: finite and within Date's ±8.64e12 seconds. */
export function isNumericDate(v: number): boolean {
  return Number.isFinite(v) && Math.abs(v) <= 8.64e12;
}
