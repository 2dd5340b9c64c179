import type { PingAccessSpec } from "../args";
import type { RouteSpec } from "../../kong/args";
import { PING_AUTH_PLUGIN, type PingAuthOptions } from "../../kong/plugins/ping-auth";
import type { KongCustomPlugins } from "../../kong/helm/values";
import { PINGACCESS_SECRET_ID } from "./rotation";
import { pingAccessRoutes } from "./specs";

export interface PingAccessKongSettings {
  readonly pingAuth: PingAuthOptions;
  readonly customPlugins: KongCustomPlugins;
  /** How the plugin reaches the pods, for the plan summary. */
  readonly installation: string;
  /** h2 on Kong's proxy TLS listener: off unless pingaccess.allowHttp2 (ping-auth answers 400 to HTTP/2). */
  readonly proxyHttp2: boolean;
  /** PingAccess's CA, which Kong adds to lua_ssl_trusted_certificate (pingaccess.serviceCa). */
  readonly trustedCa?: { readonly secretName: string; readonly key: string; readonly certificate?: string };
}

/** The Secret the stack writes pingaccess.serviceCa.certificate to (in Kong's namespace), and its key. */
export const PINGACCESS_CA_SECRET_NAME = "pingaccess-service-ca";
export const PINGACCESS_CA_KEY = "ca.crt";

/** What Kong needs to ask PingAccess (pure; the shared secret itself travels separately, as a vault secret). */
export function pingAccessKongSettings(pa: PingAccessSpec, routes: readonly RouteSpec[]): PingAccessKongSettings {
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
    proxyHttp2: pa.allowHttp2,
    ...(pa.serviceCa?.certificate
      ? { trustedCa: { secretName: PINGACCESS_CA_SECRET_NAME, key: PINGACCESS_CA_KEY, certificate: pa.serviceCa.certificate } }
      : pa.serviceCa?.secretName
        ? { trustedCa: { secretName: pa.serviceCa.secretName, key: pa.serviceCa.key } }
        : {}),
    installation: image
      ? `image ${image.repository}:${image.tag} (must contain the LuaRocks package kong-plugin-ping-auth)`
      : `ConfigMap ${configMap} mounted at /opt/kong/plugins/${PING_AUTH_PLUGIN} (chart plugins.configMaps)`,
  };
}
