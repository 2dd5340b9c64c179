import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { assertSecretId } from "./reference";
import type { KongSecretRef } from "./types";

/** The Secret KongGateway keeps its vault-backed values in (one per Kong namespace). */
export const KONG_VAULT_SECRET_NAME = "kong-vault-secrets";

/**
 * The refs for values stored under their own id as the Secret key (ids are kebab-case, valid Secret keys).
 * Pure, so the Helm values can be built before the Secret exists.
 */
export function kongSecretRefs(ids: readonly string[], secretName: string = KONG_VAULT_SECRET_NAME): KongSecretRef[] {
  return [...new Set(ids)].sort().map((id) => {
    assertSecretId(id);
    return { id, secretName, secretKey: id };
  });
}

/**
 * The Kubernetes Secret holding the values. Every value is wrapped with `pulumi.secret`, so a caller that
 * forgot to mark one still never gets it into state or a preview in clear text.
 */
export function createKongVaultSecret(
  name: string,
  args: { readonly namespace: pulumi.Input<string>; readonly values: Readonly<Record<string, pulumi.Input<string>>>; readonly secretName?: string },
  opts?: pulumi.CustomResourceOptions,
): k8s.core.v1.Secret {
  const stringData: Record<string, pulumi.Output<string>> = {};
  for (const [id, value] of Object.entries(args.values)) {
    assertSecretId(id);
    stringData[id] = pulumi.secret(value);
  }
  return new k8s.core.v1.Secret(
    name,
    {
      metadata: { name: args.secretName ?? KONG_VAULT_SECRET_NAME, namespace: args.namespace },
      type: "Opaque",
      stringData,
    },
    opts,
  );
}
