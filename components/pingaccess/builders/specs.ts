import type { IdentityContract } from "../../contract";
import { ALL_SUCCEED, ANY_ONE_SUCCEEDS, JWKS_VALIDATOR_CLASS, OAUTH_ATTRIBUTE_RULE_CLASS, OAUTH_SCOPE_RULE_CLASS } from "./classes";
import { pingAccessNames, type PingAccessNames } from "./names";
import { jwksPath, type TokenValidationChoice } from "../../shared/token-validation";

/** The route facts PingAccess needs (a subset of RouteConfig, so tests can pass plain objects). */
export interface PingAccessRouteInput {
  readonly name: string;
  readonly paths: readonly string[];
  readonly methods?: readonly string[];
  readonly scopes: readonly string[];
  readonly roles: readonly string[];
  readonly anonymous: boolean;
}

export interface PingAccessPlanInput {
  readonly apiName: string;
  readonly environment: string;
  readonly applicationName?: string;
  /** Route names PingAccess decides on; undefined: every protected route. */
  readonly routeNames?: readonly string[];
  readonly routes: readonly PingAccessRouteInput[];
  readonly virtualHosts: readonly VirtualHostSpec[];
  readonly secretHeaderName: string;
  /** Where the validator reads the JWKS and whether it skips audience validation (tokenValidationChoice). */
  readonly tokenValidation?: TokenValidationChoice;
  /** Escape hatch: rules that differ from Kong's (the pingaccess-rules-match-kong policy refuses them). */
  readonly ruleOverrides?: Readonly<Record<string, { readonly scopes?: readonly string[]; readonly groups?: readonly string[] }>>;
}

export interface VirtualHostSpec {
  readonly host: string;
  readonly port: number;
}

export interface SidebandClientSpec {
  readonly name: string;
  readonly description: string;
  readonly secretHeaderName: string;
}

export interface AccessTokenValidatorSpec {
  readonly name: string;
  readonly className: string;
  /**
   * The path (and query) of the contract's JWKS URL: PingAccess takes a path starting with `/` on the token
   * provider's host, or on the host of the third-party service the validator names. It validates tokens
   * locally, against the same keys as Kong.
   */
  readonly path: string;
  /** The third-party service (by name) whose target is the JWKS host; absent: the token provider's host. */
  readonly thirdPartyService?: string;
  /** PingAccess 8.0+: a token without `aud` passes only with this set (Cognito access tokens). */
  readonly skipAudienceValidation: boolean;
  readonly issuer: string;
  /** Absent where the IdP's access tokens carry no audience (Cognito). */
  readonly audience?: string;
  readonly subjectAttributeName: string;
}

