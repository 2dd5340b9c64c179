import { KONG_GATEWAY_TYPE } from "../../../components/kong/gateway/type-tokens";
import type { PolicyResource } from "@pulumi/policy";
import { helmValues, isKongRelease } from "./helm-values";
import { isRecord, list, num, record, strings, text, type Props } from "./props";
import { AS3_TENANT_TYPE, CIS_VIRTUAL_SERVER_TYPE, CONFIG_MAP_TYPE } from "./f5-resource-types";
import { readKongConfig, pluginOf } from "./kong-config";
import { HELM_RELEASE } from "./resource-types";

/**
 * What the edge policies read of a planned stack: Kong's proxy (the Helm release values), Kong's certificate
 * (the KongGateway component's public `proxyTls` output), the BIG-IP's side (AS3 tenant declaration or CIS
 * VirtualServer) and the kong.yml routes that admit only edge addresses.
 */

export { KONG_GATEWAY_TYPE };
/** Chart defaults (kong 3.4.1 values.yaml) for what the values leave out. */
const CHART_PROXY_DEFAULTS = { type: "LoadBalancer", httpEnabled: true, tlsEnabled: true, tlsServicePort: 443 } as const;

type ResourceLike = Pick<PolicyResource, "type" | "name" | "urn" | "props">;

export interface KongProxyFacts {
  readonly resource: ResourceLike;
  readonly type: string;
  readonly httpEnabled: boolean;
  readonly tlsEnabled: boolean;
  readonly tlsServicePort: number;
  readonly tlsNodePort?: number;
  readonly externalTrafficPolicy?: string;
  /** env.ssl_cert: without it Kong serves its auto-generated self-signed certificate. */
  readonly sslCert?: string;
}

export function kongProxies(resources: readonly ResourceLike[]): KongProxyFacts[] {
  return resources
    .filter((r) => r.type === HELM_RELEASE && isKongRelease(r.props))
    .map((r) => {
      const values = helmValues(r.props);
      const proxy = record(values["proxy"]) ?? {};
      const http = record(proxy["http"]);
      const tls = record(proxy["tls"]);
      const env = record(values["env"]) ?? {};
      const nodePort = num(tls?.["nodePort"]);
      const policy = text(proxy["externalTrafficPolicy"]);
      const sslCert = text(env["ssl_cert"]);
      return {
        resource: r,
        type: text(proxy["type"]) ?? CHART_PROXY_DEFAULTS.type,
        httpEnabled: http?.["enabled"] !== undefined ? http["enabled"] === true : CHART_PROXY_DEFAULTS.httpEnabled,
        tlsEnabled: tls?.["enabled"] !== undefined ? tls["enabled"] === true : CHART_PROXY_DEFAULTS.tlsEnabled,
        tlsServicePort: num(tls?.["servicePort"]) ?? CHART_PROXY_DEFAULTS.tlsServicePort,
        ...(nodePort !== undefined ? { tlsNodePort: nodePort } : {}),
        ...(policy ? { externalTrafficPolicy: policy } : {}),
        ...(sslCert ? { sslCert } : {}),
      };
    });
}

export interface KongCertificateFacts {
  readonly resource: PolicyResource;
  readonly secretName?: string;
  readonly certificate?: string;
  readonly caCertificate?: string;
}

export function kongCertificates(resources: readonly PolicyResource[]): KongCertificateFacts[] {
  return resources.flatMap((r) => {
    if (r.type !== KONG_GATEWAY_TYPE) return [];
    const tls = record(r.props["proxyTls"]) ?? {};
    const [secretName, certificate, caCertificate] = [text(tls["secretName"]), text(tls["certificate"]), text(tls["caCertificate"])];
    return [{ resource: r, ...(secretName ? { secretName } : {}), ...(certificate ? { certificate } : {}), ...(caCertificate ? { caCertificate } : {}) }];
  });
}

