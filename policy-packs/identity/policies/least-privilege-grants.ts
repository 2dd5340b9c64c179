import type { ResourceValidationPolicy } from "@pulumi/policy";
import { AUTH_PLUGINS, isProtectedRoute, pluginOf, readKongConfig } from "./kong-config";
import { normalizeToken, record, strings, text } from "./props";
import { COGNITO_CLIENT, ENTRA_APPLICATION, K8S_CONFIG_MAP, OKTA_OAUTH_APP, OKTA_POLICY_RULE } from "./resource-types";
import { groupBy, nameList, quoteList, violation } from "./violation";

/** Grants that hand tokens to the browser (implicit) or passwords to the client (password / ROPC). */
const FORBIDDEN_GRANTS = ["implicit", "password"];

interface Problem {
  readonly problem: string;
  readonly fix: string;
}

/**
 * least-privilege-grants: no implicit (or password) grant, no wildcard scope lists, no anonymous consumer
 * that turns a failed authentication into access on a protected route, and bearer-only authentication on
 * API routes (openid-connect otherwise enables nine methods, sessions and redirects among them).
 */
export const leastPrivilegeGrants: ResourceValidationPolicy = {
  name: "least-privilege-grants",
  description:
    "No implicit or password grants, no wildcard scope lists, no anonymous consumer on protected routes, and bearer-only authentication on API routes.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Use the authorization code flow (web clients) or client credentials (services), list scopes explicitly, and let the stack generate Kong's plugins.",
  validateResource: (args, report) => {
    for (const p of problemsOf(args.type, args.props)) report(violation(args, p.problem, p.fix));
  },
};

function problemsOf(type: string, props: Record<string, unknown>): Problem[] {
  switch (type) {
    case ENTRA_APPLICATION:
      return entraProblems(props);
    case OKTA_OAUTH_APP:
      return grantProblems("grantTypes", strings(props["grantTypes"])).concat(oktaResponseTypeProblems(props));
    case OKTA_POLICY_RULE:
      return grantProblems("grantTypeWhitelists", strings(props["grantTypeWhitelists"])).concat(
        wildcardScopes("scopeWhitelists", strings(props["scopeWhitelists"])),
      );
    case COGNITO_CLIENT:
      return grantProblems("allowedOauthFlows", strings(props["allowedOauthFlows"])).concat(
        wildcardScopes("allowedOauthScopes", strings(props["allowedOauthScopes"])),
      );
    case K8S_CONFIG_MAP:
      return kongProblems(props);
    default:
      return [];
  }
}

function entraProblems(props: Record<string, unknown>): Problem[] {
  const implicit = record(record(props["web"])?.["implicitGrant"]);
  const out: Problem[] = [];
  if (implicit?.["accessTokenIssuanceEnabled"] === true) {
    out.push({
      problem: "web.implicitGrant.accessTokenIssuanceEnabled is true: access tokens are issued in the redirect URL (implicit grant)",
      fix: "set it to false and use the authorization code flow with PKCE",
    });
  }
  if (implicit?.["idTokenIssuanceEnabled"] === true) {
    out.push({
      problem: "web.implicitGrant.idTokenIssuanceEnabled is true: ID tokens are issued in the redirect URL (implicit/hybrid flow)",
      fix: "set it to false; the authorization code flow returns the ID token from the token endpoint",
    });
  }
  return out;
}

function grantProblems(field: string, grants: readonly string[]): Problem[] {
  const bad = grants.filter((g) => FORBIDDEN_GRANTS.includes(normalizeToken(g)));
  return bad.length === 0
    ? []
    : [
        {
          problem: `${field} allows ${quoteList(bad)}`,
          fix: 'use "authorization_code" (with PKCE) for users and "client_credentials" for services',
        },
      ];
}

function wildcardScopes(field: string, scopes: readonly string[]): Problem[] {
  return scopes.some((s) => s.includes("*"))
    ? [{ problem: `${field} contains a wildcard (${quoteList(scopes.filter((s) => s.includes("*")))}): every scope is granted`, fix: "list the scopes the client needs" }]
    : [];
}

function kongProblems(props: Record<string, unknown>): Problem[] {
  const kong = readKongConfig(props);
  if (!kong) return [];
  const found: { route: string; problem: string; fix: string }[] = [];
  for (const route of kong.routes.filter(isProtectedRoute)) {
    for (const plugin of route.plugins.filter((p) => AUTH_PLUGINS.includes(p.name))) {
      const anonymous = text(plugin.config["anonymous"]);
      if (anonymous) {
        found.push({
          route: route.name,
          problem: `${plugin.name} has anonymous consumer ${JSON.stringify(anonymous)}: a request without a valid token passes as that consumer`,
          fix: "remove the anonymous setting; routes that take no token are declared with routes[].anonymous: true",
        });
      }
    }
    const oidc = pluginOf(route, "openid-connect");
    if (oidc) {
      const methods = strings(oidc.config["auth_methods"]);
      // A browser sign-in route (redirect URI, client and PKCE set) may add the code flow and its session.
      const allowed = isBrowserSignIn(oidc.config) ? ["bearer", "authorization_code", "session"] : ["bearer"];
      const other = methods.filter((m) => !allowed.includes(m));
      if (methods.length === 0 || other.length > 0) {
        found.push({
          route: route.name,
          problem:
            methods.length === 0
              ? "openid-connect auth_methods is unset, so all nine methods (sessions, password, redirects among them) are enabled"
              : `openid-connect auth_methods includes ${quoteList(other)} besides ${allowed.length > 1 ? quoteList(allowed) : "bearer"}`,
          fix: 'set auth_methods: ["bearer"] (the stack does)',
        });
      }
      const scopes = strings(oidc.config["scopes_required"]);
      if (scopes.some((s) => s.split(" ").includes("*"))) {
        found.push({ route: route.name, problem: 'openid-connect scopes_required contains "*"', fix: "require the route's scopes by name" });
      }
    }
  }
  return [...groupBy(found, (f) => f.problem)].map(([problem, items]) => ({
    problem: `routes ${nameList(items.map((i) => i.route))}: ${problem}`,
    fix: items[0]!.fix,
  }));
}

/**
 * A "token" response type returns access tokens in the redirect, but only for apps that redirect at all:
 * Okta requires responseTypes ["token"] on a service app whose only grant is client_credentials.
 */
function oktaResponseTypeProblems(props: Record<string, unknown>): Problem[] {
  const grants = strings(props["grantTypes"]);
  const clientCredentialsOnly = grants.length > 0 && grants.every((g) => g === "client_credentials");
  if (clientCredentialsOnly || !strings(props["responseTypes"]).includes("token")) return [];
  return [{ problem: 'responseTypes includes "token": access tokens are returned in the redirect', fix: 'use responseTypes ["code"]' }];
}

/** An openid-connect config set up for browser sign-in: a redirect URI, a client and PKCE forced on. */
function isBrowserSignIn(config: Record<string, unknown>): boolean {
  return strings(config["redirect_uri"]).length > 0 && strings(config["client_id"]).length > 0 && config["require_proof_key_for_code_exchange"] === true;
}
