import { gunzipSync } from "node:zlib";
import { parse } from "yaml";
import { packedKongYaml } from "../../../components/kong/delivery/config-delivery";
import { serializedKongDocument } from "../../../components/kong/serialize/kong-yaml";
import { isRecord, list, record, text, type Props } from "./props";

/**
 * Kong's DB-less declarative configuration as the policies see it: the `kong.yml` key of a Kubernetes
 * ConfigMap (what the KongGateway component writes and the chart's dblessConfig.configMap reads).
 */

export const KONG_CONFIG_KEY = "kong.yml";
/** Large stacks carry kong.yml gzip-compressed in binaryData (kong.configDelivery, components/kong/delivery). */
export const KONG_CONFIG_GZIP_KEY = "kong.yml.gz";

export interface KongPluginView {
  readonly name: string;
  readonly config: Props;
  /** Where the plugin is attached: `route orders-read`, `service orders`, `global`. */
  readonly scope: string;
}

export interface KongRouteView {
  readonly name: string;
  readonly service: string | undefined;
  /**
   * The plugins that run on the route: Kong's precedence for one plugin name is route, then service,
   * then global (consumer-scoped instances are not considered).
   */
  readonly plugins: readonly KongPluginView[];
}

export interface KongConfigView {
  readonly document: Props;
  readonly routes: readonly KongRouteView[];
  readonly consumers: readonly Props[];
}

/** Several rules read the same kong.yml (thousands of routes in large stacks): parse each text once. */
const parsed = new Map<string, KongConfigView | undefined>();
const PARSED_KEEP = 4;

const unpacked = new Map<string, string | undefined>();

/**
 * The kong.yml text a ConfigMap holds: `data["kong.yml"]`, or `binaryData["kong.yml.gz"]` unpacked (base64,
 * then gzip, as the init container does). Undefined when it holds neither or the archive is damaged.
 */
export function kongYamlOfConfigMap(configMapProps: Props): string | undefined {
  const inline = text(record(configMapProps["data"])?.[KONG_CONFIG_KEY]);
  if (inline !== undefined) return inline;
  const packed = text(record(configMapProps["binaryData"])?.[KONG_CONFIG_GZIP_KEY]);
  if (packed === undefined) return undefined;
  // Packed by this process (kis plan): the text it packed. Otherwise unpack, as the init container does.
  const known = packedKongYaml(packed);
  if (known !== undefined) return known;
  if (!unpacked.has(packed)) {
    if (unpacked.size >= PARSED_KEEP) unpacked.delete(unpacked.keys().next().value!);
    let value: string | undefined;
    try {
      value = gunzipSync(Buffer.from(packed, "base64")).toString("utf8");
    } catch {
      value = undefined;
    }
    unpacked.set(packed, value);
  }
  return unpacked.get(packed);
}

/** The parsed kong.yml of a ConfigMap, or undefined when the ConfigMap holds none (or it is not YAML). */
export function readKongConfig(configMapProps: Props): KongConfigView | undefined {
  const textValue = kongYamlOfConfigMap(configMapProps);
  return textValue === undefined ? undefined : parseKongYaml(textValue);
}

/** kong.yml text → its view, cached by text: every rule of one plan shares one parse. */
export function parseKongYaml(textValue: string): KongConfigView | undefined {
  if (parsed.has(textValue)) return parsed.get(textValue);
  const view = parseKongConfig(textValue);
  if (parsed.size >= PARSED_KEEP) parsed.delete(parsed.keys().next().value!);
  parsed.set(textValue, view);
  return view;
}

function parseKongConfig(textValue: string): KongConfigView | undefined {
  // In `kis plan` the text was serialised in this process: its document is known, no YAML parse needed.
  let document: unknown = serializedKongDocument(textValue);
  if (document === undefined) {
    try {
      document = parse(textValue);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(document) || document["_format_version"] === undefined) return undefined;
  return viewOf(document);
}

function viewOf(document: Props): KongConfigView {
  const topPlugins = list(document["plugins"]).filter(isRecord);
  const services = list(document["services"]).filter(isRecord);
  const global = topPlugins.filter((p) => !p["route"] && !p["service"] && !p["consumer"]);

  const serviceName = (s: unknown): string | undefined => text(s) ?? text(record(s)?.["name"]);
  const pluginsFor = (kind: "route" | "service", name: string | undefined) =>
    name === undefined ? [] : topPlugins.filter((p) => serviceName(p[kind]) === name && !p["consumer"]);

  const routes: KongRouteView[] = [];
  const addRoute = (route: Props, service: Props | undefined) => {
    const name = text(route["name"]) ?? "(unnamed route)";
    const svcName = service ? text(service["name"]) : serviceName(route["service"]);
    const svc = service ?? services.find((s) => text(s["name"]) === svcName);
    const layers: [string, Props[]][] = [
      ["global", global],
      [`service ${svcName ?? "?"}`, [...list(svc?.["plugins"]).filter(isRecord), ...pluginsFor("service", svcName)]],
      [`route ${name}`, [...list(route["plugins"]).filter(isRecord), ...pluginsFor("route", text(route["name"]))]],
    ];
    const effective = new Map<string, KongPluginView>();
    for (const [scope, plugins] of layers) {
      for (const p of plugins) {
        const pluginName = text(p["name"]);
        if (!pluginName || p["consumer"] || p["enabled"] === false) continue;
        effective.set(pluginName, { name: pluginName, config: record(p["config"]) ?? {}, scope });
      }
    }
    routes.push({ name, service: svcName, plugins: [...effective.values()] });
  };

  for (const service of services) {
    for (const route of list(service["routes"]).filter(isRecord)) addRoute(route, service);
  }
  for (const route of list(document["routes"]).filter(isRecord)) addRoute(route, undefined);
  return { document, routes, consumers: list(document["consumers"]).filter(isRecord) };
}

/** Token-validating plugins: a route with one of these is protected. */
export const AUTH_PLUGINS: readonly string[] = [
  "openid-connect",
  "jwt",
  "jwt-signer",
  "oauth2",
  "oauth2-introspection",
  "key-auth",
  "key-auth-enc",
  "basic-auth",
  "hmac-auth",
  "ldap-auth",
  "mtls-auth",
];

export function pluginOf(route: KongRouteView, name: string): KongPluginView | undefined {
  return route.plugins.find((p) => p.name === name);
}

export function isProtectedRoute(route: KongRouteView): boolean {
  return route.plugins.some((p) => AUTH_PLUGINS.includes(p.name));
}
