import type { IdentityContract } from "../../contract";
import {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  aclPlugin,
  correlationIdPlugin,
  requestHygienePlugin,
  jwtPlugin,
  openidConnectPlugin,
  rateLimitingPlugin,
  stripIdentityHeadersPlugin,
  type KongPlugin,
} from "../plugins";
import { assertDistinctIssuers, ISSUER_SELECTOR_HEADER, issuerSelectorPattern, providerRouteName } from "./issuer-selector";
import { applyEdgeClientAddress, applyEdgeTrust } from "./edge-trust";
import { applyPingAuth } from "./ping-auth";
import { applyObservability } from "./observability";
import { idpConsumers } from "./jwt-credentials";
import { compare } from "./order";
import { isProtected, type KongRouteInput } from "./route-input";
import { entityTags } from "./tags";
import type { DeclarativeConfigOptions, KongDeclarativeConfig, KongProtocol, KongRoute, KongService } from "./types";

/**
 * Routes accept https only: bearer tokens must never cross a cleartext hop. Behind F5 this means the virtual
 * server re-encrypts to Kong's TLS port (or Kong trusts the balancer's X-Forwarded-Proto via `trusted_ips`);
 * a plain-http request gets Kong's 426 (Upgrade Required) instead of reaching the upstream.
 */
export const ROUTE_PROTOCOLS: readonly KongProtocol[] = ["https"];

/**
 * The declarative configuration (kong.yml) for the given identity contracts and routes. Pure and
 * deterministic: services are sorted by name, plugins by name, credentials by key; nothing depends on time
 * or randomness. Every identity fact comes from the contracts; the routes only say which scopes and roles
 * they require.
 */
export function buildDeclarativeConfig(
  contracts: readonly IdentityContract[],
  routes: readonly KongRouteInput[],
  options: DeclarativeConfigOptions,
): KongDeclarativeConfig {
  assertUniqueNames(routes);
  assertDistinctIssuers(contracts);
  const tags = entityTags(options.environment);
  const services: KongService[] = [...routes]
    .sort((a, b) => compare(a.name, b.name))
    .map((route) => ({
      // One service per route: upstreams can differ per route, and per-service plugins stay possible later.
      name: route.name,
      url: route.upstream,
      tags,
      routes: kongRoutes(route, contracts, options, tags),
    }));
  const needsIdpConsumers = options.edition === "oss" && routes.some(isProtected);
  const config: KongDeclarativeConfig = {
    _format_version: "3.0",
    services,
    consumers: needsIdpConsumers ? idpConsumers(contracts, options.jwks, tags) : [],
    plugins: [correlationIdPlugin(tags), ...requestHygiene(options, tags)].sort((a, b) => compare(a.name, b.name)),
  };
  return applyPingAuth(
    applyObservability(applyEdgeClientAddress(applyEdgeTrust(config, options.edgeTrust, tags), options.edgeClientAddress, tags), options.observability, options.environment, tags),
    options.pingAuth,
    tags,
  );
}

/**
 * The global pre-function: where Kong is the first hop, the client's X-Request-ID is dropped so correlation-id
 * makes one (observability.keepClientRequestId keeps it, refused by the policy pack); with tracing on, every
 * exported span loses query strings and credential attributes (observability.tracing.redactUrls).
 */
function requestHygiene(options: DeclarativeConfigOptions, tags: readonly string[]) {
  const o = options.observability;
  const plugin = requestHygienePlugin(
    {
      resetRequestId: !options.requestIdFromEdge && !(o?.keepClientRequestId ?? false),
      redactSpans: !!(o?.tracing.enabled && o.tracing.endpoint && o.tracing.redactUrls),
    },
    tags,
  );
  return plugin ? [plugin] : [];
}

/**
 * The Kong routes for one configured route. With the Enterprise edition and more than one trusted provider (a
 * cut-over), a protected route is emitted once per provider: the first provider's copy has the route's own
 * name and no extra condition; each other provider's copy adds a header condition that selects tokens naming
 * that provider's issuer (see issuer-selector.ts) and carries only that provider's rules. Kong prefers the
 * route with the header condition when it matches.
 */
function kongRoutes(
  route: KongRouteInput,
  contracts: readonly IdentityContract[],
  options: DeclarativeConfigOptions,
  tags: readonly string[],
): KongRoute[] {
  if (options.edition !== "enterprise" || !isProtected(route) || contracts.length < 2) {
    return [kongRoute(route, route.name, undefined, contracts, options, tags)];
  }
  const [first, ...others] = contracts;
  return [
    kongRoute(route, route.name, undefined, [first!], options, tags),
    ...others.map((c) =>
      kongRoute(route, providerRouteName(route.name, c), { [ISSUER_SELECTOR_HEADER]: [issuerSelectorPattern(c.issuer)] }, [c], options, tags),
    ),
  ];
}

function kongRoute(
  route: KongRouteInput,
  name: string,
  headers: Readonly<Record<string, readonly string[]>> | undefined,
  contracts: readonly IdentityContract[],
  options: DeclarativeConfigOptions,
  tags: readonly string[],
): KongRoute {
  return {
    name,
    hosts: [...(route.hosts ?? options.hostnames)],
    paths: [...route.paths],
    ...(route.methods ? { methods: [...route.methods] } : {}),
    ...(headers ? { headers } : {}),
    protocols: ROUTE_PROTOCOLS,
    // Upstreams see the path the client called.
    strip_path: false,
    tags,
    plugins: routePlugins(route, contracts, options, tags).sort((a, b) => compare(a.name, b.name)),
  };
}

function routePlugins(
  route: KongRouteInput,
  contracts: readonly IdentityContract[],
  options: DeclarativeConfigOptions,
  tags: readonly string[],
): KongPlugin[] {
  const perMinute = route.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  if (!isProtected(route)) {
    // No identity: the client address is the only key; nothing may claim an identity upstream.
    return [rateLimitingPlugin(perMinute, "ip", tags), stripIdentityHeadersPlugin(tags)];
  }
  if (options.edition === "enterprise") {
    return [
      openidConnectPlugin(contracts, route, tags, options.signIns?.[route.name]),
      ...(route.roles.length > 0 ? [aclPlugin(route.roles, tags)] : []),
      // No consumer is mapped, so Kong counts by the credential openid-connect derives from the subject claim.
      rateLimitingPlugin(perMinute, "consumer", tags),
    ];
  }
  // OSS: the consumer is the IdP, not the caller, so limiting "by consumer" would give every caller one
  // shared budget. By ip instead (the real client address only if Kong trusts the balancer's headers).
  return [jwtPlugin(contracts, tags), rateLimitingPlugin(perMinute, "ip", tags), stripIdentityHeadersPlugin(tags)];
}

function assertUniqueNames(routes: readonly KongRouteInput[]): void {
  const seen = new Set<string>();
  for (const route of routes) {
    if (seen.has(route.name)) throw new Error(`route name ${route.name} is used twice; Kong needs unique route names`);
    seen.add(route.name);
  }
}
