import type { KongSpec } from "../args";
import { KONG_PROXY_TLS_CONTAINER_PORT } from "./values";

/** The chart's labels on Kong's pods for release `kong` (app.kubernetes.io/name is the chart name). */
export const KONG_POD_LABELS: Readonly<Record<string, string>> = { "app.kubernetes.io/name": "kong", "app.kubernetes.io/instance": "kong" };
/** Chart defaults (values.yaml 3.4.1): plain-HTTP proxy, status (metrics, probes) and the Admin API's TLS port. */
export const KONG_PROXY_HTTP_CONTAINER_PORT = 8000;
export const KONG_STATUS_CONTAINER_PORT = 8100;
export const KONG_ADMIN_TLS_CONTAINER_PORT = 8444;

/**
 * With the Admin API exposed (kong.adminApi.enabled), who may reach it: a NetworkPolicy on Kong's pods that admits
 * the proxy and status ports from anywhere (as without the policy) and the Admin API's port only from the
 * namespaces in kong.adminApi.allowedNamespaces. Any policy selecting a pod isolates it for ingress, so every
 * port Kong serves must be listed. Undefined when the Admin API stays on loopback. Pure.
 */
export function adminApiNetworkPolicySpec(kong: Pick<KongSpec, "adminApi" | "proxyHttp">): Record<string, unknown> | undefined {
  if (!kong.adminApi.enabled) return undefined;
  const tcp = (port: number) => ({ protocol: "TCP", port });
  return {
    podSelector: { matchLabels: { ...KONG_POD_LABELS } },
    policyTypes: ["Ingress"],
    ingress: [
      {
        ports: [
          tcp(KONG_PROXY_TLS_CONTAINER_PORT),
          ...(kong.proxyHttp === "redirect" ? [tcp(KONG_PROXY_HTTP_CONTAINER_PORT)] : []),
          tcp(KONG_STATUS_CONTAINER_PORT),
        ],
      },
      {
        from: [
          {
            namespaceSelector: {
              matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: [...(kong.adminApi.allowedNamespaces ?? [])] }],
            },
          },
        ],
        ports: [tcp(KONG_ADMIN_TLS_CONTAINER_PORT)],
      },
    ],
  };
}
