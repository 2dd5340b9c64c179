import { pingAuthPlugin, type PingAuthOptions } from "../plugins";
import { compare } from "./order";
import type { KongDeclarativeConfig } from "./types";

/**
 * Adds `ping-auth` to the routes of the chosen configured routes (Kong services): during a cut-over one
 * configured route has a Kong route per identity provider, and each of them asks PingAccess. Pure: returns a
 * new configuration with plugins sorted by name as the builder sorts them.
 */
export function applyPingAuth(config: KongDeclarativeConfig, options: PingAuthOptions | undefined, tags: readonly string[]): KongDeclarativeConfig {
  if (!options) return config;
  const known = new Set(config.services.map((s) => s.name));
  const unknown = options.routes.filter((r) => !known.has(r));
  if (unknown.length > 0) throw new Error(`ping-auth route(s) ${unknown.join(", ")} do not exist`);
  const chosen = new Set(options.routes);
  const plugin = pingAuthPlugin(options, tags);
  return {
    ...config,
    services: config.services.map((service) =>
      chosen.has(service.name)
        ? { ...service, routes: service.routes.map((route) => ({ ...route, plugins: [...route.plugins, plugin].sort((a, b) => compare(a.name, b.name)) })) }
        : service,
    ),
  };
}
