import type { PlanDocument } from "../../../plan/plan-document";
import type { AccessFact } from "../types";
import { ofType, record, sorted, strings } from "./resources";

const T = {
  resource: "pulumi-nodejs:dynamic/pingaccess:Resource",
  ruleSet: "pulumi-nodejs:dynamic/pingaccess:RuleSet",
  validator: "pulumi-nodejs:dynamic/pingaccess:AccessTokenValidator",
};
/** PingAccess's success criteria, strictest first. */
const CRITERIA = ["SuccessIfAllSucceed", "SuccessIfAnyOneSucceeds"];

/** PingAccess: the rules on each resource, how a rule set combines them, and the token validator's checks. */
export function pingAccessFacts(plan: PlanDocument): AccessFact[] {
  const out: AccessFact[] = [];
  for (const r of ofType(plan, T.resource)) {
    const subject = `PingAccess resource "${String(r.inputs["name"] ?? r.name)}"`;
    const policy = ((r.inputs["policy"] ?? []) as { name?: unknown; type?: unknown }[]).map((p) => `${String(p.type ?? "Rule")} ${String(p.name)}`);
    const paths = ((r.inputs["pathPatterns"] ?? []) as { pattern?: unknown }[]).map((p) => String(p.pattern));
    out.push(
      { area: "edge", subject, aspect: "resource", value: `${strings(r.inputs["methods"]).join(",") || "any method"} ${paths.join(", ")}; ${policy.length} rule(s)`, rule: { kind: "presence", added: "new PingAccess resource", removed: "PingAccess resource removed" } },
      { area: "edge", subject, aspect: "rules", value: sorted(policy), rule: { kind: "set", widensWhen: "removed", gained: "rule added", lost: "rule removed" } },
      { area: "edge", subject, aspect: "paths", value: sorted(paths), rule: { kind: "set", widensWhen: "added", gained: "more paths", lost: "fewer paths" } },
      { area: "edge", subject, aspect: "methods", value: sorted(strings(r.inputs["methods"])), rule: { kind: "set", widensWhen: "added", gained: "more methods", lost: "fewer methods" } },
    );
  }
  for (const set of ofType(plan, T.ruleSet)) {
    const subject = `PingAccess rule set "${String(set.inputs["name"] ?? set.name)}"`;
    const criteria = String(set.inputs["successCriteria"] ?? "");
    out.push({ area: "edge", subject, aspect: "success criteria", value: criteria, rule: { kind: "rank", order: CRITERIA, what: "rule set (all → any)" } });
    // In an "any one" set another rule is another way in; in an "all" set a removed rule is one check less.
    const any = criteria === "SuccessIfAnyOneSucceeds";
    out.push({ area: "edge", subject, aspect: "rules", value: sorted(strings(set.inputs["rules"])), rule: { kind: "set", widensWhen: any ? "added" : "removed", gained: any ? "another rule can let a caller in" : "rule added", lost: any ? "rule removed" : "rule removed (one check less)" } });
  }
  for (const v of ofType(plan, T.validator)) {
    const subject = `PingAccess token validator "${String(v.inputs["name"] ?? v.name)}"`;
    out.push(
      { area: "edge", subject, aspect: "audience check", value: record(v.inputs)["skipAudienceValidation"] !== true, rule: { kind: "flag", widensWhen: false, on: "audience checked again", off: "audience no longer checked" } },
      { area: "edge", subject, aspect: "issuer", value: String(v.inputs["issuer"] ?? ""), rule: { kind: "any-change", what: "issuer accepted" } },
      { area: "edge", subject, aspect: "audience", value: String(v.inputs["audience"] ?? ""), rule: { kind: "any-change", what: "audience accepted" } },
    );
  }
  return out;
}
