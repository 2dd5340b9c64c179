import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { secretMountDir } from "../../../components/kong/tls/proxy-tls";
import { helmValues, isKongRelease } from "./helm-values";
import { pingAuthPlugins } from "./ping-auth-secret-by-reference";
import { list, record, strings, text, type Props } from "./props";
import { HELM_RELEASE, K8S_CONFIG_MAP } from "./resource-types";
import { nameList, violation } from "./violation";

type Subject = Pick<PolicyResource, "type" | "props" | "urn" | "name">;

/** The routes running ping-auth across the stack's kong.yml ConfigMaps, with each plugin's config. */
function pingAuthRoutes(resources: readonly Subject[]): { where: string; config: Props }[] {
  return resources.filter((r) => r.type === K8S_CONFIG_MAP).flatMap((cm) => pingAuthPlugins(cm.props as Props));
}

const kongReleases = (resources: readonly Subject[]) => resources.filter((r) => r.type === HELM_RELEASE && isKongRelease(r.props as Props));

/**
 * The chart's proxy TLS listener parameters: `proxy.tls.parameters`, which the chart defaults to `[http2]`
 * (Kong/charts values.yaml), so a release that does not set it offers h2.
 */
export function proxyTlsOffersHttp2(values: Props): boolean {
  const tls = record(record(values["proxy"])?.["tls"]);
  if (tls?.["enabled"] === false) return false;
  const parameters = tls?.["parameters"];
  if (parameters === undefined || parameters === null) return true;
  return strings(parameters).includes("http2");
}

/**
 * ping-auth-http1-only: ping-auth 1.2.0 (`access.lua`) answers 400 to every HTTP/2 request, and Kong's chart
 * offers h2 by ALPN on the proxy TLS listener by default; browsers and most SDKs then negotiate h2 and get 400
 * on every ping-auth route. `kis verify` cannot see it (Node's client speaks HTTP/1.1).
 */
export const pingAuthHttp1Only: StackValidationPolicy = {
  name: "ping-auth-http1-only",
  description: "When a route runs ping-auth, Kong's proxy TLS listener does not offer HTTP/2 (chart proxy.tls.parameters without http2): ping-auth answers 400 to HTTP/2.",
  enforcementLevel: "mandatory",
  remediationSteps: "Remove pingaccess.allowHttp2 (the stack then sets proxy.tls.parameters: [] whenever ping-auth is configured).",
  validateStack: (args, report) => {
    const routes = pingAuthRoutes(args.resources);
    if (routes.length === 0) return;
    for (const release of kongReleases(args.resources)) {
      if (!proxyTlsOffersHttp2(helmValues(release.props as Props))) continue;
      report(
        violation(
          release,
          `${nameList(routes.map((r) => r.where))} run ping-auth, which answers 400 to HTTP/2, but Kong's proxy TLS listener offers h2 (proxy.tls.parameters includes http2, the chart's default): every browser and HTTP/2 client gets 400`,
          "remove pingaccess.allowHttp2 so the stack serves HTTP/1.1 only on the proxy TLS listener (proxy.tls.parameters: [])",
        ),
        release.urn,
      );
    }
  },
};

/**
 * A host name only the cluster's DNS answers (a Service name): no public CA issues a certificate for it, so
 * Kong's default trust (`system`) cannot verify it.
 */
export function isInClusterHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return !h.includes(".") || /\.svc(\.cluster\.local)?$/.test(h) || h.endsWith(".cluster.local");
}

/** The CA files besides `system` in lua_ssl_trusted_certificate that the release also mounts (secretVolumes). */
export function mountedTrustedCaFiles(values: Props): string[] {
  const env = record(values["env"]) ?? {};
  const files = (text(env["lua_ssl_trusted_certificate"]) ?? "system").split(",").map((f) => f.trim()).filter((f) => f && f !== "system");
  const volumes = strings(list(values["secretVolumes"]));
  return files.filter((f) => volumes.some((v) => f.startsWith(`${secretMountDir(v)}/`)));
}

/**
 * ping-auth-trusts-pingaccess-ca: when ping-auth verifies PingAccess's certificate at an in-cluster name, Kong
 * must trust the CA that issued it. Kong verifies against lua_ssl_trusted_certificate (default `system`), and
 * no public CA issues for `*.svc.cluster.local`: every request would fail closed with 500. Verification turned
 * off is ping-auth-verifies-certificate's (allowed on dev stacks only).
 */
export const pingAuthTrustsPingAccessCa: StackValidationPolicy = {
  name: "ping-auth-trusts-pingaccess-ca",
  description:
    "ping-auth verifying an in-cluster PingAccess URL (*.svc, *.cluster.local) has PingAccess's CA mounted and in Kong's lua_ssl_trusted_certificate beside system.",
  enforcementLevel: "mandatory",
  remediationSteps: "Set pingaccess.serviceCa (certificate: the CA's PEM, or secretName: an existing Secret with ca.crt).",
  validateStack: (args, report) => {
    const verifying = pingAuthRoutes(args.resources).filter((p) => {
      if (p.config["verify_service_certificate"] === false) return false;
      try {
        const url = new URL(text(p.config["service_url"]) ?? "");
        return url.protocol === "https:" && isInClusterHost(url.hostname);
      } catch {
        return false;
      }
    });
    if (verifying.length === 0) return;
    const url = text(verifying[0]!.config["service_url"]);
    for (const release of kongReleases(args.resources)) {
      if (mountedTrustedCaFiles(helmValues(release.props as Props)).length > 0) continue;
      report(
        violation(
          release,
          `ping-auth on ${nameList(verifying.map((p) => p.where))} verifies PingAccess's certificate at ${JSON.stringify(url)}, an in-cluster name no public CA issues for, but Kong trusts only the system CAs (lua_ssl_trusted_certificate): every request would fail closed with 500`,
          "set pingaccess.serviceCa.certificate (the PEM of the CA that issued PingAccess's engine certificate) or pingaccess.serviceCa.secretName (an existing Secret with ca.crt)",
        ),
        release.urn,
      );
    }
  },
};
