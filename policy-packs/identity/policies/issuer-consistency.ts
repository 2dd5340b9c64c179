import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { entraIssuer } from "../../../components/contract";
import { entraApiApps, requestedTokenVersion } from "./entra-apps";
import { pluginOf, readKongConfig } from "./kong-config";
import { strings, text } from "./props";
import { registrationsIn, type Registration } from "./registrations";
import { K8S_CONFIG_MAP } from "./resource-types";
import { groupBy, nameList, quote, quoteList, violation } from "./violation";

const ENTRA_V2 = /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0$/;
const ENTRA_V1 = /^https:\/\/sts\.windows\.net\/([^/]+)\/$/;

/**
 * issuer-consistency (stack): every Kong token-validation config names an issuer that an IdP registration
 * in the same stack produces; an Entra v2 issuer goes only with API applications that request v2 tokens
 * (and v1 with v1); the discovery document and JWKS URLs Kong uses belong to that issuer. This is the most
 * reported Entra + gateway failure (a v1 token at a v2 gateway, or a hand-typed issuer with or without a
 * trailing slash), and the one that lets tokens of a foreign tenant in when the issuer is wrong.
 *
 * The issuers the registrations produce come from the `contract` output of each registration component
 * (see registrations.ts). A stack policy: under the engine it runs once all resources are known
 * (AnalyzeStack), in `kis plan` over the recorded resources.
 */
export const issuerConsistency: StackValidationPolicy = {
  name: "issuer-consistency",
  description:
    "Kong validates tokens only against issuers that the stack's IdP registrations produce; an Entra v2 issuer only with token version 2; discovery and JWKS URLs belong to that issuer.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove kong.tokenValidationOverride (issuer, discoveryUrl) so Kong takes issuer, discovery and JWKS from the IdP registration's contract, and keep identity.providers[].tokenVersion: 2.",
  validateStack: (args: StackValidationArgs, report: ReportViolation) => {
    const registrations = registrationsIn(args.resources);
    const apiApps = entraApiApps(args.resources);
    for (const configMap of args.resources.filter((r) => r.type === K8S_CONFIG_MAP)) {
      const kong = readKongConfig(configMap.props);
      if (!kong) continue;
      const validations = kong.routes.flatMap((route) => {
        const oidc = pluginOf(route, "openid-connect");
        return oidc ? [{ route: route.name, config: oidc.config }] : [];
      });
      const groups = groupBy(validations, (v) =>
        JSON.stringify([text(v.config["issuer"]), strings(v.config["issuers_allowed"]), strings(v.config["extra_jwks_uris"])]),
      );
      for (const items of groups.values()) {
        const routes = `routes ${nameList(items.map((i) => i.route))}`;
        const config = items[0]!.config;
        const problems = checkValidation(text(config["issuer"]), strings(config["issuers_allowed"]), strings(config["extra_jwks_uris"]), registrations, apiApps, args.resources);
        for (const p of problems) report(violation(configMap, `${routes}: ${p.problem}`, p.fix), configMap.urn);
      }
    }
  },
};

interface Problem {
  readonly problem: string;
  readonly fix: string;
}

