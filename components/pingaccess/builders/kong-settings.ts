import type { PingAccessConfig, RouteConfig } from "../../../infra/config";
import { PING_AUTH_PLUGIN, type PingAuthOptions } from "../../kong/plugins/ping-auth";
import type { KongCustomPlugins } from "../../kong/helm/values";
import { PINGACCESS_SECRET_ID } from "./rotation";
import { pingAccessRoutes } from "./specs";

export interface PingAccessKongSettings {
  readonly pingAuth: PingAuthOptions;
  readonly customPlugins: KongCustomPlugins;
  /** How the plugin reaches the pods, for the plan summary. */
  readonly installation: string;
}

/** What Kong needs to ask PingAccess (pure; the shared secret itself travels separately, as a vault secret). */
export function pingAccessKongSettings(pa: PingAccessConfig, routes: readonly RouteConfig[]): PingAccessKongSettings {
  const { image, configMap } = pa.plugin;
  return {
    pingAuth: {
      serviceUrl: pa.sidebandUrl.replace(/\/+$/, ""),
      secretId: PINGACCESS_SECRET_ID,
      ...(pa.sharedSecretReference ? { secretReference: pa.sharedSecretReference } : {}),
      secretHeaderName: pa.secretHeaderName,
      connectionTimeoutMs: pa.connectionTimeoutMs,
      verifyServiceCertificate: pa.verifyServiceCertificate,
      routes: pingAccessRoutes(routes, pa.routes).map((r) => r.name),
    },
    customPlugins: {
      names: [PING_AUTH_PLUGIN],
      ...(image ? { image: { repository: image.repository, tag: image.tag } } : {}),
      ...(configMap ? { configMaps: [{ pluginName: PING_AUTH_PLUGIN, name: configMap }] } : {}),
    },
    installation: image
      ? `image ${image.repository}:${image.tag} (must contain the LuaRocks package kong-plugin-ping-auth)`
      : `ConfigMap ${configMap} mounted at /opt/kong/plugins/${PING_AUTH_PLUGIN} (chart plugins.configMaps)`,
  };
}
