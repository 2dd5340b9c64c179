/**
 * What Kong Gateway is configured with: the `kong` settings and the routes. Component arguments, not the stack
 * file: optional fields take the defaults below inside the component (kongSpec, routeSpec), so a Pulumi program
 * of its own passes only what it needs. The stack file's schema states the same defaults for its reference
 * documentation; a unit test holds the two equal.
 */

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

export interface KongArgs {
  /** enterprise: openid-connect (JWKS discovery, audience, scopes); oss: static-key jwt (development only). Default enterprise. */
  readonly edition?: "enterprise" | "oss";
  /** Kubernetes namespace of Kong. Default kong. */
  readonly namespace?: string;
  /** Version of the official `kong` Helm chart. Default 3.4.1. */
  readonly chartVersion?: string;
  /** Default kong/kong-gateway:3.9 (enterprise) or kong:3.9 (oss), unpinned. */
  readonly image?: { readonly repository: string; readonly tag: string; readonly digest?: string };
  /** Proxy replicas. Default 2. */
  readonly replicas?: number;
  /** Default LoadBalancer. */
  readonly proxyServiceType?: ServiceType;
  /** Host names of the API edge (routes default to these). At least one. */
  readonly hostnames: readonly string[];
  /** Existing Secret (key `license`) with the Enterprise licence. Default kong-enterprise-license. */
  readonly licenseSecretName?: string;
  /** inline, gzip, or auto (inline up to 512 KiB). Default auto. */
  readonly configDelivery?: "auto" | "inline" | "gzip";
  /** Default off (loopback only). */
  readonly adminApi?: {
    readonly enabled?: boolean;
    readonly serviceType?: ServiceType;
    readonly clientCaCertificate?: string;
    readonly allowedNamespaces?: readonly string[];
  };
  /** Escape hatch: what Kong validates instead of the primary contract (the policy pack checks it). */
  readonly tokenValidationOverride?: { readonly issuer?: string; readonly discoveryUrl?: string; readonly audiences?: readonly string[] };
  /** The proxy's certificate: an existing Secret, or a PEM chain whose key is the tlsPrivateKey argument. */
  readonly tls?: { readonly secretName?: string; readonly certificate?: string; readonly caCertificate?: string };
  /** Plain HTTP on the proxy: off, or a redirect to https. Default off. */
  readonly proxyHttp?: "off" | "redirect";
  readonly proxyExternalTrafficPolicy?: "Local" | "Cluster";
  /** Default requests 500m CPU, 1Gi memory; no limits. */
  readonly resources?: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits?: { readonly cpu?: string; readonly memory?: string };
  };
  /** Restart Kong on a change of a Secret the stack does not own: none or stakater. Default none. */
  readonly reloader?: "none" | "stakater";
  readonly proxyLoadBalancerAddress?: { readonly ip: string; readonly annotation?: string };
}

/** The Kong settings with every default applied: what the builders read. */
export type KongSpec = KongArgs &
  Required<Pick<KongArgs, "edition" | "namespace" | "chartVersion" | "replicas" | "proxyServiceType" | "licenseSecretName" | "configDelivery" | "proxyHttp" | "resources" | "reloader">> & {
    readonly adminApi: NonNullable<KongArgs["adminApi"]> & { readonly enabled: boolean; readonly serviceType: ServiceType };
  };

export const DEFAULT_KONG_RESOURCES = { requests: { cpu: "500m", memory: "1Gi" } } as const;

export const KONG_DEFAULTS = {
  edition: "enterprise",
  namespace: "kong",
  chartVersion: "3.4.1",
  replicas: 2,
  proxyServiceType: "LoadBalancer",
  licenseSecretName: "kong-enterprise-license",
  configDelivery: "auto",
  adminApi: { enabled: false, serviceType: "ClusterIP" },
  proxyHttp: "off",
  resources: DEFAULT_KONG_RESOURCES,
  reloader: "none",
} as const;

/** Applies the Kong defaults. Pure; settings already complete come back equal (same keys, same order). */
export function kongSpec(args: KongArgs): KongSpec {
  const d = KONG_DEFAULTS;
  return {
    ...args,
    edition: args.edition ?? d.edition,
    namespace: args.namespace ?? d.namespace,
    chartVersion: args.chartVersion ?? d.chartVersion,
    replicas: args.replicas ?? d.replicas,
    proxyServiceType: args.proxyServiceType ?? d.proxyServiceType,
    licenseSecretName: args.licenseSecretName ?? d.licenseSecretName,
    configDelivery: args.configDelivery ?? d.configDelivery,
    adminApi: { ...args.adminApi, enabled: args.adminApi?.enabled ?? d.adminApi.enabled, serviceType: args.adminApi?.serviceType ?? d.adminApi.serviceType },
    proxyHttp: args.proxyHttp ?? d.proxyHttp,
    resources: args.resources ?? { requests: { ...d.resources.requests } },
    reloader: args.reloader ?? d.reloader,
  };
}