/** A third-party service for the IdP's JWKS host (PingAccess 8.3.2+), which the validator names. */
export interface ThirdPartyServiceSpec {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

export interface ApplicationSpec {
  readonly name: string;
  readonly description: string;
  readonly contextRoot: string;
  /** Kong matches paths case-sensitively; PingAccess must agree or a resource could be skipped by case. */
  readonly caseSensitivePath: boolean;
}

export type RuleKind = "scope" | "group";

export interface RuleSpec {
  readonly name: string;
  readonly kind: RuleKind;
  readonly className: string;
  /** The scope (as it appears in the token, IdP prefix included) or the group the rule requires. */
  readonly value: string;
  /** The token claim the rule reads (groups rules; scope rules read PingAccess's own scope attribute). */
  readonly claim: string;
}

export interface RuleSetSpec {
  readonly name: string;
  readonly successCriteria: typeof ANY_ONE_SUCCEEDS | typeof ALL_SUCCEED;
  /** Names of the rules in the set (resolved to ids when the rules exist). */
  readonly rules: readonly string[];
}

export interface ResourceSpec {
  readonly name: string;
  /** The Kong route (and service) this resource mirrors. */
  readonly route: string;
  readonly methods: readonly string[];
  readonly pathPatterns: readonly { readonly type: "WILDCARD"; readonly pattern: string }[];
  /** What the resource's policy requires: every scope (without IdP prefix), and any one of the groups. */
  readonly scopes: readonly string[];
  readonly groups: readonly string[];
  /** The policy, in order: scope rules by name, then the group rule or rule set by name. */
  readonly policy: readonly { readonly type: "Rule" | "RuleSet"; readonly name: string }[];
}

/**
 * The order PingAccess must try an application's resources in (it takes the first whose pattern matches), as
 * Kong's router prefers routes: a route with methods before one without, then the longer path, then by name.
 * Pure; returns resource names.
 */
export function resourceEvaluationOrder(resources: readonly Pick<ResourceSpec, "name" | "methods" | "pathPatterns">[]): string[] {
  const anyMethod = (r: Pick<ResourceSpec, "methods">) => (r.methods.includes("*") ? 1 : 0);
  const longest = (r: Pick<ResourceSpec, "pathPatterns">) => Math.max(0, ...r.pathPatterns.map((p) => p.pattern.replace(/\*+$/, "").length));
  return [...resources]
    .sort((a, b) => anyMethod(a) - anyMethod(b) || longest(b) - longest(a) || byName(a.name, b.name))
    .map((r) => r.name);
}

export interface PingAccessSidebandPlan {
  readonly names: PingAccessNames;
  readonly routes: readonly string[];
  readonly sidebandClient: SidebandClientSpec;
  readonly thirdPartyServices: readonly ThirdPartyServiceSpec[];
  readonly tokenValidator: AccessTokenValidatorSpec;
  readonly virtualHosts: readonly VirtualHostSpec[];
  readonly application: ApplicationSpec;
  readonly rules: readonly RuleSpec[];
  readonly ruleSets: readonly RuleSetSpec[];
  readonly resources: readonly ResourceSpec[];
  /** resourceEvaluationOrder(resources): the application's manual resource order. */
  readonly resourceOrder: readonly string[];
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The routes PingAccess decides on: the named ones, or every protected route. */
export function pingAccessRoutes(routes: readonly PingAccessRouteInput[], routeNames?: readonly string[]): PingAccessRouteInput[] {
  if (!routeNames) return routes.filter((r) => !r.anonymous);
  const wanted = new Set(routeNames);
  return routes.filter((r) => wanted.has(r.name));
}

/**
 * Kong's traditional router matches a route path as a prefix (`/orders` also matches `/orders/7` and
 * `/orders-old`); PingAccess's WILDCARD `*` matches any characters, so `<path>*` selects the same requests.
 */
export function pathPatternOf(kongPath: string): { type: "WILDCARD"; pattern: string } {
  return { type: "WILDCARD", pattern: kongPath.endsWith("*") ? kongPath : `${kongPath}*` };
}

/**
 * Everything PingAccess needs for the sideband, from the same contract and routes Kong is built from. Pure
 * and deterministic (sorted): one scope rule per distinct scope, one group rule per distinct group, a rule
 * set "any one of" for a route with several groups (Kong's acl admits any one), one resource per route.
 */
export function planPingAccessSideband(input: PingAccessPlanInput, contract: IdentityContract): PingAccessSidebandPlan {
  const names = pingAccessNames(input.apiName, input.environment, input.applicationName);
  const routes = [...pingAccessRoutes(input.routes, input.routeNames)].sort((a, b) => byName(a.name, b.name));
  const required = (route: PingAccessRouteInput) => {
    const override = input.ruleOverrides?.[route.name];
    return {
      scopes: [...new Set(override?.scopes ?? route.scopes)].sort(byName),
      groups: [...new Set(override?.groups ?? route.roles)].sort(byName),
    };
  };
  const scopes = [...new Set(routes.flatMap((r) => required(r).scopes))].sort(byName);
  const groups = [...new Set(routes.flatMap((r) => required(r).groups))].sort(byName);
  const rules: RuleSpec[] = [
    ...scopes.map((scope) => ({
      name: names.scopeRule(scope),
      kind: "scope" as const,
      className: OAUTH_SCOPE_RULE_CLASS,
      value: `${contract.scopes.valuePrefix}${scope}`,
      claim: contract.scopes.claim,
    })),
    ...groups.map((group) => ({
      name: names.groupRule(group),
      kind: "group" as const,
      className: OAUTH_ATTRIBUTE_RULE_CLASS,
      value: group,
      claim: contract.groups.claim,
    })),
  ];
  const ruleSets: RuleSetSpec[] = [];
  const resources: ResourceSpec[] = routes.map((route) => {
    const need = required(route);
    const policy: { type: "Rule" | "RuleSet"; name: string }[] = need.scopes.map((s) => ({ type: "Rule", name: names.scopeRule(s) }));
    if (need.groups.length === 1) policy.push({ type: "Rule", name: names.groupRule(need.groups[0]!) });
    if (need.groups.length > 1) {
      const set = { name: names.groupRuleSet(route.name), successCriteria: ANY_ONE_SUCCEEDS, rules: need.groups.map(names.groupRule) } as const;
      ruleSets.push(set);
      policy.push({ type: "RuleSet", name: set.name });
    }
    return {
      name: route.name,
      route: route.name,
      methods: route.methods && route.methods.length > 0 ? [...route.methods] : ["*"],
      pathPatterns: [...route.paths].sort(byName).map(pathPatternOf),
      scopes: need.scopes,
      groups: need.groups,
      policy,
    };
  });
  const thirdParty = input.tokenValidation?.thirdParty;
  return {
    names,
    routes: routes.map((r) => r.name),
    sidebandClient: {
      name: names.sidebandClient,
      description: `Kong ping-auth for ${names.prefix} (managed by kong-identity-stack)`,
      secretHeaderName: input.secretHeaderName,
    },
    thirdPartyServices: thirdParty ? [{ name: `${names.tokenValidator}-host`, host: thirdParty.host, port: thirdParty.port }] : [],
    tokenValidator: {
      name: names.tokenValidator,
      className: JWKS_VALIDATOR_CLASS,
      path: jwksPath(contract.jwksUri),
      ...(thirdParty ? { thirdPartyService: `${names.tokenValidator}-host` } : {}),
      issuer: contract.issuer,
      ...(contract.audience?.values[0] ? { audience: contract.audience.values[0] } : {}),
      skipAudienceValidation: input.tokenValidation?.skipAudienceValidation ?? false,
      subjectAttributeName: "sub",
    },
    virtualHosts: [...input.virtualHosts].sort((a, b) => byName(`${a.host}:${a.port}`, `${b.host}:${b.port}`)),
    application: {
      name: names.application,
      description: `API ${input.apiName} (${input.environment}) decided through Kong's ping-auth sideband; managed by kong-identity-stack`,
      contextRoot: "/",
      caseSensitivePath: true,
    },
    rules,
    ruleSets,
    resources,
    resourceOrder: resourceEvaluationOrder(resources),
  };
}
