import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { readKongConfig } from "./kong-config";
import { isRecord, strings } from "./props";
import { redirectUrisOf } from "./redirect-uris-https";
import { COGNITO_CLIENT, ENTRA_APPLICATION, K8S_CONFIG_MAP, OKTA_OAUTH_APP } from "./resource-types";
import { kongHosts, signInRoutes } from "./sign-in-configs";
import { quote, violation } from "./violation";

const IDP_CLIENT_TYPES = [ENTRA_APPLICATION, OKTA_OAUTH_APP, COGNITO_CLIENT];
/** Fields that only hold post-logout URIs; Entra keeps both kinds in web.redirectUris. */
const LOGOUT_FIELDS = ["postLogoutRedirectUris", "logoutUrls"];

interface IdpClient {
  readonly resource: PolicyResource;
  readonly clientName: string;
  readonly clientId: string;
  readonly callbacks: readonly string[];
  readonly logouts: readonly string[];
}

/**
 * redirect-uri-consistency (stack): the classic login loop comes from a redirect URI that Kong and the IdP
 * disagree on. Every Kong sign-in route's redirect_uri (and logout_redirect_uri) is registered on the very
 * client whose client_id Kong uses; and every https URI an IdP client registers on a host Kong serves is
 * served by a Kong sign-in route (otherwise codes are sent to a path nothing handles, or to a route that was
 * removed). Client ids come from the registration components' `clientIds` outputs.
 */
export const redirectUriConsistency: StackValidationPolicy = {
  name: "redirect-uri-consistency",
  description:
    "Kong's sign-in redirect URIs are registered on the client Kong uses at the IdP, and every redirect URI registered on a Kong host is served by a Kong sign-in route.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Declare browser routes with routes[].signIn (the stack derives one redirect URI for Kong and the IdP); remove hand-typed redirectUris on Kong's hosts from identity.clients.",
  validateStack: (args: StackValidationArgs, report: ReportViolation) => {
    const clients = idpClients(args.resources);
    const configMaps = args.resources.filter((r) => r.type === K8S_CONFIG_MAP);
    const served = new Set<string>();
    const hosts = new Set<string>();
    for (const configMap of configMaps) {
      const kong = readKongConfig(configMap.props);
      if (!kong) continue;
      kongHosts(kong).forEach((h) => hosts.add(h));
      for (const { route, config } of signInRoutes(kong)) {
        const redirects = strings(config["redirect_uri"]);
        const logouts = strings(config["logout_redirect_uri"]);
        [...redirects, ...logouts].forEach((u) => served.add(u));
        const at = (problem: string, fix: string) => report(violation(configMap, `route ${route}: ${problem}`, fix), configMap.urn);
        const clientId = strings(config["client_id"])[0];
        if (redirects.length === 0 || clientId === undefined) {
          at(
            "openid-connect signs browsers in without a redirect_uri and client_id, so Kong would send the request URL as redirect URI, which no IdP client registers",
            "declare routes[].signIn so the stack derives the redirect URI and client",
          );
          continue;
        }
        const client = clients.find((c) => c.clientId === clientId);
        if (!client) {
          at(
            `openid-connect client_id ${quote(clientId)} is no client of this stack's IdP registrations, so nothing shows its redirect URI ${quote(redirects[0])} registered`,
            "name a web client of identity.clients in routes[].signIn.client",
          );
          continue;
        }
        for (const uri of redirects.filter((u) => !client.callbacks.includes(u))) {
          at(
            `redirect_uri ${quote(uri)} is not registered on client ${quote(client.clientName)} (${describe(client.resource)}), so the IdP refuses the sign-in`,
            "let routes[].signIn register it (do not hand-type Kong's redirect_uri)",
          );
        }
        for (const uri of logouts.filter((u) => !client.logouts.includes(u))) {
          at(
            `logout_redirect_uri ${quote(uri)} is not registered as a post-logout URI on client ${quote(client.clientName)}, so the IdP will not send the browser back after logout`,
            "let routes[].signIn register it",
          );
        }
      }
    }
    // The other direction: URIs registered on a Kong host that no Kong sign-in route serves.
    for (const client of clients) {
      const uris = [...new Set([...client.callbacks, ...client.logouts])];
      for (const uri of uris.filter((u) => onHost(u, hosts) && !served.has(u))) {
        report(
          violation(
            client.resource,
            `client ${quote(client.clientName)} registers ${quote(uri)} on a host Kong serves, but no Kong sign-in route uses it as redirect or post-logout URI, so the code would reach a path nothing handles`,
            "remove it from identity.clients[].redirectUris, or add a route with signIn for that client (its URI is derived and registered for you)",
          ),
          client.resource.urn,
        );
      }
    }
  },
};

const describe = (r: PolicyResource) => `${r.type.split(":").pop()} ${r.name}`;

function onHost(uri: string, hosts: ReadonlySet<string>): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === "https:" && hosts.has(url.hostname);
  } catch {
    return false;
  }
}

/** IdP client resources with their client name and id (from the registration's `clientIds` output). */
function idpClients(resources: readonly PolicyResource[]): IdpClient[] {
  const found: IdpClient[] = [];
  for (const registration of resources) {
    const ids = registration.props["clientIds"];
    if (!isRecord(ids)) continue;
    for (const [clientName, clientId] of Object.entries(ids)) {
      if (typeof clientId !== "string") continue;
      const resource = resources.find(
        (r) => IDP_CLIENT_TYPES.includes(r.type) && r.parent?.urn === registration.urn && r.name.endsWith(`-${clientName}`),
      );
      if (!resource) continue;
      const uris = redirectUrisOf(resource.type, resource.props);
      const logoutField = (f: string) => LOGOUT_FIELDS.includes(f);
      found.push({
        resource,
        clientName,
        clientId,
        callbacks: uris.filter((u) => !logoutField(u.field)).map((u) => u.uri),
        // Entra has no separate list: a post_logout_redirect_uri must be one of the redirect URIs.
        logouts: uris.filter((u) => logoutField(u.field) || resource.type === ENTRA_APPLICATION).map((u) => u.uri),
      });
    }
  }
  return found;
}
