import { ZPA_TYPE_TOKENS } from "../../../components/zpa/providers/type-tokens";
import type { EdgeHop } from "./identity-diagram";
import type { PlanDocument } from "../plan-document";

/**
 * ZPA, the outermost hop: caller → ZPA (App Connector in the cluster) → [F5] → Kong. ZPA carries the TCP
 * stream; it adds no HTTP header, so the edge towards Kong says how requests are correlated instead.
 */
export function zpaEdgeHop(plan: PlanDocument): EdgeHop | undefined {
  const segment = plan.resources.find((r) => r.type === ZPA_TYPE_TOKENS.ApplicationSegment);
  if (!segment) return undefined;
  const rule = plan.resources.find((r) => r.type === ZPA_TYPE_TOKENS.AccessPolicyRule);
  const deployment = plan.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment" && r.parent === segment.parent);
  const domains = ((segment.inputs["domainNames"] as string[] | undefined) ?? []).join(", ");
  const ports = ((segment.inputs["tcpPortRange"] as { from: string; to: string }[] | undefined) ?? [])
    .map((r) => (r.from === r.to ? r.from : `${r.from}-${r.to}`))
    .join(",");
  const groups = ((rule?.inputs["accessGroups"] as string[] | undefined) ?? []).join(" | ");
  const replicas = (deployment?.inputs["spec"] as { replicas?: number } | undefined)?.replicas;
  const namespace = (deployment?.inputs["metadata"] as { namespace?: string } | undefined)?.namespace;
  return {
    id: "zpa",
    label:
      `Zscaler Private Access · segment ${domains}:${ports}, bypass ${String(segment.inputs["bypassType"])}` +
      ` · admits ${rule?.inputs["groupsSource"] === "saml" ? "SAML" : "SCIM"} groups ${groups || "none"}` +
      (replicas ? ` · ${replicas} App Connectors in namespace ${namespace}` : ""),
    edgeLabel: `TCP ${ports} from an App Connector pod; layer 4: ZPA adds no HTTP header (correlate with LSS ConnectionID, ConnectorIP:ConnectorPort)`,
  };
}
