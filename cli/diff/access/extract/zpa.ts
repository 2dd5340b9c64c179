import type { PlanDocument } from "../../../plan/plan-document";
import type { AccessFact } from "../types";
import { ofType, record, sorted, strings } from "./resources";

const T = {
  rule: "pulumi-nodejs:dynamic/zpa:AccessPolicyRule",
  segment: "pulumi-nodejs:dynamic/zpa:ApplicationSegment",
};

/** ZPA: who an access rule lets reach the edge, and what each application segment exposes (domains, ports). */
export function zpaFacts(plan: PlanDocument): AccessFact[] {
  const out: AccessFact[] = [];
  for (const rule of ofType(plan, T.rule)) {
    const subject = `ZPA access rule "${String(rule.inputs["name"] ?? rule.name)}"`;
    out.push(
      { area: "edge", subject, aspect: "rule", value: `${String(rule.inputs["action"] ?? "")} for ${strings(rule.inputs["accessGroups"]).join(", ")}`, rule: { kind: "presence", added: "new access rule", removed: "access rule removed" } },
      { area: "edge", subject, aspect: "groups", value: sorted(strings(rule.inputs["accessGroups"])), rule: { kind: "set", widensWhen: "added", gained: "more groups may reach the edge", lost: "fewer groups may reach the edge" } },
      { area: "edge", subject, aspect: "action", value: String(rule.inputs["action"] ?? ""), rule: { kind: "rank", order: ["DENY", "ALLOW"], what: "rule action" } },
    );
  }
  for (const segment of ofType(plan, T.segment)) {
    const subject = `ZPA application segment "${String(segment.inputs["name"] ?? segment.name)}"`;
    const ports = ((segment.inputs["tcpPortRange"] ?? []) as { from?: unknown; to?: unknown }[]).map((p) => (String(p.from) === String(p.to) ? String(p.from) : `${String(p.from)}-${String(p.to)}`));
    out.push(
      { area: "edge", subject, aspect: "segment", value: `${strings(segment.inputs["domainNames"]).join(", ")} ports ${ports.join(", ")}`, rule: { kind: "presence", added: "new application segment reachable through ZPA", removed: "application segment removed" } },
      { area: "edge", subject, aspect: "domains", value: sorted(strings(segment.inputs["domainNames"])), rule: { kind: "set", widensWhen: "added", gained: "more domains reachable", lost: "fewer domains reachable" } },
      { area: "edge", subject, aspect: "ports", value: sorted(ports), rule: { kind: "set", widensWhen: "added", gained: "more ports reachable", lost: "fewer ports reachable", within: "ports" } },
      { area: "edge", subject, aspect: "bypass", value: String(record(segment.inputs)["bypassType"] ?? "NEVER"), rule: { kind: "rank", order: ["NEVER", "ON_NET", "ALWAYS"], what: "ZPA bypass" } },
    );
  }
  return out;
}
