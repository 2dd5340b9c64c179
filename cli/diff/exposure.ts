import type { PlanDocument, PlannedRoute } from "../plan/plan-document";
import { accessFacts, uriConcerns, type AccessFact } from "./access";
import type { ExposureLine } from "./types";

/**
 * What one stack exposes, for a stack that is new (or removed): host names, routes and what each requires, the
 * providers it trusts, its clients and listeners. A stack that did not exist has nothing to remove, so this is
 * shown instead of a diff against nothing.
 */
export function exposureOf(plan: PlanDocument): ExposureLine[] {
  const hosts = plan.gateway?.hostnames ?? [];
  const lines: ExposureLine[] = [{ subject: "gateway", what: `Kong ${plan.gateway?.edition ?? ""} on ${hosts.join(", ") || "(no host)"}` }];
  for (const c of plan.identityContracts ?? []) {
    lines.push({ subject: `provider "${c.name}" (${c.provider})`, what: `iss ${c.issuer}; ${c.audience ? `${c.audience.claim} ${c.audience.values.join(" | ")}` : "no audience"}; ${c.algorithms.join(", ")}; access tokens ${c.accessTokenLifetimeSeconds}s, leeway ${c.leewaySeconds}s` });
  }
  for (const r of plan.routes ?? []) lines.push(routeLine(r));
  const owned = [...hosts, ...(plan.routes ?? []).flatMap((r) => r.hosts)];
  for (const fact of accessFacts(plan)) lines.push(...factLines(fact, owned));
  for (const l of plan.limitations ?? []) lines.push({ subject: `limitation ${l.check} (${l.contract}, route ${l.route})`, what: l.reason, concern: "Kong does not make this check" });
  return lines;
}

function routeLine(r: PlannedRoute): ExposureLine {
  const where = `${r.methods.length ? r.methods.join(",") : "every method"} ${r.paths.join(", ")}`;
  const needs = r.anonymous ? "anonymous" : [r.scopes.length ? `scopes ${r.scopes.join(" + ")}` : "", r.roles.length ? `one of ${r.roles.join(" | ")}` : ""].filter(Boolean).join("; ") || "any valid token";
  return { subject: `route "${r.name}"`, what: `${where}: ${needs}`, ...(r.anonymous ? { concern: "no token needed" } : {}) };
}

/** A fact as exposure: lists and switches that are on; redirect URIs one per line with their concerns. */
function factLines(fact: AccessFact, owned: readonly string[]): ExposureLine[] {
  const v = fact.value;
  if (fact.rule.kind === "set" && fact.rule.uris && Array.isArray(v)) {
    return v.map((uri) => {
      const concerns = uriConcerns(uri, owned);
      return { subject: fact.subject, what: `${fact.aspect}: ${uri}`, ...(concerns.length ? { concern: concerns.join("; ") } : {}) };
    });
  }
  if (fact.rule.kind === "presence") return [{ subject: fact.subject, what: String(v) }];
  if (fact.rule.kind === "flag") return v === fact.rule.widensWhen ? [{ subject: fact.subject, what: v ? fact.rule.on : fact.rule.off, concern: "the less protected setting" }] : [];
  if (Array.isArray(v)) return v.length && fact.rule.kind === "set" && fact.rule.widensWhen === "added" ? [{ subject: fact.subject, what: `${fact.aspect}: ${v.join(", ")}` }] : [];
  return [];
}
