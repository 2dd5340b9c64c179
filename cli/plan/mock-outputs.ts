import { AS3_TENANT_TYPE, CIS_VIRTUAL_SERVER_TYPE } from "../../components/f5/type-tokens";
import { createHash } from "node:crypto";
import { stableUuid } from "../../components/shared";
import { ZPA_TYPE_TOKENS, type ZpaKind } from "../../components/zpa/providers/type-tokens";

/**
 * Deterministic, realistic values for outputs a provider computes (ids, client ids, issuer URLs).
 * Used by the offline plan and by component tests, so both see the same shapes a real deployment has.
 * Add a filler here when a component starts to read a new computed output.
 */
export type OutputFiller = (
  name: string,
  inputs: Record<string, any>,
  context: FillerContext,
) => { id?: string; state: Record<string, unknown> };

/** What the mock monitor knows besides the inputs: the explicit provider reference (`<urn>::<id>`), if any. */
export interface FillerContext {
  readonly provider?: string;
}

const guid = (type: string, name: string, field: string) => stableUuid(`kis-plan:${type}:${field}`, name);

/** `length` characters of [0-9A-Za-z], derived from the name: the shape of Okta and Cognito ids. */
const token = (type: string, name: string, field: string, length: number, alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") => {
  let out = "";
  for (let i = 0; out.length < length; i++) {
    const hex = stableUuid(`kis-plan:${type}:${field}:${i}`, name).replace(/-/g, "");
    for (let j = 0; j + 2 <= hex.length && out.length < length; j += 2) out += alphabet[parseInt(hex.slice(j, j + 2), 16) % alphabet.length];
  }
  return out;
};
const LOWER_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz";

/** The Okta org domain behind a provider reference: the okta provider's plan id is `<orgName>.<baseUrl>`. */
const oktaDomain = (context: FillerContext): string => {
  const id = context.provider?.split("::").pop() ?? "";
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(id) ? id : "example.okta.com";
};

/** The region a Cognito resource names (`region` input), as AWS would default it otherwise. */
const awsRegion = (inputs: Record<string, any>): string => (typeof inputs["region"] === "string" ? inputs["region"] : "us-east-1");

/** Okta: ids with the object-type prefixes Okta uses (aus = authorization server, 0oa = app, 00g = group). */
const OKTA_FILLERS: Record<string, OutputFiller> = {
  "pulumi:providers:okta": (_name, inputs) => ({ id: `${inputs["orgName"] ?? "example"}.${inputs["baseUrl"] ?? "okta.com"}`, state: { ...inputs } }),
  "okta:auth/server:Server": (name, inputs, context) => {
    const id = `aus${token("oktaServer", name, "id", 17)}`;
    return {
      id,
      state: {
        ...inputs,
        issuer: `https://${oktaDomain(context)}/oauth2/${id}`,
        kid: token("oktaServer", name, "kid", 43),
        status: inputs["status"] ?? "ACTIVE",
        credentialsRotationMode: inputs["credentialsRotationMode"] ?? "AUTO",
      },
    };
  },
  "okta:auth/serverScope:ServerScope": (name, inputs) => ({ id: `scp${token("oktaScope", name, "id", 17)}`, state: { ...inputs } }),
  "okta:auth/serverClaim:ServerClaim": (name, inputs) => ({ id: `ocl${token("oktaClaim", name, "id", 17)}`, state: { ...inputs } }),
  "okta:auth/serverPolicy:ServerPolicy": (name, inputs) => ({ id: `00p${token("oktaPolicy", name, "id", 17)}`, state: { ...inputs } }),
  "okta:auth/serverPolicyRule:ServerPolicyRule": (name, inputs) => ({ id: `0pr${token("oktaRule", name, "id", 17)}`, state: { ...inputs } }),
  "okta:group/group:Group": (name, inputs) => ({ id: `00g${token("oktaGroup", name, "id", 17)}`, state: { ...inputs } }),
  "okta:app/oAuth:OAuth": (name, inputs) => {
    const id = `0oa${token("oktaApp", name, "id", 17)}`;
    return {
      id,
      state: {
        ...inputs,
        // Okta's OAuth client id is the app id.
        clientId: id,
        clientSecret: inputs["omitSecret"] ? "" : `plan-only-secret-${token("oktaApp", name, "secret", 8)}`,
        status: "ACTIVE",
      },
    };
  },
  "okta:app/groupAssignment:GroupAssignment": (_name, inputs) => ({ id: `${inputs["appId"]}/${inputs["groupId"]}`, state: { ...inputs } }),
};

