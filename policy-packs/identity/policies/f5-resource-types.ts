import { AS3_TENANT_TYPE, CIS_TLS_PROFILE_TYPE, CIS_VIRTUAL_SERVER_TYPE } from "../../../components/f5/type-tokens";
/** Type tokens of the F5 resources the F5 policies inspect (the plan and the engine see the same tokens). */
export { AS3_TENANT_TYPE, CIS_TLS_PROFILE_TYPE, CIS_VIRTUAL_SERVER_TYPE };
export const CONFIG_MAP_TYPE = "kubernetes:core/v1:ConfigMap";

/** The resource's name for messages: metadata.name of Kubernetes objects, else the Pulumi name. */
export function displayName(props: Record<string, unknown>, fallback: string): string {
  const metadata = props["metadata"] as { name?: unknown; namespace?: unknown } | undefined;
  if (typeof metadata?.name !== "string") return fallback;
  return typeof metadata.namespace === "string" ? `${metadata.namespace}/${metadata.name}` : metadata.name;
}
