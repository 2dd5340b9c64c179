import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv04 from "ajv-draft-04";
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { readJsonSchema, schemaPath } from "./schemas";

/**
 * Validators for the Kong artifacts the stack generates, against the vendor schemas in `../shared/schemas`.
 * Each returns a list of problems, one line each (`<where>: <what>`); empty means valid.
 */

const KONG_PLUGIN_SCHEMA_VERSION = "3.15";

// ---------------------------------------------------------------- kong.yml

export interface KongValidationOptions {
  /** DB-less rules on top of the schemas (default true): e.g. rate-limiting `policy: cluster` needs a database. */
  readonly dbless?: boolean;
}

/**
 * Validates a declarative config (the parsed kong.yml): the entities against decK's draft-04 schema, then
 * every plugin's `config` (and `protocols`) against that plugin's own 3.15 schema, which the declarative
 * schema leaves open.
 *
 * The plugin schema files do not close their objects, but Kong rejects unknown fields in a plugin config
 * ("unknown field"); so every object that lists `properties` and says nothing about `additionalProperties`
 * is closed here, which lets a misspelt field fail the way it would in Kong.
 */
export function validateKongDeclarative(config: unknown, options: KongValidationOptions = {}): string[] {
  const problems = describeErrors("kong.yml", declarativeValidator(), config);
  for (const { where, plugin } of pluginsIn(config)) {
    problems.push(...validatePlugin(where, plugin));
    if (options.dbless !== false) problems.push(...dblessRules(where, plugin));
  }
  return problems;
}

/** Same as validateKongDeclarative, from kong.yml text (e.g. the file `kis plan` writes). */
export function validateKongYamlText(text: string, options: KongValidationOptions = {}): string[] {
  let config: unknown;
  try {
    config = parse(text);
  } catch (error) {
    return [`kong.yml: not valid YAML: ${(error as Error).message}`];
  }
  return validateKongDeclarative(config, options);
}

let declarative: ValidateFunction | undefined;
function declarativeValidator(): ValidateFunction {
  // The file is draft-04 (it comes from decK's Go reflector), and repeats "$schema" inside definitions.
  declarative ??= new Ajv04({ allErrors: true, strict: false }).compile(readJsonSchema("kong", "declarative.schema.json"));
  return declarative;
}

interface PluginEntity {
  readonly name?: unknown;
  readonly config?: unknown;
  readonly protocols?: unknown;
}

/** Plugins at every level where kong.yml can hold them, with a readable location. */
export function pluginsIn(config: unknown): { where: string; plugin: PluginEntity }[] {
  const found: { where: string; plugin: PluginEntity }[] = [];
  const collect = (list: unknown, where: string) =>
    asArray(list).forEach((plugin, i) => found.push({ where: `${where}.plugins[${i}]`, plugin: (plugin ?? {}) as PluginEntity }));
  const root = (config ?? {}) as Record<string, unknown>;
  collect(root["plugins"], "kong.yml");
  asArray(root["services"]).forEach((service: any, s) => {
    collect(service?.plugins, `services[${s}]`);
    asArray(service?.routes).forEach((route: any, r) => collect(route?.plugins, `services[${s}].routes[${r}]`));
  });
  asArray(root["routes"]).forEach((route: any, r) => collect(route?.plugins, `routes[${r}]`));
  asArray(root["consumers"]).forEach((consumer: any, c) => collect(consumer?.plugins, `consumers[${c}]`));
  return found;
}

function validatePlugin(where: string, plugin: PluginEntity): string[] {
  if (typeof plugin.name !== "string") return []; // the declarative schema reports the missing name
  const validators = pluginValidators(plugin.name);
  if (!validators) return [`${where}: unknown plugin "${plugin.name}" (no ${pluginSchemaFileName(plugin.name)} in kong/plugins/${KONG_PLUGIN_SCHEMA_VERSION})`];
  const label = `${where} (${plugin.name})`;
  const problems: string[] = [];
  if (plugin.config === undefined) {
    if (validators.configRequired) problems.push(`${label}: config is required`);
  } else {
    problems.push(...describeErrors(`${label}.config`, validators.config, plugin.config));
  }
  if (plugin.protocols !== undefined && validators.protocols) {
    problems.push(...describeErrors(`${label}.protocols`, validators.protocols, plugin.protocols));
  }
  return problems;
}

/** Things the schemas allow that Kong refuses without a database. */
function dblessRules(where: string, plugin: PluginEntity): string[] {
  const config = (plugin.config ?? {}) as Record<string, unknown>;
  if (plugin.name === "rate-limiting" && config["policy"] === "cluster") {
    return [`${where} (rate-limiting).config.policy: "cluster" needs a database; DB-less Kong accepts "local" or "redis"`];
  }
  return [];
}

// ---------------------------------------------------------------- plugin schema files

/** `openid-connect` -> `OpenidConnect.json`; `acl` -> `ACL.json` (found case-insensitively). */
export function pluginSchemaFileName(pluginName: string): string {
  return `${pluginName.split("-").map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("")}.json`;
}

let pluginFiles: readonly string[] | undefined;
function findPluginSchemaFile(pluginName: string): string | undefined {
  pluginFiles ??= readdirSync(schemaPath("kong", "plugins", KONG_PLUGIN_SCHEMA_VERSION)).filter((f) => f.endsWith(".json"));
  const wanted = pluginSchemaFileName(pluginName);
  if (pluginFiles.includes(wanted)) return wanted;
  const insensitive = pluginFiles.filter((f) => f.toLowerCase() === wanted.toLowerCase());
  return insensitive.length === 1 ? insensitive[0] : undefined;
}

interface PluginValidators {
  readonly config: ValidateFunction;
  readonly protocols: ValidateFunction | undefined;
  readonly configRequired: boolean;
}

