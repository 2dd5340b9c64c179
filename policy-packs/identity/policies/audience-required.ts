import type { ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { entraApiApps, identifierUrisOf, isEntraApiApp, requestedTokenVersion } from "./entra-apps";
import type { IdentityPolicy } from "./identity-policy";
import { pluginOf, readKongConfig, type KongConfigView } from "./kong-config";
import { PRODUCTION_DEFAULTS, PRODUCTION_SCHEMA, isProduction, readConfig, type ProductionConfig } from "./policy-config";
import { normalizeToken, strings, text, type Props } from "./props";
import { registrationsIn } from "./registrations";
import { COGNITO_CLIENT, COGNITO_RESOURCE_SERVER, ENTRA_APPLICATION, ENTRA_IDENTIFIER_URI, K8S_CONFIG_MAP, OKTA_AUTH_SERVER } from "./resource-types";
import { groupBy, nameList, quoteList, violation } from "./violation";

/**
 * audience-required: a token must be bound to this API, or any token the IdP issues for another API is
 * accepted. Every API registration declares its audience (Entra: identifier URI, and token version 2 unless
 * v1 is chosen explicitly; Okta: the authorization server's single audience; Cognito: a resource server
 * identifier, and client-credentials clients asking for its scopes) and every protected Kong route
 * enforces one the stack's registrations produce (openid-connect `audience_required`; for Cognito the
 * client ids in `client_id`). The OSS jwt plugin cannot check an audience: allowed outside production only.
 */
export const audienceRequired: IdentityPolicy = {
  name: "audience-required",
  description:
    "Every API registration declares its audience (Entra identifier URI and token version 2, Okta server audience, Cognito resource server) and every protected Kong route enforces one that the stack's IdP registrations produce.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: { properties: { ...PRODUCTION_SCHEMA } },
  remediationSteps:
    "Let the stack derive Kong's audience from the IdP registration (remove kong.tokenValidationOverride.audiences) and use the Enterprise edition in production.",
  validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
    const production = isProduction(readConfig<ProductionConfig>(args, PRODUCTION_DEFAULTS), args.urn);
    for (const p of resourceProblems(args.type, args.props, production)) report(violation(args, p.problem, p.fix));
  },
  validateStack: (args: StackValidationArgs, report: ReportViolation) => {
    // Every Entra API application has an identifier URI (on itself or as an ApplicationIdentifierUri).
    for (const app of entraApiApps(args.resources)) {
      if (identifierUrisOf(app, args.resources).length === 0) {
        report(
          violation(
            app,
            "the API application has no identifier URI, so clients cannot ask for a token for it by name (api://...)",
            "add an azuread.ApplicationIdentifierUri api://{clientId} for it (the stack's EntraRegistration does)",
          ),
          app.urn,
        );
      }
    }
    // Kong accepts only audiences that a registration in this stack produces.
    const registrations = registrationsIn(args.resources);
    if (registrations.length === 0) return;
    const produced = new Set(registrations.flatMap(({ contract }) => strings((contract.audience ?? contract.clients)?.values)));
    for (const configMap of args.resources.filter((r) => r.type === K8S_CONFIG_MAP)) {
      const kong = readKongConfig(configMap.props);
      if (!kong) continue;
      for (const [values, routes] of groupBy(foreignAudiences(kong, produced), (f) => f.values.join(" "))) {
        report(
          violation(
            configMap,
            `routes ${nameList(routes.map((r) => r.route))} require audience ${quoteList(values.split(" "))}, which no IdP registration in this stack produces (they produce ${quoteList([...produced])})`,
            "remove kong.tokenValidationOverride.audiences so Kong takes the audience from the registration's contract",
          ),
          configMap.urn,
        );
      }
    }
  },
};

function foreignAudiences(kong: KongConfigView, produced: ReadonlySet<string>): { route: string; values: string[] }[] {
  return kong.routes.flatMap((route) => {
    const oidc = pluginOf(route, "openid-connect");
    const foreign = strings(oidc?.config["audience_required"]).filter((a) => !produced.has(a));
    return foreign.length > 0 ? [{ route: route.name, values: foreign }] : [];
  });
}

