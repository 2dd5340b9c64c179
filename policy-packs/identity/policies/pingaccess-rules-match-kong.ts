import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { PINGACCESS_TYPE_TOKENS } from "../../../components/pingaccess/providers/type-tokens";
import { pluginOf, readKongConfig, type KongRouteView } from "./kong-config";
import { list, record, strings, text, type Props } from "./props";
import { K8S_CONFIG_MAP } from "./resource-types";
import { quoteList, violation } from "./violation";

type Subject = Pick<PolicyResource, "type" | "props" | "urn" | "name">;

/** What a PingAccess resource's policy requires, resolved through its rules and rule sets (by name). */
function pingAccessRequires(resource: Subject, rules: Map<string, Props>, ruleSets: Map<string, Props>): { scopes: string[]; groups: string[]; unknown: string[] } {
  const scopes: string[] = [];
  const groups: string[] = [];
  const unknown: string[] = [];
  const addRule = (name: string) => {
    const rule = rules.get(name);
    if (!rule) return unknown.push(name);
    const value = text(rule["value"]) ?? "";
    if (rule["kind"] === "scope") scopes.push(value);
    else groups.push(value);
  };
  for (const item of list(resource.props["policy"])) {
    const p = record(item) ?? {};
    const name = text(p["name"]) ?? "";
    if (p["type"] === "RuleSet") {
      const set = ruleSets.get(name);
      if (!set) unknown.push(name);
      else strings(set["rules"]).forEach(addRule);
    } else addRule(name);
  }
  return { scopes: [...new Set(scopes)].sort(), groups: [...new Set(groups)].sort(), unknown };
}

/** What Kong requires on a route: openid-connect scopes (one AND set), acl groups (any one). */
function kongRequires(route: KongRouteView): { scopes: string[] | undefined; groups: string[] } {
  const oidc = pluginOf(route, "openid-connect");
  const required = oidc ? strings(oidc.config["scopes_required"]) : undefined;
  const acl = pluginOf(route, "acl");
  return {
    // OSS Kong (jwt plugin) checks no scopes: there is nothing of Kong's to compare PingAccess's scope rules with.
    scopes: required === undefined ? undefined : [...new Set(required.flatMap((s) => s.split(" ").filter(Boolean)))].sort(),
    groups: [...new Set(acl ? strings(acl.config["allow"]) : [])].sort(),
  };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** One message per PingAccess resource whose rules differ from its Kong route (pure, for tests). */
export function pingAccessRuleProblems(resources: readonly Subject[]): { message: string; urn: string }[] {
  const paResources = resources.filter((r) => r.type === PINGACCESS_TYPE_TOKENS.Resource);
  if (paResources.length === 0) return [];
  const byName = (type: string) =>
    new Map(resources.filter((r) => r.type === type).map((r) => [text(r.props["name"]) ?? r.name, r.props as Props] as const));
  const rules = byName(PINGACCESS_TYPE_TOKENS.Rule);
  const ruleSets = byName(PINGACCESS_TYPE_TOKENS.RuleSet);
  const kongRoutes = new Map<string, KongRouteView>();
  for (const cm of resources.filter((r) => r.type === K8S_CONFIG_MAP)) {
    for (const route of readKongConfig(cm.props as Props)?.routes ?? []) if (route.service === route.name || !kongRoutes.has(route.service ?? route.name)) kongRoutes.set(route.service ?? route.name, route);
  }
  const problems: { message: string; urn: string }[] = [];
  for (const resource of paResources) {
    const routeName = text(resource.props["route"]) ?? text(resource.props["name"]) ?? resource.name;
    const name = JSON.stringify(text(resource.props["name"]) ?? resource.name);
    const route = kongRoutes.get(routeName);
    const report = (problem: string, fix: string) => problems.push({ urn: resource.urn, message: violation(resource, problem, fix) });
    if (!route) {
      report(`PingAccess resource ${name} decides on route ${JSON.stringify(routeName)}, which kong.yml does not have`, "build PingAccess and Kong from the same routes (the stack's PingAccessSideband and KongGateway do)");
      continue;
    }
    const pa = pingAccessRequires(resource, rules, ruleSets);
    if (pa.unknown.length > 0) {
      report(`PingAccess resource ${name} refers to ${quoteList(pa.unknown)}, which the stack does not define`, "let the stack create every rule the resource's policy names");
      continue;
    }
    const kong = kongRequires(route);
    if (kong.scopes && !same(pa.scopes, kong.scopes)) {
      report(
        `PingAccess resource ${name} requires the scopes [${quoteList(pa.scopes)}] but Kong's route ${JSON.stringify(routeName)} requires [${quoteList(kong.scopes)}]: one of them admits tokens the other refuses`,
        `remove pingaccess.ruleOverrides.${routeName}, so PingAccess requires the route's own scopes (routes[].scopes)`,
      );
    }
    if (!same(pa.groups, kong.groups)) {
      report(
        `PingAccess resource ${name} admits the groups [${quoteList(pa.groups)}] but Kong's route ${JSON.stringify(routeName)} admits [${quoteList(kong.groups)}]: the two decision points disagree on who may call it`,
        `remove pingaccess.ruleOverrides.${routeName}, so PingAccess requires the route's own roles (routes[].roles)`,
      );
    }
  }
  return problems;
}

/** Each PingAccess resource requires exactly the scopes and groups of its Kong route. */
export const pingAccessRulesMatchKong: StackValidationPolicy = {
  name: "pingaccess-rules-match-kong",
  description:
    "Every PingAccess resource (sideband) requires exactly the scopes and access groups its Kong route requires (openid-connect scopes_required, acl allow in the kong.yml ConfigMap), so the two decision points never disagree.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const problem of pingAccessRuleProblems(args.resources)) reportViolation(problem.message, problem.urn);
  },
};
