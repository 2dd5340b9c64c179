import type { ResourceValidationPolicy } from "@pulumi/policy";
import { PRODUCTION_DEFAULTS, PRODUCTION_SCHEMA, isProduction, readConfig, type ProductionConfig } from "./policy-config";
import { record, strings, text, type Props } from "./props";
import { COGNITO_CLIENT, ENTRA_APPLICATION, OKTA_OAUTH_APP } from "./resource-types";
import { quote, violation } from "./violation";

export const OKTA_REDIRECT_URI = "okta:app/oAuthRedirectUri:OAuthRedirectUri";

/** Loopback hosts a developer's browser redirects to (RFC 8252 section 7.3). */
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** Where each IdP keeps the URIs it redirects authorization responses (codes, tokens) to. */
export function redirectUrisOf(type: string, props: Props): { field: string; uri: string }[] {
  const at = (field: string, values: unknown) => strings(values).map((uri) => ({ field, uri }));
  switch (type) {
    case ENTRA_APPLICATION:
      return [
        ...at("web.redirectUris", record(props["web"])?.["redirectUris"]),
        ...at("singlePageApplication.redirectUris", record(props["singlePageApplication"])?.["redirectUris"]),
        ...at("publicClient.redirectUris", record(props["publicClient"])?.["redirectUris"]),
      ];
    case OKTA_OAUTH_APP:
      return [...at("redirectUris", props["redirectUris"]), ...at("postLogoutRedirectUris", props["postLogoutRedirectUris"])];
    case OKTA_REDIRECT_URI:
      return at("uri", [props["uri"]]);
    case COGNITO_CLIENT:
      return [
        ...at("callbackUrls", props["callbackUrls"]),
        ...at("logoutUrls", props["logoutUrls"]),
        ...at("defaultRedirectUri", [props["defaultRedirectUri"]]),
      ];
    default:
      return [];
  }
}

/**
 * redirect-uris-https: authorization codes (and, with implicit flows, tokens) travel in the redirect, so
 * every redirect URI is https; `http://localhost` is allowed for developers outside production only; no
 * wildcards (a wildcard lets any matching host receive codes). Production is decided by the policy
 * config (`production`) or, by default, by the stack name (`prod`, `production`).
 */
export const redirectUrisHttps: ResourceValidationPolicy = {
  name: "redirect-uris-https",
  description:
    "Redirect URIs are https only; http://localhost only outside production; no wildcards (Entra, Okta and Cognito app registrations).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { ...PRODUCTION_SCHEMA } },
  remediationSteps: "Use https redirect URIs in identity.clients[].redirectUris; keep http://localhost for dev stacks only.",
  validateResource: (args, report) => {
    const uris = redirectUrisOf(args.type, args.props);
    const wildcardMode = args.type === OKTA_OAUTH_APP ? text(args.props["wildcardRedirect"]) : undefined;
    if (wildcardMode !== undefined && wildcardMode !== "DISABLED") {
      report(
        violation(
          args,
          `wildcardRedirect is ${quote(wildcardMode)}: any matching subdomain can receive authorization codes`,
          'set wildcardRedirect to "DISABLED" and list each redirect URI',
        ),
      );
    }
    if (uris.length === 0) return;
    const config = readConfig<ProductionConfig>(args, PRODUCTION_DEFAULTS);
    const production = isProduction(config, args.urn);
    for (const { field, uri } of uris) {
      const problem = uriProblem(uri, production);
      if (problem) report(violation(args, `${field} ${quote(uri)} ${problem.problem}`, problem.fix));
    }
  },
};

export function uriProblem(uri: string, production: boolean): { problem: string; fix: string } | undefined {
  if (uri.includes("*")) {
    return { problem: "contains a wildcard", fix: "list every redirect URI exactly; wildcards let any matching host receive codes" };
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { problem: "is not an absolute URL", fix: "use an absolute https URL" };
  }
  if (url.protocol === "https:") return undefined;
  const loopback = url.protocol === "http:" && LOOPBACK_HOSTS.includes(url.hostname);
  if (loopback && !production) return undefined;
  if (loopback) {
    return {
      problem: "is a plain-http localhost URI in a production stack",
      fix: "remove localhost redirect URIs from production stacks (keep them in dev stacks)",
    };
  }
  return {
    problem: `uses ${url.protocol.replace(/:$/, "")}, not https: authorization codes would cross the network in clear text`,
    fix: `use https://${url.host}${url.pathname}`,
  };
}
