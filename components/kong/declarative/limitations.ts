import type { IdentityContract } from "../../contract";
import { CLIENT_HEADER } from "../plugins";
import { compare } from "./order";
import { isProtected, type KongRouteInput } from "./route-input";
import type { KongEdition } from "./types";

/** A check of the identity contract that the generated Kong configuration does not make. */
export type LimitationCheck =
  | "issuer"
  | "audience"
  | "client"
  | "scopes"
  | "roles"
  | "token-type"
  | "leeway"
  | "key-rotation"
  | "provider-selection";

export interface KongLimitation {
  /** The route concerned, or EVERY_PROTECTED_ROUTE. */
  readonly route: string;
  readonly check: LimitationCheck;
  /** The provider (contract name) concerned, when the limitation is about one. */
  readonly contract?: string;
  readonly reason: string;
}

export const EVERY_PROTECTED_ROUTE = "*";

/**
 * What Kong will not check compared with `checkClaims`, stated plainly for the plan and docs/kong.md.
 * Empty when no route needs a token. Sorted by route, check, contract.
 */
export function describeKongLimitations(
  contracts: readonly IdentityContract[],
  routes: readonly KongRouteInput[],
  edition: KongEdition,
): KongLimitation[] {
  const guarded = routes.filter(isProtected);
  if (guarded.length === 0) return [];
  const found = edition === "oss" ? ossLimitations(contracts, guarded) : enterpriseLimitations(contracts);
  return found.sort(
    (a, b) => compare(a.route, b.route) || compare(a.check, b.check) || compare(a.contract ?? "", b.contract ?? ""),
  );
}

function ossLimitations(contracts: readonly IdentityContract[], routes: readonly KongRouteInput[]): KongLimitation[] {
  const all = EVERY_PROTECTED_ROUTE;
  const perContract = contracts.flatMap((c): KongLimitation[] => [
    {
      route: all,
      check: "issuer",
      contract: c.name,
      reason:
        `the OSS jwt plugin does not compare iss with ${c.issuer}: any token signed by a key of ${c.jwksUri} is accepted` +
        (c.provider === "entra"
          ? "; Entra signs the tokens of every tenant with the same keys, so tokens issued by ANY Entra tenant are accepted"
          : ""),
    },
    ...(c.audience
      ? [
          {
            route: all,
            check: "audience" as const,
            contract: c.name,
            reason: `the OSS jwt plugin cannot check ${c.audience.claim}: tokens for other APIs signed by the same keys are accepted`,
          },
        ]
      : []),
    {
      route: all,
      check: "client",
      contract: c.name,
      reason:
        `the OSS jwt plugin cannot check ${c.clients.claim} against the registered clients` +
        (c.audience ? "" : ` (for ${c.provider} this is the check that binds a token to this API)`),
    },
    ...c.tokenType.map(
      (rule): KongLimitation => ({
        route: all,
        check: "token-type",
        contract: c.name,
        reason: `the OSS jwt plugin cannot require ${rule.claim} = "${rule.value}", which the contract requires because ${rule.reason}`,
      }),
    ),
    ...(c.leewaySeconds > 0
      ? [
          {
            route: all,
            check: "leeway" as const,
            contract: c.name,
            reason: `the OSS jwt plugin has no clock leeway: exp is enforced exactly, not with the contract's ${c.leewaySeconds}s`,
          },
        ]
      : []),
    {
      route: all,
      check: "key-rotation",
      contract: c.name,
      reason: `signing keys are copied from ${c.jwksUri} at deploy time: tokens signed with a key published later are rejected until the next deployment`,
    },
  ]);
  const perRoute = routes.flatMap((route): KongLimitation[] => [
    ...(route.scopes.length > 0
      ? [
          {
            route: route.name,
            check: "scopes" as const,
            reason: `the OSS jwt plugin cannot require scopes; this route's scopes (${route.scopes.join(", ")}) are not enforced`,
          },
        ]
      : []),
    ...(route.roles.length > 0
      ? [
          {
            route: route.name,
            check: "roles" as const,
            reason:
              "no acl: in OSS the Kong consumer is the identity provider, not the caller, so this route's roles " +
              `(${route.roles.join(", ")}) are not enforced`,
          },
        ]
      : []),
  ]);
  return [...perContract, ...perRoute];
}

function enterpriseLimitations(contracts: readonly IdentityContract[]): KongLimitation[] {
  const all = EVERY_PROTECTED_ROUTE;
  const perContract = contracts.flatMap((c): KongLimitation[] => [
    // Where the audience binds the token, the client allow-list has no openid-connect setting of its own.
    ...(c.audience
      ? [
          {
            route: all,
            check: "client" as const,
            contract: c.name,
            reason:
              `openid-connect checks ${c.audience.claim} but has no allow-list for ${c.clients.claim}: ` +
              `any client that obtains a token for this API is accepted; the value is forwarded as ${CLIENT_HEADER}`,
          },
        ]
      : []),
    ...c.tokenType.map(
      (rule): KongLimitation => ({
        route: all,
        check: "token-type",
        contract: c.name,
        reason:
          `openid-connect cannot require ${rule.claim} = "${rule.value}", which the contract requires because ${rule.reason}` +
          (c.audience ? "" : `; tokens without ${c.clients.claim} (such as ID tokens) are still refused by the ${c.clients.claim} check`),
      }),
    ),
  ]);
  if (contracts.length < 2) return perContract;

  // A cut-over: one copy of each protected route per provider (see issuer-selector.ts).
  const [first, ...others] = contracts;
  const cutOver = others.map(
    (c): KongLimitation => ({
      route: all,
      check: "provider-selection",
      contract: c.name,
      reason:
        `cut-over: a token reaches ${c.name}'s copy of each route only when it is sent in the Authorization header and its ` +
        `payload names "iss":"${c.issuer}" in compact JSON, as the IdP emits it; any other token is judged by ${first!.name}'s rules ` +
        `(checkClaims picks the provider by the verified iss instead). The pick is a routing hint, not trust: ${c.name}'s plugin ` +
        "verifies signature, issuer, audience, scopes and groups itself",
    }),
  );
  return [...perContract, ...cutOver];
}
