import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import type { KongConfigView } from "./kong-config";
import { pluginOf, readKongConfig } from "./kong-config";
import { isRecord, list, strings, text, type Props } from "./props";
import { K8S_CONFIG_MAP } from "./resource-types";
import { groupBy, nameList, violation } from "./violation";

/**
 * Kong routes whose openid-connect plugin signs browsers in (authorization_code in auth_methods, or unset:
 * Kong's default enables it), with the hosts they serve, for the sign-in rules.
 */
export interface SignInRouteView {
  readonly route: string;
  readonly hosts: readonly string[];
  readonly config: Props;
}

export function signInRoutes(kong: KongConfigView): SignInRouteView[] {
  const hostsByRoute = new Map<string, string[]>();
  for (const service of list(kong.document["services"]).filter(isRecord)) {
    for (const route of list(service["routes"]).filter(isRecord)) {
      const name = text(route["name"]);
      if (name) hostsByRoute.set(name, strings(route["hosts"]));
    }
  }
  return kong.routes.flatMap((route) => {
    const oidc = pluginOf(route, "openid-connect");
    if (!oidc || !signsIn(oidc.config)) return [];
    return [{ route: route.name, hosts: hostsByRoute.get(route.name) ?? [], config: oidc.config }];
  });
}

/** Every host any route of kong.yml serves. */
export function kongHosts(kong: KongConfigView): Set<string> {
  const hosts = new Set<string>();
  for (const service of list(kong.document["services"]).filter(isRecord)) {
    for (const route of list(service["routes"]).filter(isRecord)) strings(route["hosts"]).forEach((h) => hosts.add(h));
  }
  return hosts;
}

/** Whether the config runs the code flow or sessions (Kong's default auth_methods include both). */
export function signsIn(config: Props): boolean {
  const methods = strings(config["auth_methods"]);
  return methods.length === 0 || methods.includes("authorization_code") || methods.includes("session");
}

export interface SignInProblem {
  readonly problem: string;
  readonly fix: string;
}

/**
 * The validateResource of a rule over sign-in routes: `problemsOf` runs on each sign-in route of the kong.yml
 * ConfigMap, and each problem is reported once, naming every route that has it (`prefix` goes before the problem).
 */
export function validateSignInRoutes(
  problemsOf: (route: SignInRouteView, args: ResourceValidationArgs) => SignInProblem[],
  prefix = "",
): NonNullable<ResourceValidationPolicy["validateResource"]> {
  return (args, report) => {
    if (args.type !== K8S_CONFIG_MAP) return;
    const kong = readKongConfig(args.props);
    if (!kong) return;
    const found = signInRoutes(kong).flatMap((route) => problemsOf(route, args).map((p) => ({ ...p, route: route.route })));
    for (const [problem, items] of groupBy(found, (f) => f.problem)) {
      report(violation(args, `routes ${nameList(items.map((i) => i.route))}: ${prefix}${problem}`, items[0]!.fix));
    }
  };
}
