import { PING_AUTH_LIMITATIONS } from "../../components/pingaccess/builders/limitations";
import { PINGACCESS_TYPE_TOKENS } from "../../components/pingaccess/providers/type-tokens";
import type { PlanDocument } from "./plan-document";

type Json = Record<string, any>;

/** PingAccess as Kong's sideband (from the recorded PingAccess resources and Kong's Helm values). */
export function renderPingAccess(plan: PlanDocument): string[] {
  const all = (type: string) => plan.resources.filter((r) => r.type === type).map((r) => r.inputs as Json);
  const [app] = all(PINGACCESS_TYPE_TOKENS.Application);
  if (!app) return [];
  const [client] = all(PINGACCESS_TYPE_TOKENS.SidebandClient);
  const [validator] = all(PINGACCESS_TYPE_TOKENS.AccessTokenValidator);
  const [third] = all(PINGACCESS_TYPE_TOKENS.ThirdPartyService);
  const hosts = all(PINGACCESS_TYPE_TOKENS.VirtualHost).map((h) => `${h["host"]}:${h["port"]}`);
  const resources = all(PINGACCESS_TYPE_TOKENS.Resource);
  const release = plan.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release")?.inputs["values"] as Json | undefined;
  const configMaps = (release?.["plugins"]?.["configMaps"] ?? []) as Json[];
  const install = configMaps.some((c) => c["pluginName"] === "ping-auth")
    ? `ConfigMap ${configMaps.find((c) => c["pluginName"] === "ping-auth")!["name"]} mounted at /opt/kong/plugins/ping-auth`
    : `image ${release?.["image"]?.["repository"]}:${release?.["image"]?.["tag"]} (must contain the LuaRocks package kong-plugin-ping-auth)`;
  const connection = (client?.["connection"] ?? app["connection"] ?? {}) as Json;
  const need = (r: Json) =>
    [(r["scopes"] ?? []).length ? `scopes ${(r["scopes"] as string[]).join(" + ")}` : "", (r["groups"] ?? []).length ? `one of ${(r["groups"] as string[]).join(" | ")}` : ""]
      .filter(Boolean)
      .join(", ") || "a valid token";
  const tlsParameters = release?.["proxy"]?.["tls"]?.["parameters"] as string[] | undefined;
  const http2 = tlsParameters === undefined || tlsParameters.includes("http2");
  const trusted = String(release?.["env"]?.["lua_ssl_trusted_certificate"] ?? "system (Kong's default)");
  return [
    `PingAccess sideband: application ${String(app["name"])} at ${String(connection["adminUrl"] ?? "?")}`,
    `  Kong asks     ping-auth on ${resources.map((r) => r["route"]).join(", ")}; plugin from ${install}; env.plugins ${String(release?.["env"]?.["plugins"] ?? "?")}`,
    `  credentials   sideband client ${String(client?.["name"] ?? "?")}: two rotating shared secrets in header ${String(client?.["secretHeaderName"] ?? "?")}; Kong reads the newer as a vault reference`,
    `  tokens        JWKS path ${String(validator?.["path"] ?? "?")} on ${third ? `${third["host"]}:${third["port"]} (third-party service ${third["name"]})` : "PingAccess's token provider"}${validator?.["skipAudienceValidation"] ? ", audience validation skipped (tokens carry no aud)" : ""}, issuer ${String(validator?.["issuer"] ?? "?")}${validator?.["audience"] ? `, audience ${validator["audience"]}` : ""}`,
    `  listener      Kong proxy TLS ${http2 ? "offers HTTP/2 (h2 by ALPN): ping-auth answers 400 to HTTP/2 clients" : "HTTP/1.1 only (h2 off, proxy.tls.parameters []): ping-auth answers 400 to HTTP/2"}`,
    `  trust         Kong's TLS calls to PingAccess trust ${trusted} (lua_ssl_trusted_certificate)`,
    `  virtual hosts ${hosts.join(", ")}`,
    ...resources.map((r) => `  resource      ${String(r["route"]).padEnd(14)} ${(r["methods"] as string[]).join(",")} ${((r["pathPatterns"] ?? []) as Json[]).map((p) => p["pattern"]).join(" ")}  requires ${need(r)}`),
    ...all(PINGACCESS_TYPE_TOKENS.ResourceOrder).map((o) => `  order         ${((o["resources"] ?? []) as string[]).join(", ")} (PingAccess takes the first matching resource: methods first, then longer paths, as Kong routes)`),
    ...PING_AUTH_LIMITATIONS.map((l) => `  limit         ${l}`),
    "",
  ];
}
