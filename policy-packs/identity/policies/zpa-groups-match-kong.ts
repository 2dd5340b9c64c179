import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { parse } from "yaml";
import { ZPA_TYPE_TOKENS } from "../../../components/zpa/providers/type-tokens";
import { kongYamlOfConfigMap, parseKongYaml } from "./kong-config";
import { violation } from "./violation";

const CONFIG_MAP_TYPE = "kubernetes:core/v1:ConfigMap";

/** Every group an `acl` plugin allows, anywhere in a Kong declarative config (global, service, route). */
export function kongAclGroups(kongYaml: string): string[] {
  return aclGroupsIn(parse(kongYaml));
}

function aclGroupsIn(document: unknown): string[] {
  const groups = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const obj = node as Record<string, unknown>;
    if (obj["name"] === "acl" && obj["config"] && typeof obj["config"] === "object") {
      const allow = (obj["config"] as Record<string, unknown>)["allow"];
      if (Array.isArray(allow)) allow.forEach((g) => groups.add(String(g)));
    }
    Object.values(obj).forEach(walk);
  };
  walk(document);
  return [...groups];
}

const list = (groups: readonly string[]) => groups.map((g) => JSON.stringify(g)).join(", ");

/**
 * The groups each ZPA access rule admits, compared with the groups Kong's ACLs require (pure). Returns one
 * message per mismatch, about the rule and with its URN. Rules whose groups are not known yet are not judged.
 */
export function zpaGroupProblems(resources: readonly Pick<PolicyResource, "type" | "props" | "urn" | "name">[]): { message: string; urn: string }[] {
  const rules = resources.filter((r) => r.type === ZPA_TYPE_TOKENS.AccessPolicyRule);
  if (rules.length === 0) return [];
  const kongYamls = resources
    .filter((r) => r.type === CONFIG_MAP_TYPE)
    .map((r) => kongYamlOfConfigMap(r.props ?? {}))
    .filter((t): t is string => typeof t === "string");
  const problems: { message: string; urn: string }[] = [];
  if (kongYamls.length === 0) {
    for (const rule of rules) {
      problems.push({
        urn: rule.urn,
        message: violation(
          rule,
          `ZPA access rule ${JSON.stringify(String(rule.props?.["name"] ?? rule.name))} cannot be compared with Kong: this stack has no Kong declarative config (a ConfigMap with kong.yml)`,
          "deploy Kong from the same stack (KongGateway), so ZPA's groups and Kong's ACLs come from one identity contract",
        ),
      });
    }
    return problems;
  }
  let kongGroups: Set<string>;
  try {
    // The view the other Kong rules parsed already (one parse of kong.yml per plan).
    kongGroups = new Set(
      kongYamls.flatMap((t) => {
        const view = parseKongYaml(t);
        return view ? aclGroupsIn(view.document) : kongAclGroups(t);
      }),
    );
  } catch (err) {
    return rules.map((rule) => ({
      urn: rule.urn,
      message: violation(
        rule,
        `Kong's kong.yml cannot be read (${(err as Error).message.split("\n")[0]}), so ZPA access rule ${JSON.stringify(String(rule.props?.["name"] ?? rule.name))} cannot be compared with Kong's ACLs`,
        "regenerate kong.yml with buildDeclarativeConfig",
      ),
    }));
  }
  for (const rule of rules) {
    const admitted = rule.props?.["accessGroups"];
    if (!Array.isArray(admitted)) continue;
    const name = JSON.stringify(String(rule.props?.["name"] ?? rule.name));
    const zpaGroups = new Set(admitted.map(String));
    const extra = [...zpaGroups].filter((g) => !kongGroups.has(g)).sort();
    const missing = [...kongGroups].filter((g) => !zpaGroups.has(g)).sort();
    if (extra.length > 0) {
      problems.push({
        urn: rule.urn,
        message: violation(
          rule,
          `ZPA access rule ${name} admits ${list(extra)}, which no Kong ACL requires: members reach the edge through ZPA although no route expects them`,
          "require the group on a route (routes[].roles) or remove it from identity.accessGroups; ZPA and Kong both derive from that list",
        ),
      });
    }
    if (missing.length > 0) {
      problems.push({
        urn: rule.urn,
        message: violation(
          rule,
          `Kong's ACLs require ${list(missing)}, which ZPA access rule ${name} does not admit: those callers cannot reach the edge through ZPA`,
          "build the rule from the identity contract's access groups (ZpaConnector does), or declare the group in identity.accessGroups",
        ),
      });
    }
  }
  return problems;
}

/** The groups a ZPA access rule admits are exactly the groups Kong's ACLs require. */
export const zpaGroupsMatchKong: StackValidationPolicy = {
  name: "zpa-groups-match-kong",
  description:
    "Every ZPA access rule admits exactly the groups that Kong's ACLs require (the acl plugins' allow lists in the kong.yml ConfigMap): nobody reaches the edge through ZPA whom no route expects, and no group Kong requires is locked out.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const problem of zpaGroupProblems(args.resources)) reportViolation(problem.message, problem.urn);
  },
};