function resourceProblems(type: string, props: Props, production: boolean): { problem: string; fix: string }[] {
  switch (type) {
    case ENTRA_APPLICATION: {
      if (!isEntraApiApp(props)) return [];
      const version = requestedTokenVersion(props);
      if (version === undefined) {
        return [
          {
            problem:
              "api.requestedAccessTokenVersion is unset, so Entra issues v1 tokens (iss https://sts.windows.net/{tenant}/, aud either the client id or the identifier URI)",
            fix: "set api.requestedAccessTokenVersion: 2 (identity.providers[].tokenVersion: 2, the default), or 1 explicitly if clients force v1",
          },
        ];
      }
      if (version !== 1 && version !== 2) {
        return [{ problem: `api.requestedAccessTokenVersion is ${version}`, fix: "use 2 (or 1 explicitly)" }];
      }
      return [];
    }
    case ENTRA_IDENTIFIER_URI:
      return text(props["identifierUri"])
        ? []
        : [{ problem: "identifierUri is empty", fix: "use api://{clientId} of the API application" }];
    case OKTA_AUTH_SERVER: {
      const audiences = strings(props["audiences"]).filter((a) => a.trim().length > 0);
      if (audiences.length === 0) {
        return [{ problem: "the authorization server declares no audience", fix: "set audiences to the API's identifier, e.g. [\"api://orders\"]" }];
      }
      if (audiences.length > 1) {
        return [{ problem: `the authorization server lists ${audiences.length} audiences; Okta supports one`, fix: "use one authorization server per API" }];
      }
      return audiences[0]!.includes("*") ? [{ problem: `audience ${quoteList(audiences)} is a wildcard`, fix: "name the API exactly" }] : [];
    }
    case COGNITO_RESOURCE_SERVER:
      return text(props["identifier"])?.trim()
        ? []
        : [{ problem: "the resource server has no identifier", fix: "set identifier to the API's name, e.g. orders-api" }];
    case COGNITO_CLIENT: {
      const flows = strings(props["allowedOauthFlows"]).map(normalizeToken);
      const scopes = strings(props["allowedOauthScopes"]);
      if (flows.includes("clientcredentials") && !scopes.some((s) => s.includes("/"))) {
        return [
          {
            problem: "a client-credentials client is allowed no resource-server scope, so its tokens name no API",
            fix: "allow the API's scopes ({resource-server identifier}/{scope}) in allowedOauthScopes",
          },
        ];
      }
      return [];
    }
    case K8S_CONFIG_MAP:
      return kongProblems(props, production);
    default:
      return [];
  }
}

function kongProblems(props: Props, production: boolean): { problem: string; fix: string }[] {
  const kong = readKongConfig(props);
  if (!kong) return [];
  const found: { route: string; problem: string; fix: string }[] = [];
  for (const route of kong.routes) {
    const oidc = pluginOf(route, "openid-connect");
    if (oidc) {
      if (strings(oidc.config["audience_required"]).length === 0) {
        found.push({
          route: route.name,
          problem: "openid-connect requires no audience: a token issued for any API of the same IdP is accepted",
          fix: "set audience_required from the identity contract (the stack does unless the config overrides it)",
        });
      }
      if (oidc.config["verify_claims"] === false) {
        found.push({ route: route.name, problem: "openid-connect verify_claims is false: the audience is not checked", fix: "remove verify_claims: false" });
      }
    }
    if (production && pluginOf(route, "jwt") && !oidc) {
      found.push({
        route: route.name,
        problem: "the OSS jwt plugin validates these production routes and cannot check the audience (nor the issuer)",
        fix: "use kong.edition: enterprise (openid-connect) in production",
      });
    }
  }
  return [...groupBy(found, (f) => f.problem)].map(([problem, items]) => ({
    problem: `routes ${nameList(items.map((i) => i.route))}: ${problem}`,
    fix: items[0]!.fix,
  }));
}