function checkValidation(
  discoveryUrl: string | undefined,
  issuersAllowed: readonly string[],
  extraJwks: readonly string[],
  registrations: readonly Registration[],
  apiApps: readonly PolicyResource[],
  resources: readonly PolicyResource[],
): Problem[] {
  const problems: Problem[] = [];
  const producedIssuers = registrations.map((r) => r.contract.issuer);
  const byIssuer = (iss: string) => registrations.find((r) => r.contract.issuer === iss);
  const fix = "remove kong.tokenValidationOverride so Kong takes the issuer from the IdP registration's contract";

  // Which issuers does this config accept? issuers_allowed; without it, the one behind the discovery URL.
  const named = issuersAllowed.length > 0 ? issuersAllowed : registrations.filter((r) => r.contract.discoveryUrl === discoveryUrl).map((r) => r.contract.issuer);
  if (named.length === 0) {
    problems.push({
      problem: `openid-connect names no issuers_allowed and its discovery URL ${quote(discoveryUrl)} belongs to no IdP registration in this stack (${quoteList(producedIssuers)})`,
      fix,
    });
    return problems;
  }

  for (const iss of named) {
    if (!byIssuer(iss)) {
      problems.push({
        problem: `Kong accepts issuer ${quote(iss)}, which no IdP registration in this stack produces (they produce ${quoteList(producedIssuers)})${issuerHint(iss, producedIssuers)}`,
        fix,
      });
    }
    problems.push(...entraVersionProblems(iss, registrations, apiApps, resources));
  }

  // Discovery and JWKS URLs must belong to an accepted issuer, as its registration derived them.
  const accepted = named.map(byIssuer).filter((r): r is Registration => r !== undefined);
  if (accepted.length > 0) {
    const discoveries = accepted.map((r) => r.contract.discoveryUrl);
    if (discoveryUrl === undefined || !discoveries.includes(discoveryUrl)) {
      problems.push({
        problem: `the discovery URL ${quote(discoveryUrl)} does not belong to issuer ${quoteList(accepted.map((r) => r.contract.issuer))}; expected ${quoteList(discoveries)}`,
        fix: "remove kong.tokenValidationOverride.discoveryUrl so Kong discovers the accepted issuer's keys",
      });
    }
    const jwks = accepted.map((r) => r.contract.jwksUri);
    const foreign = extraJwks.filter((u) => !jwks.includes(u));
    if (foreign.length > 0) {
      problems.push({
        problem: `extra_jwks_uris ${quoteList(foreign)} belong to no accepted issuer (expected among ${quoteList(jwks)})`,
        fix: "let the stack derive extra_jwks_uris from the trusted contracts",
      });
    }
  }
  return problems;
}

/**
 * An Entra v2 issuer only with API applications that request v2 tokens, and v1 only with v1: the API
 * application's api.requestedAccessTokenVersion decides which issuer its tokens carry.
 */
function entraVersionProblems(
  iss: string,
  registrations: readonly Registration[],
  apiApps: readonly PolicyResource[],
  resources: readonly PolicyResource[],
): Problem[] {
  const v2 = ENTRA_V2.exec(iss);
  const v1 = ENTRA_V1.exec(iss);
  if (!v2 && !v1) return [];
  const tenant = (v2 ?? v1)![1]!;
  const expected = v2 ? 2 : 1;
  // The API applications of the registration for this tenant (children of its component), else all of them.
  const registration = registrations.find((r) => r.contract.provider === "entra" && String(r.contract.details?.["tenantId"]) === tenant);
  const children = registration ? apiApps.filter((a) => isBelow(a, registration.resource.urn, resources)) : [];
  const apps = children.length > 0 ? children : apiApps;
  return apps
    .filter((app) => (requestedTokenVersion(app.props) ?? 1) !== expected)
    .map((app) => {
      const actual = requestedTokenVersion(app.props) ?? 1;
      return {
        problem: `Kong accepts the Entra v${expected} issuer ${quote(iss)}, but API application ${quote(app.name)} requests v${actual} access tokens, whose iss is ${quote(entraIssuer(tenant, actual === 2 ? 2 : 1))}: every token would be rejected`,
        fix: `make both sides agree: keep identity.providers[].tokenVersion and the issuer Kong validates the same (v2 unless clients force v1), and remove kong.tokenValidationOverride.issuer`,
      };
    });
}

function isBelow(resource: PolicyResource, ancestorUrn: string, resources: readonly PolicyResource[]): boolean {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  let current: PolicyResource | undefined = resource.parent ? byUrn.get(resource.parent.urn) ?? resource.parent : undefined;
  for (let depth = 0; current && depth < 50; depth++) {
    if (current.urn === ancestorUrn) return true;
    current = current.parent ? byUrn.get(current.parent.urn) ?? current.parent : undefined;
  }
  return false;
}

function issuerHint(iss: string, produced: readonly string[]): string {
  for (const p of produced) {
    if (iss.replace(/\/$/, "") === p.replace(/\/$/, "")) return "; it differs only by a trailing slash, and issuers are compared exactly";
    const tenantOf = (s: string) => ENTRA_V2.exec(s)?.[1] ?? ENTRA_V1.exec(s)?.[1];
    if (tenantOf(iss) && tenantOf(iss) === tenantOf(p)) return "; same Entra tenant, other token version";
  }
  return "";
}
