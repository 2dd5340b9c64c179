import type { ResourceValidationPolicy } from "@pulumi/policy";
import { record, text, type Props } from "./props";
import { K8S_CONFIG_MAP, K8S_SECRET } from "./resource-types";
import { violation } from "./violation";

/**
 * The API server refuses a ConfigMap or Secret whose data holds more than 1 MiB (ConfigMap: data + binaryData,
 * Secret: data + stringData; Kubernetes' MaxSecretSize / validation of ConfigMap size). `pulumi up` would fail
 * on it after everything before it was created, so the plan must refuse it first.
 */
export const KUBERNETES_OBJECT_DATA_LIMIT = 1024 * 1024;

/** Bytes the API server counts for one object: UTF-8 of string values, decoded bytes of base64 values. */
export function kubernetesDataBytes(type: string, props: Props): { total: number; largest: { key: string; bytes: number } | undefined } {
  const fields: [Props | undefined, "utf8" | "base64"][] =
    type === K8S_SECRET
      ? [
          [record(props["data"]), "base64"],
          [record(props["stringData"]), "utf8"],
        ]
      : [
          [record(props["data"]), "utf8"],
          [record(props["binaryData"]), "base64"],
        ];
  let total = 0;
  let largest: { key: string; bytes: number } | undefined;
  for (const [values, encoding] of fields) {
    for (const [key, value] of Object.entries(values ?? {})) {
      const content = text(value);
      // A secret the plan cannot see (`[secret]`) or an unknown value counts as what it shows.
      if (content === undefined) continue;
      const bytes = encoding === "base64" ? Buffer.byteLength(content, "base64") : Buffer.byteLength(content, "utf8");
      total += bytes;
      if (!largest || bytes > largest.bytes) largest = { key, bytes };
    }
  }
  return { total, largest };
}

const formatBytes = (bytes: number) => `${bytes.toLocaleString("en-US")} bytes (${(bytes / 1024 / 1024).toFixed(2)} MiB)`;

/**
 * kong-config-size: no ConfigMap or Secret the stack creates holds more than Kubernetes accepts. Kong's
 * declarative configuration is the one that grows with the stack (about 1.8 KB of YAML per route): the fix
 * for it is the gzip delivery (kong.configDelivery).
 */
export const kongConfigSize: ResourceValidationPolicy = {
  name: "kong-config-size",
  description: "Every ConfigMap and Secret the stack creates holds at most 1 MiB of data, the most the Kubernetes API server accepts.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "For Kong's configuration set kong.configDelivery: auto (the default) or gzip, which stores kong.yml compressed; otherwise split the data over several objects.",
  validateResource: (args, report) => {
    if (args.type !== K8S_CONFIG_MAP && args.type !== K8S_SECRET) return;
    const { total, largest } = kubernetesDataBytes(args.type, args.props);
    if (total <= KUBERNETES_OBJECT_DATA_LIMIT) return;
    const kongConfig = largest?.key === "kong.yml";
    report(
      violation(
        args,
        `holds ${formatBytes(total)} of data${largest ? ` (key ${largest.key}: ${formatBytes(largest.bytes)})` : ""}, over the ${formatBytes(KUBERNETES_OBJECT_DATA_LIMIT)} the Kubernetes API server accepts, so pulumi up would fail on it`,
        kongConfig
          ? "set kong.configDelivery: auto (the default) or gzip: kong.yml then travels gzip-compressed in binaryData and an init container unpacks it"
          : "keep the object under 1 MiB: split its data over several objects or mount it from elsewhere",
      ),
    );
  },
};
