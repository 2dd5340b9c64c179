import { parse } from "yaml";
import type { IdentityContract } from "../../components/contract";
import { EDGE_HOP_DETECTORS, kongYamlFrom, type EdgeHop } from "../plan/artifacts";
import type { PlanDocument, PlannedRoute } from "../plan/plan-document";

/** What Kong itself checks on one route, read from the kong.yml the plan would load (not from the config). */
export interface KongRouteChecks {
  /** Token-validating plugins on the route (openid-connect, jwt); empty: Kong lets any caller through. */
  readonly auth: readonly string[];
  readonly issuers: readonly string[];
  readonly audiences: readonly string[];
  readonly scopesRequired: readonly string[];
  /** acl `allow`: any one group is enough. */
  readonly groupsAllowed: readonly string[];
  /** Browser-session timeouts in seconds (openid-connect session_*_timeout), by config field. */
  readonly sessionTimeouts: Readonly<Record<string, number>>;
}

/** The openid-connect session timeouts a longer value of which keeps a browser signed in longer. */
export const SESSION_TIMEOUTS = ["session_absolute_timeout", "session_idling_timeout", "session_rolling_timeout"] as const;

/** The identity-relevant facts of one plan: what `kis diff` compares. */
export interface IdentityFacts {
  readonly stack: string;
  readonly environment: string;
  readonly production: boolean;
  readonly contracts: ReadonlyMap<string, IdentityContract>;
  /** `provider/client` → client id. */
  readonly clients: ReadonlyMap<string, string>;
  readonly routes: ReadonlyMap<string, PlannedRoute>;
  readonly kong: ReadonlyMap<string, KongRouteChecks> | undefined;
  readonly hostnames: readonly string[];
  readonly edition: string;
  readonly hops: readonly EdgeHop[];
  /** `check contract route` → reason. */
  readonly limitations: ReadonlyMap<string, string>;
  readonly byType: Readonly<Record<string, number>>;
  /** urn → stable JSON of its inputs, to count resources that change. */
  readonly resourceInputs: ReadonlyMap<string, string>;
}

const AUTH_PLUGINS = new Set(["openid-connect", "jwt", "ping-auth"]);

export function identityFacts(plan: PlanDocument): IdentityFacts {
  const clientIds = (plan.outputs?.["clientIds"] ?? {}) as Record<string, Record<string, string> | undefined>;
  const clients = new Map<string, string>();
  for (const [provider, byName] of Object.entries(clientIds)) {
    if (byName && typeof byName === "object") for (const [name, id] of Object.entries(byName)) clients.set(`${provider}/${name}`, String(id));
  }
  return {
    stack: plan.stack,
    environment: plan.environment,
    production: plan.production,
    contracts: new Map((plan.identityContracts ?? []).map((c) => [c.name, c])),
    clients,
    routes: new Map((plan.routes ?? []).map((r) => [r.name, r])),
    kong: kongChecks(plan),
    hostnames: plan.gateway?.hostnames ?? [],
    edition: plan.gateway?.edition ?? "",
    hops: detectHops(plan),
    limitations: new Map((plan.limitations ?? []).map((l) => [`${l.check} ${l.contract} ${l.route}`, l.reason])),
    byType: plan.summary?.byType ?? {},
    resourceInputs: new Map((plan.resources ?? []).map((r) => [r.urn, JSON.stringify(r.inputs ?? {})])),
  };
}

function detectHops(plan: PlanDocument): EdgeHop[] {
  return EDGE_HOP_DETECTORS.flatMap((detect) => {
    try {
      const hop = detect(plan);
      return hop ? [hop] : [];
    } catch {
      // A plan written by an older or newer kis may lack what a detector reads: no hop rather than no diff.
      return [];
    }
  });
}

/** Per route, what the generated kong.yml makes Kong check; undefined when the plan has no kong.yml. */
export function kongChecks(plan: PlanDocument): Map<string, KongRouteChecks> | undefined {
  const text = kongYamlFrom(plan.resources ?? []);
  if (text === undefined) return undefined;
  const doc = parse(text) as { services?: { routes?: KongRoute[] }[]; routes?: KongRoute[] } | null;
  const routes = [...(doc?.services ?? []).flatMap((s) => s.routes ?? []), ...(doc?.routes ?? [])];
  const checks = new Map<string, KongRouteChecks>();
  for (const route of routes) {
    if (typeof route.name !== "string") continue;
    const plugins = route.plugins ?? [];
    const auth = plugins.filter((p) => AUTH_PLUGINS.has(String(p.name)) && p.enabled !== false);
    const acl = plugins.find((p) => p.name === "acl" && p.enabled !== false);
    const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);
    checks.set(route.name, {
      auth: auth.map((p) => String(p.name)).sort(),
      issuers: uniq(auth.flatMap((p) => strings(p.config?.["issuers_allowed"] ?? p.config?.["issuer"]))),
      audiences: uniq(auth.flatMap((p) => strings(p.config?.["audience_required"] ?? p.config?.["audience"]))),
      scopesRequired: uniq(auth.flatMap((p) => strings(p.config?.["scopes_required"]))),
      groupsAllowed: uniq(strings(acl?.config?.["allow"])),
      sessionTimeouts: Object.fromEntries(
        auth.flatMap((p) => SESSION_TIMEOUTS.filter((k) => typeof p.config?.[k] === "number").map((k) => [k, p.config![k] as number])),
      ),
    });
  }
  return checks;
}

interface KongRoute {
  readonly name?: unknown;
  readonly plugins?: readonly { readonly name?: unknown; readonly enabled?: unknown; readonly config?: Record<string, unknown> }[];
}

const uniq = (values: readonly string[]) => [...new Set(values)].sort();