/** Cognito: pool ids are `<region>_<9 alphanumerics>`, app-client ids 26 lower-case alphanumerics. */
const COGNITO_FILLERS: Record<string, OutputFiller> = {
  "aws:cognito/userPool:UserPool": (name, inputs) => {
    const region = awsRegion(inputs);
    const id = `${region}_${token("userPool", name, "id", 9)}`;
    return {
      id,
      state: {
        ...inputs,
        region,
        endpoint: `cognito-idp.${region}.amazonaws.com/${id}`,
        arn: `arn:aws:cognito-idp:${region}:123456789012:userpool/${id}`,
      },
    };
  },
  "aws:cognito/userPoolDomain:UserPoolDomain": (_name, inputs) => ({
    id: String(inputs["domain"]),
    state: { ...inputs, region: awsRegion(inputs), cloudfrontDistribution: `d${token("domain", String(inputs["domain"]), "cf", 13, LOWER_ALNUM)}.cloudfront.net` },
  }),
  "aws:cognito/resourceServer:ResourceServer": (_name, inputs) => ({
    id: `${inputs["userPoolId"]}|${inputs["identifier"]}`,
    state: {
      ...inputs,
      scopeIdentifiers: ((inputs["scopes"] ?? []) as { scopeName: string }[]).map((s) => `${inputs["identifier"]}/${s.scopeName}`),
    },
  }),
  "aws:cognito/userGroup:UserGroup": (_name, inputs) => ({ id: `${inputs["userPoolId"]}/${inputs["name"]}`, state: { ...inputs } }),
  "aws:cognito/userPoolClient:UserPoolClient": (name, inputs) => ({
    id: token("userPoolClient", name, "id", 26, LOWER_ALNUM),
    state: {
      ...inputs,
      clientSecret: inputs["generateSecret"] ? `plan-only-secret-${token("userPoolClient", name, "secret", 8, LOWER_ALNUM)}` : "",
    },
  }),
};

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
  ...OKTA_FILLERS,
  ...COGNITO_FILLERS,
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
  "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri": (_name, inputs) => ({
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
  "pulumi-nodejs:dynamic/entra:TokenLifetimePolicy": (name, inputs) => {
    const policyId = guid("tokenLifetimePolicy", name, "id");
    return { id: policyId, state: { ...inputs, policyId, assigned: true } };
  },
  // F5 AS3 tenant (dynamic provider): AS3 answers "success" and the tenant name is the id.
  [AS3_TENANT_TYPE]: (name, inputs) => {
    const { __provider: _provider, ...props } = inputs;
    return { id: String(inputs["tenant"] ?? name), state: { ...props, result: "success" } };
  },
  // CIS reports the address it configured on the BIG-IP in the VirtualServer's status.
  [CIS_VIRTUAL_SERVER_TYPE]: (name, inputs) => ({
    id: `${inputs["metadata"]?.namespace ?? "default"}/${inputs["metadata"]?.name ?? name}`,
    state: { ...inputs, status: { vsAddress: inputs["spec"]?.virtualServerAddress, status: "Ok" } },
  }),
  // @pulumi/random: the generated value is a placeholder the secret-leak tests search every artifact for.
  "random:index/randomPassword:RandomPassword": (name, inputs) => ({
    id: "none",
    state: { ...inputs, result: `plan-only-secret-${token("randomPassword", name, "result", Number(inputs["length"] ?? 16) - 17)}` },
  }),
  "kubernetes:helm.sh/v3:Release": (name, inputs) => ({
    id: `${inputs["namespace"] ?? "default"}/${inputs["name"] ?? name}`,
    state: { ...inputs, status: { status: "deployed", namespace: inputs["namespace"], name: inputs["name"] ?? name } },
  }),
  ...ZPA_FILLERS,
};

/** Fallback for any custom resource: its inputs echoed back, with metadata.name filled like Kubernetes does. */
export function fillOutputs(
  type: string,
  name: string,
  inputs: Record<string, any>,
  context: FillerContext = {},
): { id: string; state: Record<string, unknown> } {
  const filler = OUTPUT_FILLERS[type];
  if (filler) {
    const filled = filler(name, inputs, context);
    return { id: filled.id ?? `${name}-id`, state: filled.state };
  }
  if (type.startsWith("kubernetes:")) {
    const metadata = { ...(inputs["metadata"] ?? {}) };
    metadata.name ??= name;
    return { id: metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name, state: { ...inputs, metadata } };
  }
  return { id: `${name}-id`, state: { ...inputs } };
}
