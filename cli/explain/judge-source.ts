import type { PlannedSignIn } from "../plan/sign-in-plan";
import type { IdentityContract, RouteAuthRequirements } from "../../components/contract";
import { UsageError } from "../errors";
import { escapeText } from "../output";
import type { PlanDocument } from "../plan/plan-document";

/** What a token is judged against, and a plain sentence saying which it is. */
/** A route's token requirements, and its browser sign-in where it has one (offline plans only). */
export type JudgedRoute = RouteAuthRequirements & { readonly signIn?: PlannedSignIn };

export interface JudgeSource {
  readonly kind: "plan" | "deployed";
  readonly stack: string;
  /** One line for the output: the offline plan (mock ids) or the deployed stack (real ids). */
  readonly description: string;
  readonly contracts: readonly IdentityContract[];
  /** The routes' token requirements; undefined when the outputs carry none (the token is judged on its own). */
  readonly routes: readonly JudgedRoute[] | undefined;
}

export function planSource(plan: PlanDocument, path: string): JudgeSource {
  return {
    kind: "plan",
    stack: plan.stack,
    description: `the offline plan of stack ${escapeText(plan.stack)} (${escapeText(path)}): its client ids and audiences are mock values, so a real token fails on them; pass --outputs or --live for a deployed stack`,
    contracts: plan.identityContracts,
    routes: plan.routes.map((r) => ({ name: r.name, scopes: r.scopes, roles: r.roles, anonymous: r.anonymous, ...(r.signIn ? { signIn: r.signIn } : {}) })),
  };
}

/**
 * The deployed stack, from the JSON of `pulumi stack output --json`: `identityContracts` (required) and
 * `routeRules` (exported by infra/index.ts; absent from stacks deployed before it, then only the token is judged).
 * `where` names the input in messages (`--outputs FILE` or `--stack NAME --live`).
 */
export function outputsSource(raw: unknown, where: string, stack: string, description: string): JudgeSource {
  const fail = (what: string): never => {
    throw new UsageError(`${where}: ${what}; expected the JSON of \`pulumi stack output --json\` of a kong-identity-stack stack`);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return fail(`not stack outputs (the JSON holds ${Array.isArray(raw) ? "a list" : typeof raw})`);
  const outputs = raw as Record<string, unknown>;
  const contracts = outputs["identityContracts"];
  if (contracts === undefined) return fail("no identityContracts output");
  if (contracts === "[secret]") return fail("identityContracts is shown as [secret]");
  if (!Array.isArray(contracts) || contracts.length === 0) return fail("identityContracts: not a non-empty list");
  contracts.forEach((c, i) => {
    const contract = c as Record<string, unknown> | null;
    const ok =
      typeof contract === "object" && contract !== null && typeof contract["issuer"] === "string" && typeof contract["name"] === "string" &&
      Array.isArray(contract["algorithms"]) && typeof (contract["clients"] as { claim?: unknown } | undefined)?.claim === "string" &&
      typeof (contract["scopes"] as { claim?: unknown } | undefined)?.claim === "string" && Array.isArray(contract["tokenType"]);
    if (!ok) fail(`identityContracts[${i}]: not an identity contract (issuer, clients, scopes, algorithms, tokenType)`);
  });
  const rules = outputs["routeRules"];
  let routes: RouteAuthRequirements[] | undefined;
  if (rules !== undefined) {
    if (!Array.isArray(rules)) return fail("routeRules: not a list");
    routes = rules.map((r, i) => {
      const rule = r as Record<string, unknown> | null;
      if (typeof rule !== "object" || rule === null || typeof rule["name"] !== "string" || !Array.isArray(rule["scopes"]) || !Array.isArray(rule["roles"])) {
        return fail(`routeRules[${i}]: expected { name, scopes, roles, anonymous }`);
      }
      return { name: rule["name"], scopes: rule["scopes"] as string[], roles: rule["roles"] as string[], anonymous: rule["anonymous"] === true };
    });
  }
  return { kind: "deployed", stack, description, contracts: contracts as IdentityContract[], routes };
}
