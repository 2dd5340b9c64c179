import { AS3_TENANT_TYPE, CIS_VIRTUAL_SERVER_TYPE } from "../../../components/f5/type-tokens";
import type { RecordedResource } from "../offline-runtime";
import { stableJson, type PlanDocument } from "../plan-document";
import type { EdgeHop } from "./identity-diagram";

export { AS3_TENANT_TYPE, CIS_VIRTUAL_SERVER_TYPE };

/**
 * `as3.json`: the declaration each AS3 tenant posts, exactly as recorded (certificate and key as "[secret]").
 * One tenant per stack: the file is that tenant's declaration; undefined when the stack posts none.
 */
export function renderAs3Declarations(resources: readonly RecordedResource[]): string | undefined {
  const tenants = resources.filter((r) => r.type === AS3_TENANT_TYPE);
  if (tenants.length === 0) return undefined;
  const declarations = tenants.map((t) => t.inputs["declaration"]);
  return stableJson(declarations.length === 1 ? declarations[0] : declarations);
}

/** The F5 hop of the identity diagram: found from the As3Tenant or the CIS VirtualServer the plan registers. */
export function f5HopDetector(plan: PlanDocument): EdgeHop | undefined {
  const tenant = plan.resources.find((r) => r.type === AS3_TENANT_TYPE);
  const cis = plan.resources.find((r) => r.type === CIS_VIRTUAL_SERVER_TYPE);
  if (!tenant && !cis) return undefined;
  const summary = plan.outputs["f5Edge"] as { fqdn?: string; virtualAddress?: string; trustedHeaders?: { headers?: string[] } } | undefined;
  const where = [summary?.fqdn, summary?.virtualAddress].filter(Boolean).join(" / ");
  const trusted = summary?.trustedHeaders?.headers ?? [];
  return {
    id: "f5",
    label: `F5 BIG-IP ${tenant ? "(AS3)" : "(CIS)"}${where ? ` · ${where}` : ""}`,
    edgeLabel:
      "HTTPS re-encrypted; client identity headers stripped; X-Request-ID added; X-Forwarded-For set" +
      (trusted.length > 0 ? `; APM adds ${trusted.join(", ")} (Kong trusts them only from the BIG-IP)` : ""),
  };
}
