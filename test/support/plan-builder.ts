import { stringify } from "yaml";
import type { IdentityContract } from "../../components/contract";
import type { PlanDocument, PlannedRoute } from "../../cli/plan/plan-document";
import type { PolicyReport } from "../../cli/plan/policy/types";

/** A small, valid plan.json in memory, for the pure `kis diff` tests: change one fact, diff, read the verdict. */
export function contract(over: Partial<IdentityContract> = {}): IdentityContract {
  return {
    provider: "entra",
    name: "entra",
    issuer: "https://login.microsoftonline.com/t/v2.0",
    discoveryUrl: "https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration",
    jwksUri: "https://login.microsoftonline.com/t/discovery/v2.0/keys",
    audience: { claim: "aud", values: ["api-id"] },
    clients: { claim: "azp", values: ["client-a"] },
    scopes: { claim: "scp", shape: "space-delimited-string", valuePrefix: "" },
    groups: { claim: "roles", shape: "array" },
    accessGroups: ["readers", "admins"],
    scopeNames: ["orders.read", "orders.write"],
    algorithms: ["RS256"],
    leewaySeconds: 60,
    accessTokenLifetimeSeconds: 3600,
    tokenType: [{ claim: "ver", value: "2.0", reason: "v2" }],
    subjectClaim: "sub",
    details: {},
    ...over,
  };
}

export function route(over: Partial<PlannedRoute> & { name: string }): PlannedRoute {
  return { hosts: ["api.example.com"], paths: [`/${over.name}`], methods: ["GET"], upstream: "http://svc:8080", scopes: [], roles: [], anonymous: false, rateLimitPerMinute: 60, ...over };
}

export const POLICY: PolicyReport = {
  pack: "kis-identity",
  configFile: undefined,
  policies: [
    { name: "audience-required", enforcementLevel: "mandatory" },
    { name: "clock-leeway", enforcementLevel: "mandatory" },
  ],
  violations: [],
};

/** The kong.yml ConfigMap a plan carries: one openid-connect route per protected route, acl for roles. */
function kongConfigMap(routes: readonly PlannedRoute[], contracts: readonly IdentityContract[], audiences?: readonly string[]) {
  const c = contracts[0];
  const kong = {
    _format_version: "3.0",
    services: routes.map((r) => ({
      name: r.name,
      url: r.upstream,
      routes: [
        {
          name: r.name,
          paths: r.paths,
          plugins: r.anonymous || !c
            ? []
            : [
                { name: "openid-connect", config: { issuers_allowed: [c.issuer], audience_required: audiences ?? c.audience?.values ?? [], scopes_required: r.scopes } },
                ...(r.roles.length ? [{ name: "acl", config: { allow: r.roles } }] : []),
              ],
        },
      ],
    })),
  };
  return {
    urn: "urn:pulumi:dev::kong-identity-stack::kubernetes:core/v1:ConfigMap::kong-config",
    type: "kubernetes:core/v1:ConfigMap",
    name: "kong-config",
    custom: true,
    inputs: { data: { "kong.yml": stringify(kong, { aliasDuplicateObjects: false }) } },
  };
}

export function plan(over: {
  stack?: string;
  routes?: PlannedRoute[];
  contracts?: IdentityContract[];
  clients?: Record<string, Record<string, string>>;
  kongAudiences?: string[];
  policy?: PolicyReport;
  extra?: Record<string, unknown>;
  production?: boolean;
} = {}): PlanDocument {
  const routes = over.routes ?? [route({ name: "orders-read", scopes: ["orders.read"] }), route({ name: "health", anonymous: true })];
  const contracts = over.contracts ?? [contract()];
  const resources = [kongConfigMap(routes, contracts, over.kongAudiences)] as unknown as PlanDocument["resources"];
  return {
    kind: "kis-plan",
    version: 1,
    project: "kong-identity-stack",
    stack: over.stack ?? "dev",
    environment: "dev",
    production: over.production ?? false,
    summary: { resources: resources.length, customResources: resources.length, components: 0, byType: { "kubernetes:core/v1:ConfigMap": 1 } },
    identityContracts: contracts,
    gateway: { edition: "enterprise", namespace: "kong", hostnames: ["api.example.com"], replicas: 2 },
    routes,
    limitations: [],
    outputs: { clientIds: over.clients ?? { entra: { "billing-service": "client-a" } } },
    resources,
    policy: over.policy ?? POLICY,
    ...(over.extra ?? {}),
  } as PlanDocument;
}
