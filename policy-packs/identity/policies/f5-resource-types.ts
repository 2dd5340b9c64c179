/** Type tokens of the F5 resources the F5 policies inspect (the plan and the engine see the same tokens). */
export const AS3_TENANT_TYPE = "pulumi-nodejs:dynamic/f5:As3Tenant";
export const CIS_VIRTUAL_SERVER_TYPE = "kubernetes:cis.f5.com/v1:VirtualServer";
export const CIS_TLS_PROFILE_TYPE = "kubernetes:cis.f5.com/v1:TLSProfile";
export const CONFIG_MAP_TYPE = "kubernetes:core/v1:ConfigMap";

/** The resource's name for messages: metadata.name of Kubernetes objects, else the Pulumi name. */
export function displayName(props: Record<string, unknown>, fallback: string): string {
  const metadata = props["metadata"] as { name?: unknown; namespace?: unknown } | undefined;
  if (typeof metadata?.name !== "string") return fallback;
  return typeof metadata.namespace === "string" ? `${metadata.namespace}/${metadata.name}` : metadata.name;
}
