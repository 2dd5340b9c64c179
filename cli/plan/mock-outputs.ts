import { createHash } from "node:crypto";
import { stableUuid } from "../../components/shared";
import { ZPA_TYPE_TOKENS, type ZpaKind } from "../../components/zpa/providers/type-tokens";

/**
 * Deterministic, realistic values for outputs a provider computes (ids, client ids, issuer URLs).
 * Used by the offline plan and by component tests, so both see the same shapes a real deployment has.
 * Add a filler here when a component starts to read a new computed output.
 */
export type OutputFiller = (name: string, inputs: Record<string, any>) => { id?: string; state: Record<string, unknown> };

const guid = (type: string, name: string, field: string) => stableUuid(`kis-plan:${type}:${field}`, name);

/** A ZPA-like object id (18 digits), stable per kind and name. */
export function zpaPlanId(kind: string, name: string): string {
  const digest = BigInt(`0x${createHash("sha1").update(`kis-plan:zpa:${kind}\u0000${name}`).digest("hex").slice(0, 15)}`);
  return String(216_000_000_000_000_000n + (digest % 1_000_000_000_000_000n));
}

const zpaFiller =
  (kind: ZpaKind, extra: (name: string, inputs: Record<string, any>) => Record<string, unknown> = () => ({})): OutputFiller =>
  (name, inputs) => ({ id: inputs["adoptId"] ?? zpaPlanId(kind, name), state: { ...inputs, ...extra(name, inputs) } });

/** The App Connector provisioning key the plan pretends ZPA returned: a secret, never written to artifacts. */
export const planProvisioningKey = (name: string): string =>
  `3|api.private.zscaler.com|plan-only-secret-${zpaPlanId("ProvisioningKey", name).slice(-8)}`;

const ZPA_FILLERS: Record<string, OutputFiller> = {
  [ZPA_TYPE_TOKENS.AppConnectorGroup]: zpaFiller("AppConnectorGroup"),
  [ZPA_TYPE_TOKENS.ProvisioningKey]: zpaFiller("ProvisioningKey", (name) => ({
    enrollmentCertId: zpaPlanId("EnrollmentCert", "Connector"),
    usageCount: 0,
    provisioningKey: planProvisioningKey(name),
  })),
  [ZPA_TYPE_TOKENS.SegmentGroup]: zpaFiller("SegmentGroup"),
  [ZPA_TYPE_TOKENS.ServerGroup]: zpaFiller("ServerGroup"),
  [ZPA_TYPE_TOKENS.ApplicationSegment]: zpaFiller("ApplicationSegment"),
  [ZPA_TYPE_TOKENS.AccessPolicyRule]: zpaFiller("AccessPolicyRule", (_name, inputs) => ({
    policySetId: zpaPlanId("PolicySet", "ACCESS_POLICY"),
    groupIds:
      inputs["groupsSource"] === "saml"
        ? [zpaPlanId("SamlAttribute", String(inputs["samlAttributeName"]))]
        : ((inputs["accessGroups"] ?? []) as string[]).map((g) => zpaPlanId("ScimGroup", g)),
  })),
};

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
  "kubernetes:helm.sh/v3:Release": (name, inputs) => ({
    id: `${inputs["namespace"] ?? "default"}/${inputs["name"] ?? name}`,
    state: { ...inputs, status: { status: "deployed", namespace: inputs["namespace"], name: inputs["name"] ?? name } },
  }),
  ...ZPA_FILLERS,
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