const pluginCache = new Map<string, PluginValidators | undefined>();
// The plugin files carry no "$schema": plain JSON Schema (draft-07 keywords) plus Kong's x-* annotations.
const pluginAjv = new Ajv({ allErrors: true, strict: false });

/** Third-party plugins and their schema files in `kong/third-party/` (not Kong's own 3.15 set). */
const THIRD_PARTY_PLUGINS: Readonly<Record<string, string>> = { "ping-auth": "ping-auth.json" };

function pluginValidators(pluginName: string): PluginValidators | undefined {
  if (pluginCache.has(pluginName)) return pluginCache.get(pluginName);
  const thirdParty = THIRD_PARTY_PLUGINS[pluginName];
  const file = thirdParty ?? findPluginSchemaFile(pluginName);
  let validators: PluginValidators | undefined;
  if (file) {
    const schema = (thirdParty ? readJsonSchema("kong", "third-party", thirdParty) : readJsonSchema("kong", "plugins", KONG_PLUGIN_SCHEMA_VERSION, file)) as {
      properties?: { config?: object; protocols?: object };
      required?: string[];
    };
    validators = {
      config: pluginAjv.compile(closeObjects(schema.properties?.config ?? {}) as object),
      protocols: schema.properties?.protocols ? pluginAjv.compile(schema.properties.protocols) : undefined,
      configRequired: schema.required?.includes("config") ?? false,
    };
  }
  pluginCache.set(pluginName, validators);
  return validators;
}

/** A copy of `schema` where every object listing `properties` (and silent on extra ones) refuses unknown keys. */
export function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === "properties" && value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closeObjects(sub)]))
        : ["items", "anyOf", "oneOf", "allOf", "additionalProperties"].includes(key)
          ? closeObjects(value)
          : value;
  }
  if (out["properties"] && out["additionalProperties"] === undefined && out["patternProperties"] === undefined) {
    out["additionalProperties"] = false;
  }
  return out;
}

// ---------------------------------------------------------------- helm values

/**
 * Key paths that may take keys the chart's values.yaml does not list, and why. Keys whose default is an
 * empty map (`podLabels: {}`, `nodeSelector: {}`, ...) are open as well.
 */
export const OPEN_HELM_VALUE_KEYS: Readonly<Record<string, string>> = {
  env: "every key becomes a KONG_* setting of kong.conf",
  podAnnotations: "annotations are free-form; the default map is not empty",
  "enterprise.license_secret": "documented in values.yaml as a commented-out key",
  "proxy.externalTrafficPolicy": "read by the chart's kong.service template (_helpers.tpl, chart 3.4.1) though values.yaml does not list it",
  "proxy.tls.nodePort": "documented in values.yaml as a commented-out key (Set a nodePort which is available if service type is NodePort)",
  customEnv: "documented in values.yaml as a commented-out key; its keys are environment variable names",
  // kong.configDelivery gzip (components/kong/delivery): documented in values.yaml as commented-out keys.
  "deployment.initContainers": "documented in values.yaml as a commented-out key; a list of Kubernetes containers",
  "deployment.userDefinedVolumes": "documented in values.yaml as a commented-out key; a list of pod volumes",
  "deployment.userDefinedVolumeMounts": "documented in values.yaml as a commented-out key; a list of volume mounts",
  // Issue 23 (each rendered by the real chart in test/render/chart-render.test.ts):
  "admin.addresses": "read by the chart's kong.listen helper (_helpers.tpl, chart 3.4.1): the Admin API's listen addresses",
  "image.unifiedRepoTag": "read by the chart's kong.getRepoTag helper (_helpers.tpl): repository:tag@digest verbatim",
  "podDisruptionBudget.maxUnavailable": "documented in values.yaml as a commented-out key",
  topologySpreadConstraints: "documented in values.yaml as a commented-out key; a list of pod topology spread constraints",
  "proxy.loadBalancerIP": "documented in values.yaml as a commented-out key (read by the chart's kong.service template)",
};

let chartDefaults: Record<string, unknown> | undefined;
/** The kong chart's default values (chart 3.4.1). */
export function kongChartDefaults(): Record<string, unknown> {
  chartDefaults ??= parse(readFileSync(schemaPath("kong", "helm-chart", "values.yaml"), "utf8")) as Record<string, unknown>;
  return chartDefaults;
}

/** Every key path in `values` must exist in the chart's values.yaml (or sit below an open key). */
export function validateHelmValueKeys(values: unknown): string[] {
  const problems: string[] = [];
  const walk = (given: unknown, defaults: Record<string, unknown>, path: string) => {
    for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
      const at = path ? `${path}.${key}` : key;
      if (at in OPEN_HELM_VALUE_KEYS) continue;
      if (!(key in defaults)) {
        problems.push(`values.${at}: not a key of the kong chart's values.yaml`);
        continue;
      }
      const fallback = defaults[key];
      if (!isMap(fallback) || Object.keys(fallback).length === 0) continue;
      if (!isMap(value)) {
        problems.push(`values.${at}: expected a map like the chart's default, got ${JSON.stringify(value)}`);
        continue;
      }
      walk(value, fallback, at);
    }
  };
  if (!isMap(values)) return [`values: expected a map, got ${JSON.stringify(values)}`];
  walk(values, kongChartDefaults(), "");
  return problems;
}

// ---------------------------------------------------------------- helpers

function describeErrors(label: string, validate: ValidateFunction, data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${label}${jsonPointerToPath(e.instancePath)}: ${describe(e)}`);
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties") return `unknown field "${String(params["additionalProperty"])}"`;
  if (error.keyword === "enum") return `${error.message} (${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")})`;
  return error.message ?? error.keyword;
}

function jsonPointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join("");
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
