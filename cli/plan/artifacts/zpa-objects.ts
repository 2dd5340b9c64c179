import {
  MAX_USAGE_FORMULA,
  accessRulePayload,
  appConnectorGroupPayload,
  applicationSegmentPayload,
  provisioningKeyPayload,
  segmentGroupPayload,
  serverGroupPayload,
  type AccessPolicyRuleSpec,
  type ResolvedGroupOperand,
} from "../../../components/zpa/builders";
import { ZPA_COLLECTIONS, ZPA_KINDS, ZPA_TYPE_TOKENS, zpaMgmtPath, type ZpaKind } from "../../../components/zpa/providers/type-tokens";
import { zpaPlanId } from "../mock-outputs";
import type { RecordedResource } from "../offline-runtime";
import { stableJson, type PlanDocument } from "../plan-document";

type Json = Record<string, any>;

/** Where each object is created (legacy form; OneAPI adds the `/zpa` prefix): the providers' own paths (type-tokens.ts). */
const CREATE_PATHS: Readonly<Record<ZpaKind, string>> = Object.fromEntries(
  ZPA_KINDS.map((k) => [k, zpaMgmtPath("", ZPA_COLLECTIONS[k].version, "{customerId}", ZPA_COLLECTIONS[k].rest)]),
) as Record<ZpaKind, string>;

const kindOf = (r: RecordedResource): ZpaKind | undefined => ZPA_KINDS.find((k) => ZPA_TYPE_TOKENS[k] === r.type);

/**
 * `zpa.json`: the ZPA objects the stack would create (or adopt, through `zpa.importIds`), as the requests the
 * providers would send, in dependency order. Ids that ZPA assigns at create time appear as `{id of ...}`; credentials are not inputs
 * at all (only where they are read from), and the provisioning key, an output, appears as `[secret]`.
 */
export function renderZpaObjects(plan: PlanDocument): string | undefined {
  const zpa = plan.resources.filter((r) => kindOf(r));
  if (zpa.length === 0) return undefined;

  // The offline plan's ids are fillers; show what they stand for instead.
  const idOf = (r: RecordedResource) => String(r.inputs["adoptId"] ?? zpaPlanId(kindOf(r)!, r.name));
  const refs = new Map(zpa.filter((r) => !r.inputs["adoptId"]).map((r) => [idOf(r), `{id of ${kindOf(r)} ${String(r.inputs["name"])}}`]));
  const deref = (value: unknown): unknown =>
    typeof value === "string"
      ? (refs.get(value) ?? value)
      : Array.isArray(value)
        ? value.map(deref)
        : value && typeof value === "object"
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deref(v)]))
          : value;

  const connection = (zpa[0]!.inputs["connection"] ?? {}) as Json;
  const prefix = connection["auth"] === "oneapi" ? "/zpa" : "";
  const objects = ZPA_KINDS.flatMap((kind) =>
    zpa
      .filter((r) => kindOf(r) === kind)
      .map((r) => ({
        kind,
        resource: r.name,
        // An adopted object (zpa.importIds) is updated in place rather than created.
        ...(r.inputs["adoptId"] ? { adopts: String(r.inputs["adoptId"]) } : {}),
        request: {
          method: r.inputs["adoptId"] ? "PUT" : "POST",
          path:
            prefix +
            CREATE_PATHS[kind].replace("{customerId}", String(connection["customerId"] ?? "{customerId}")) +
            (r.inputs["adoptId"] ? `/${String(r.inputs["adoptId"])}` : ""),
          body: deref(payloadOf(kind, r.inputs)),
        },
      })),
  );

  const rule = zpa.find((r) => kindOf(r) === "AccessPolicyRule")?.inputs;
  const segment = zpa.find((r) => kindOf(r) === "ApplicationSegment")?.inputs;
  const key = zpa.find((r) => kindOf(r) === "ProvisioningKey")?.inputs;
  const deployment = plan.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment" && r.parent && zpa.some((z) => z.parent === r.parent));
  const deploymentSpec = deployment?.inputs["spec"] as Json | undefined;
  const container = deploymentSpec?.["template"]?.["spec"]?.["containers"]?.[0] as Json | undefined;

  return stableJson({
    kind: "kis-zpa-objects",
    version: 1,
    stack: plan.stack,
    tenant: {
      customerId: connection["customerId"],
      cloud: connection["cloud"],
      auth: connection["auth"],
      ...(connection["baseUrl"] ? { baseUrl: connection["baseUrl"] } : {}),
      credentials: describeCredentials(connection["credentials"] as Json | undefined),
    },
    access: {
      segment: segment ? { domainNames: segment["domainNames"], tcpPortRange: segment["tcpPortRange"], bypassType: segment["bypassType"] } : undefined,
      allowedGroups: rule?.["accessGroups"],
      groupsSource: rule?.["groupsSource"],
      idpId: rule?.["idpId"],
      ...(rule?.["samlAttributeName"] ? { samlAttributeName: rule["samlAttributeName"] } : {}),
    },
    connectors: deployment
      ? {
          namespace: (deployment.inputs["metadata"] as Json | undefined)?.["namespace"],
          replicas: deploymentSpec?.["replicas"],
          image: container?.["image"],
          capabilities: container?.["securityContext"]?.["capabilities"]?.["add"],
          provisioningKey: {
            maxUsage: key?.["maxUsage"],
            formula: MAX_USAGE_FORMULA,
            value: "[secret] (ZPA returns it on create; it is kept only in the Pulumi state, encrypted, and in a Kubernetes Secret)",
          },
        }
      : undefined,
    objects,
  });
}

function payloadOf(kind: ZpaKind, inputs: Json): Json {
  switch (kind) {
    case "AppConnectorGroup":
      return appConnectorGroupPayload(inputs as never);
    case "ProvisioningKey":
      return provisioningKeyPayload(inputs as never, `{id of enrollment certificate ${String(inputs["enrollmentCertName"])}}`);
    case "SegmentGroup":
      return segmentGroupPayload(inputs as never);
    case "ServerGroup":
      return serverGroupPayload(inputs as never);
    case "ApplicationSegment":
      return applicationSegmentPayload(inputs as never);
    case "AccessPolicyRule": {
      const spec = inputs as AccessPolicyRuleSpec;
      const groups: ResolvedGroupOperand =
        spec.groupsSource === "saml"
          ? { kind: "saml", attributeId: `{id of SAML attribute ${spec.samlAttributeName}}`, values: spec.accessGroups }
          : { kind: "scim", idpId: spec.idpId, groups: spec.accessGroups.map((name) => ({ name, id: `{id of SCIM group ${name}}` })) };
      return accessRulePayload(spec, "{id of the ACCESS_POLICY policy set}", groups);
    }
  }
}

function describeCredentials(source: Json | undefined): string {
  if (source?.["source"] === "environment") {
    return `read at deploy time from the environment variables ${source["clientIdEnv"]} and ${source["clientSecretEnv"]}`;
  }
  if (source?.["source"] === "pulumi-config") {
    return `read at deploy time from the Pulumi secrets ${source["clientIdKey"]} and ${source["clientSecretKey"]}`;
  }
  return "unknown";
}