export type SignInOidcScope = "openid" | "profile" | "email" | "offline_access";

/** Browser sign-in at the gateway (authorization code + PKCE + Kong session, Enterprise only). */
export interface RouteSignInArgs {
  /** The `kind: web` client the browser signs in with. */
  readonly client: string;
  /** Default `<first path>/oidc/callback`. */
  readonly callbackPath?: string;
  /** Default `<first path>/oidc/logout`. */
  readonly logoutPath?: string;
  /** Where the browser lands after logout. Default "/". */
  readonly postLogoutPath?: string;
  /** Default openid, profile, email. */
  readonly scopes?: readonly SignInOidcScope[];
  /** Default 480. */
  readonly sessionLifetimeMinutes?: number;
  /** Default 30. */
  readonly sessionIdleMinutes?: number;
  /** Also accept bearer tokens on the route. Default false. */
  readonly acceptBearer?: boolean;
  /** Raw openid-connect fields applied last (checked by the policy pack). */
  readonly kongOverrides?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}
export type RouteSignInSpec = RouteSignInArgs & Required<Pick<RouteSignInArgs, "postLogoutPath" | "scopes" | "sessionLifetimeMinutes" | "sessionIdleMinutes" | "acceptBearer">>;

export const SIGN_IN_DEFAULTS = {
  postLogoutPath: "/",
  scopes: ["openid", "profile", "email"],
  sessionLifetimeMinutes: 480,
  sessionIdleMinutes: 30,
  acceptBearer: false,
} as const;

export interface RouteArgs {
  /** Route name (slug); unique. Names the Kong service and route. */
  readonly name: string;
  /** Default: the Kong host names. */
  readonly hosts?: readonly string[];
  /** Path prefixes (each starts with "/"). At least one. */
  readonly paths: readonly string[];
  /** Default: all methods. */
  readonly methods?: readonly HttpMethod[];
  /** Upstream URL Kong proxies to. */
  readonly upstream: string;
  /** Scopes a token must carry, all of them. Default []. */
  readonly scopes?: readonly string[];
  /** Access groups, any one of them. Default []. */
  readonly roles?: readonly string[];
  /** Requests per minute per caller. Default 600. */
  readonly rateLimitPerMinute?: number;
  /** true only for a route that takes no token. Default false. */
  readonly anonymous?: boolean;
  readonly signIn?: RouteSignInArgs;
}
export type RouteSpec = Omit<RouteArgs, "signIn"> & Required<Pick<RouteArgs, "scopes" | "roles" | "anonymous">> & { readonly signIn?: RouteSignInSpec };

/** Applies a route's defaults. Pure; a route already complete comes back equal (same keys, same order). */
export function routeSpec(route: RouteArgs): RouteSpec {
  const { signIn } = route;
  const s = SIGN_IN_DEFAULTS;
  return {
    ...route,
    scopes: route.scopes ?? [],
    roles: route.roles ?? [],
    anonymous: route.anonymous ?? false,
    ...(signIn
      ? {
          signIn: {
            ...signIn,
            postLogoutPath: signIn.postLogoutPath ?? s.postLogoutPath,
            scopes: signIn.scopes ?? [...s.scopes],
            sessionLifetimeMinutes: signIn.sessionLifetimeMinutes ?? s.sessionLifetimeMinutes,
            sessionIdleMinutes: signIn.sessionIdleMinutes ?? s.sessionIdleMinutes,
            acceptBearer: signIn.acceptBearer ?? s.acceptBearer,
          },
        }
      : {}),
    // The spread of `route` keeps its key order (signIn is replaced in place above): hence the assertion.
  } as RouteSpec;
}

/** What a component that serves routes checks of them itself: a route without token validation must say so. */
export function routeProblems(routes: readonly RouteSpec[]): string[] {
  const problems: string[] = [];
  if (routes.length === 0) problems.push("routes: expected at least one route");
  const seen = new Set<string>();
  for (const r of routes) {
    if (seen.has(r.name)) problems.push(`route ${JSON.stringify(r.name)} is given twice; route names must be unique`);
    seen.add(r.name);
    if (r.paths.length === 0) problems.push(`route ${JSON.stringify(r.name)}: expected at least one path`);
    if (r.anonymous && (r.scopes.length > 0 || r.roles.length > 0)) problems.push(`route ${JSON.stringify(r.name)}: an anonymous route cannot require scopes or roles`);
  }
  return problems;
}
