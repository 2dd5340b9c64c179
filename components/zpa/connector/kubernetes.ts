/**
 * The App Connectors in the cluster, as plain Kubernetes object specs (pure; the component wires them).
 * A Deployment of Zscaler's documented image rather than the `zpa-app-connector-kubernetes` chart: the
 * offline plan shows every field, and nothing is templated out of sight. Image, capabilities, the
 * `ZPA_PROVISION_KEY` variable and the resource figures are the ones Zscaler documents for Kubernetes.
 */

/** Linux capabilities the connector uses (help.zscaler.com, App Connector deployment guide for Kubernetes). */
export const ZPA_CONNECTOR_CAPABILITIES = ["NET_ADMIN", "NET_BIND_SERVICE", "NET_RAW", "SETFCAP", "SYS_NICE", "SYS_TIME", "SYS_RESOURCE"] as const;
/** The image reads its provisioning key from this environment variable on first start. */
export const PROVISION_KEY_ENV = "ZPA_PROVISION_KEY";
export const CONNECTOR_NAME = "zpa-app-connector";
export const PROVISIONING_KEY_SECRET_NAME = "zpa-app-connector-provisioning-key";
/** Rolls the pods when the key is replaced (its ZPA id changes); the key itself never goes into metadata. */
export const PROVISIONING_KEY_ID_ANNOTATION = "kong-identity-stack/zpa-provisioning-key-id";

export const CONNECTOR_LABELS: Readonly<Record<string, string>> = {
  "app.kubernetes.io/name": CONNECTOR_NAME,
  "app.kubernetes.io/part-of": "kong-identity-stack",
};

/** The chart's documented defaults: at least 2 cores and 4 GB per App Connector. */
export const CONNECTOR_RESOURCES = {
  requests: { cpu: "2", memory: "4000Mi" },
  limits: { cpu: "8", memory: "8000Mi" },
} as const;

export interface ConnectorWorkloadArgs {
  readonly namespace: string;
  readonly replicas: number;
  readonly image: { readonly repository: string; readonly tag: string };
  readonly provisioningKeyId: string;
}

export function connectorDeploymentSpec(args: ConnectorWorkloadArgs) {
  if (args.replicas < 2) throw new Error(`zpa.connector.replicas: expected at least 2 App Connectors, got ${args.replicas}`);
  return {
    metadata: { name: CONNECTOR_NAME, namespace: args.namespace, labels: { ...CONNECTOR_LABELS } },
    spec: {
      replicas: args.replicas,
      selector: { matchLabels: { ...CONNECTOR_LABELS } },
      // One new pod at a time, none taken away first: there are always `replicas` healthy connectors, and a
      // rollout enrols exactly `replicas` new ones (see provisioningKeyMaxUsage).
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: { ...CONNECTOR_LABELS }, annotations: { [PROVISIONING_KEY_ID_ANNOTATION]: args.provisioningKeyId } },
        spec: {
          automountServiceAccountToken: false,
          // Zscaler supports the Kubernetes connector on x86_64 only.
          nodeSelector: { "kubernetes.io/arch": "amd64" },
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { ...CONNECTOR_LABELS } } },
                },
              ],
            },
          },
          containers: [
            {
              name: CONNECTOR_NAME,
              image: `${args.image.repository}:${args.image.tag}`,
              imagePullPolicy: "IfNotPresent",
              env: [{ name: PROVISION_KEY_ENV, valueFrom: { secretKeyRef: { name: PROVISIONING_KEY_SECRET_NAME, key: PROVISION_KEY_ENV } } }],
              // The documented capabilities on top of the runtime's defaults. No allowPrivilegeEscalation:
              // false here: it would set no_new_privs, and the connector relies on file capabilities (SETFCAP).
              securityContext: { capabilities: { add: [...ZPA_CONNECTOR_CAPABILITIES] } },
              resources: {
                requests: { ...CONNECTOR_RESOURCES.requests },
                limits: { ...CONNECTOR_RESOURCES.limits },
              },
            },
          ],
        },
      },
    },
  };
}

/** Node drains take at most one connector at a time. */
export function connectorDisruptionBudgetSpec(namespace: string) {
  return {
    metadata: { name: CONNECTOR_NAME, namespace, labels: { ...CONNECTOR_LABELS } },
    spec: { maxUnavailable: 1, selector: { matchLabels: { ...CONNECTOR_LABELS } } },
  };
}

/**
 * App Connectors only dial out (to the ZPA cloud and to the edge); nothing needs to reach them. Zscaler
 * recommends network policies around them: this one denies every inbound connection.
 */
export function connectorNoIngressPolicySpec(namespace: string) {
  return {
    metadata: { name: `${CONNECTOR_NAME}-no-ingress`, namespace, labels: { ...CONNECTOR_LABELS } },
    spec: { podSelector: { matchLabels: { ...CONNECTOR_LABELS } }, policyTypes: ["Ingress"], ingress: [] },
  };
}
