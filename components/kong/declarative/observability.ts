import type { ObservabilitySpec } from "../../observability/args";
import { auditLogPlugin, GROUPS_HEADER, ISSUER_HEADER, opentelemetryPlugin, prometheusPlugin, SCOPE_HEADER, type KongPlugin } from "../plugins";
import { compare } from "./order";
import type { KongDeclarativeConfig, KongRoute } from "./types";

/**
 * Adds the observability block's global plugins (audit log, opentelemetry, prometheus) to a built
 * configuration. With the audit log on, each openid-connect plugin also passes the token's issuer, scopes and
 * groups upstream as headers, which is where the audit log reads them. Pure; plugins stay sorted by name.
 */
export function applyObservability(
  config: KongDeclarativeConfig,
  observability: ObservabilitySpec | undefined,
  environment: string,
  tags: readonly string[],
): KongDeclarativeConfig {
  if (!observability) return config;
  const { audit, tracing, metrics } = observability;
  const added: KongPlugin[] = [
    ...(audit.enabled ? [auditLogPlugin({ sink: audit.sink, endpoint: audit.endpoint, extraHeaders: audit.extraHeaders }, tags)] : []),
    ...(tracing.enabled && tracing.endpoint ? [opentelemetryPlugin(tracing.endpoint, tracing.samplingRate, environment, tags)] : []),
    ...(metrics.enabled ? [prometheusPlugin(metrics.perConsumer, tags)] : []),
  ];
  if (added.length === 0) return config;
  const route = (r: KongRoute): KongRoute => (audit.enabled ? { ...r, plugins: r.plugins.map(withAuditHeaders) } : r);
  return {
    ...config,
    services: config.services.map((s) => ({ ...s, routes: s.routes.map(route) })),
    plugins: [...config.plugins, ...added].sort((a, b) => compare(a.name, b.name)),
  };
}

/** openid-connect names the claims itself (scopes_claim, authenticated_groups_claim): the same claims go upstream. */
function withAuditHeaders(plugin: KongPlugin): KongPlugin {
  if (plugin.name !== "openid-connect") return plugin;
  const c = plugin.config;
  const extra: [string, string][] = [
    ["iss", ISSUER_HEADER],
    [c.scopes_claim[0]!, SCOPE_HEADER],
    [c.authenticated_groups_claim[0]!, GROUPS_HEADER],
  ];
  const fresh = extra.filter(([, h]) => !c.upstream_headers_names.includes(h));
  return {
    ...plugin,
    config: {
      ...c,
      upstream_headers_claims: [...c.upstream_headers_claims, ...fresh.map(([claim]) => claim)],
      upstream_headers_names: [...c.upstream_headers_names, ...fresh.map(([, h]) => h)],
    },
  };
}