export interface As3KongLink {
  readonly resource: PolicyResource;
  /** tenant/application/TLS_Client name */
  readonly path: string;
  readonly serverName?: string;
  readonly validateCertificate: boolean;
  /** PEM of the CA_Bundle the TLS_Client trusts (trustCA.use), when declared in the same application. */
  readonly caBundle?: string;
  /** trustCA.bigip: a bundle already on the BIG-IP (contents unknown to the plan). */
  readonly trustBigip?: string;
  readonly pools: readonly { readonly name: string; readonly addresses: readonly string[]; readonly fqdn?: string; readonly port: number }[];
}

/** The BIG-IP → Kong side of every AS3 tenant: the TLS_Client profiles and the pools. */
export function as3KongLinks(resources: readonly PolicyResource[]): As3KongLink[] {
  return resources.flatMap((r) => {
    if (r.type !== AS3_TENANT_TYPE) return [];
    const declaration = record(r.props["declaration"]) ?? {};
    const links: As3KongLink[] = [];
    for (const [tenantName, tenant] of Object.entries(declaration)) {
      if (!isRecord(tenant) || tenant["class"] !== "Tenant") continue;
      for (const [appName, app] of Object.entries(tenant)) {
        if (!isRecord(app) || app["class"] !== "Application") continue;
        const objects = Object.entries(app).filter((e): e is [string, Props] => isRecord(e[1]));
        // Pools a virtual server forwards to (Kong's); a pool only an iRule names (the HSL request log) is not on the path.
        const servicePools = new Set(objects.filter(([, o]) => /^Service_/.test(String(o["class"]))).map(([, o]) => text(o["pool"])).filter(Boolean));
        const pools = objects
          .filter(([name, o]) => o["class"] === "Pool" && (servicePools.size === 0 || servicePools.has(name)))
          .flatMap(([name, o]) =>
            list(o["members"]).filter(isRecord).map((m) => ({
              name,
              addresses: strings(m["serverAddresses"]),
              ...(text(m["hostname"]) ? { fqdn: text(m["hostname"])! } : {}),
              port: num(m["servicePort"]) ?? 0,
            })),
          );
        for (const [name, o] of objects) {
          if (o["class"] !== "TLS_Client") continue;
          const trust = record(o["trustCA"]);
          const use = text(trust?.["use"]);
          const bundle = use ? text(record(app[use])?.["bundle"]) : undefined;
          const bigip = text(trust?.["bigip"]);
          const serverName = text(o["serverName"]);
          links.push({
            resource: r,
            path: `${tenantName}/${appName}/${name}`,
            ...(serverName ? { serverName } : {}),
            validateCertificate: o["validateCertificate"] === true,
            ...(bundle ? { caBundle: bundle } : {}),
            ...(bigip ? { trustBigip: bigip } : {}),
            pools,
          });
        }
      }
    }
    return links;
  });
}

export interface CisKongLink {
  readonly resource: PolicyResource;
  readonly name: string;
  readonly servicePorts: readonly number[];
}

export function cisKongLinks(resources: readonly PolicyResource[]): CisKongLink[] {
  return resources
    .filter((r) => r.type === CIS_VIRTUAL_SERVER_TYPE)
    .map((r) => {
      const meta = record(r.props["metadata"]);
      const pools = list(record(r.props["spec"])?.["pools"]).filter(isRecord);
      return { resource: r, name: `${text(meta?.["namespace"]) ?? "?"}/${text(meta?.["name"]) ?? r.name}`, servicePorts: pools.map((p) => num(p["servicePort"]) ?? 0) };
    });
}

/** kong.yml routes that admit only listed addresses (ip-restriction allow): they need the real TCP peer. */
export function addressTrustingRoutes(resources: readonly PolicyResource[]): { readonly resource: PolicyResource; readonly routes: string[] }[] {
  return resources.flatMap((r) => {
    if (r.type !== CONFIG_MAP_TYPE) return [];
    const kong = readKongConfig(r.props);
    if (!kong) return [];
    const routes = kong.routes.filter((route) => strings(pluginOf(route, "ip-restriction")?.config["allow"]).length > 0).map((route) => route.name);
    return routes.length ? [{ resource: r, routes }] : [];
  });
}
