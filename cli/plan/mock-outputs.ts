import { stableUuid } from "../../components/shared";

/**
 * Deterministic, realistic values for outputs a provider computes (ids, client ids, issuer URLs).
 * Used by the offline plan and by component tests, so both see the same shapes a real deployment has.
 * Add a filler here when a component starts to read a new computed output.
 */
export type OutputFiller = (name: string, inputs: Record<string, any>) => { id?: string; state: Record<string, unknown> };

const guid = (type: string, name: string, field: string) => stableUuid(`kis-plan:${type}:${field}`, name);

export const OUTPUT_FILLERS: Readonly<Record<string, OutputFiller>> = {
  "azuread:index/application:Application": (name, inputs) => {
    const objectId = guid("application", name, "objectId");
    return {
      id: `/applications/${objectId}`,
      state: { clientId: guid("application", name, "clientId"), objectId, ...inputs },
    };
  },
  "azuread:index/servicePrincipal:ServicePrincipal": (name, inputs) => {
    const objectId = guid("servicePrincipal", name, "objectId");
    return { id: `/servicePrincipals/${objectId}`, state: { objectId, ...inputs } };
  },
  "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri": (name, inputs) => ({
    id: `${inputs["applicationId"]}/identifierUris/${Buffer.from(String(inputs["identifierUri"])).toString("base64")}`,
    state: { ...inputs },
  }),
  "azuread:index/applicationPassword:ApplicationPassword": (name, inputs) => {
    const keyId = guid("applicationPassword", name, "keyId");
    return {
      id: `${inputs["applicationId"]}/password/${keyId}`,
      state: { keyId, value: `plan-only-secret-${keyId.slice(0, 8)}`, ...inputs },
    };
  },
  "azuread:index/appRoleAssignment:AppRoleAssignment": (name, inputs) => ({
    id: `${inputs["resourceObjectId"]}/appRoleAssignment/${guid("appRoleAssignment", name, "id")}`,
    state: { principalType: "ServicePrincipal", ...inputs },
  }),
  // F5 AS3 tenant (dynamic provider): AS3 answers "success" and the tenant name is the id.
  "pulumi-nodejs:dynamic/f5:As3Tenant": (name, inputs) => {
    const { __provider: _provider, ...props } = inputs;
    return { id: String(inputs["tenant"] ?? name), state: { ...props, result: "success" } };
  },
  // CIS reports the address it configured on the BIG-IP in the VirtualServer's status.
  "kubernetes:cis.f5.com/v1:VirtualServer": (name, inputs) => ({
    id: `${inputs["metadata"]?.namespace ?? "default"}/${inputs["metadata"]?.name ?? name}`,
    state: { ...inputs, status: { vsAddress: inputs["spec"]?.virtualServerAddress, status: "Ok" } },
  }),
  "kubernetes:helm.sh/v3:Release": (name, inputs) => ({
    id: `${inputs["namespace"] ?? "default"}/${inputs["name"] ?? name}`,
    state: { ...inputs, status: { status: "deployed", namespace: inputs["namespace"], name: inputs["name"] ?? name } },
  }),
};

/** Fallback for any custom resource: its inputs echoed back, with metadata.name filled like Kubernetes does. */
export function fillOutputs(type: string, name: string, inputs: Record<string, any>): { id: string; state: Record<string, unknown> } {
  const filler = OUTPUT_FILLERS[type];
  if (filler) {
    const filled = filler(name, inputs);
    return { id: filled.id ?? `${name}-id`, state: filled.state };
  }
  if (type.startsWith("kubernetes:")) {
    const metadata = { ...(inputs["metadata"] ?? {}) };
    metadata.name ??= name;
    return { id: metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name, state: { ...inputs, metadata } };
  }
  return { id: `${name}-id`, state: { ...inputs } };
}
