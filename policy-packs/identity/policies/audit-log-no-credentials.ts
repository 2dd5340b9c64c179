import type { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import type { IdentityPolicy } from "./identity-policy";
import { readKongConfig } from "./kong-config";
import { isRecord, list, record, text, type Props } from "./props";
import { K8S_CONFIG_MAP } from "./resource-types";
import { violation } from "./violation";

/**
 * Kong plugins that write `kong.log.serialize()` (kong/pdk/log.lua): request and response headers (Cookie,
 * Set-Cookie; Authorization is redacted only by recent Kong versions), the query string and full URL (a token
 * sent as a query parameter) go wherever these plugins send their lines.
 */
export const SERIALIZING_LOG_PLUGINS: readonly string[] = [
  "file-log",
  "http-log",
  "tcp-log",
  "udp-log",
  "syslog",
  "loggly",
  "kafka-log",
  "confluent",
];

/** Serialized fields that can carry a credential: each must be removed (`return nil`). */
const CREDENTIAL_FIELDS: readonly { readonly field: string; readonly carries: string }[] = [
  { field: "request.headers", carries: "every request header (Cookie, and Authorization on Kong versions that do not redact it)" },
  { field: "request.querystring", carries: "query parameters (an access_token sent in the URL)" },
  { field: "request.url", carries: "the full URL with its query string" },
  { field: "upstream_uri", carries: "the upstream URI with its query string" },
  { field: "response.headers", carries: "response headers (Set-Cookie)" },
];

/** Lua that reads a credential: an Authorization or Cookie header, or the token a plugin kept for others. */
const CREDENTIAL_READS: readonly RegExp[] = [
  /authorization/i,
  /cookie/i,
  /authenticated_jwt_token/,
  /x-api-key|apikey/i,
  /get_raw_body|get_body/,
];

const FIX_FIELDS =
  "let the stack generate the audit log (observability.audit), which removes these fields with custom_fields_by_lua " +
  '(`request.headers: "return nil"`, likewise request.querystring, request.url, upstream_uri, response.headers)';
const FIX_READ = "remove the credential header from observability.audit.extraHeaders (log who called from the identity fields instead)";

/**
 * audit-log-no-credentials: a log plugin in kong.yml never writes a token, an Authorization header or a
 * cookie: it removes every serialized field that can carry one, and none of its custom fields reads one.
 */
export const auditLogNoCredentials: IdentityPolicy = {
  name: "audit-log-no-credentials",
  description: "Kong's log plugins never write a token, an Authorization header or a cookie to the audit log.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps: `${FIX_FIELDS}; ${FIX_READ}.`,
  validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
    if (args.type !== K8S_CONFIG_MAP) return;
    const kong = readKongConfig(args.props);
    if (!kong) return;
    for (const plugin of logPlugins(kong.document)) {
      for (const problem of pluginProblems(plugin.config)) {
        report(violation(args, `Kong ${plugin.name} plugin (${plugin.scope}) ${problem.text}`, problem.fix));
      }
    }
  },
};

interface LogPlugin {
  readonly name: string;
  readonly scope: string;
  readonly config: Props;
}

/** Every serializing log plugin in the document: global, on a service, on a route. */
function logPlugins(document: Props): LogPlugin[] {
  const found: LogPlugin[] = [];
  const visit = (plugins: unknown, scope: string) => {
    for (const p of list(plugins).filter(isRecord)) {
      const name = text(p["name"]);
      if (name && SERIALIZING_LOG_PLUGINS.includes(name) && p["enabled"] !== false) {
        found.push({ name, scope: p["route"] || p["service"] ? "attached by reference" : scope, config: record(p["config"]) ?? {} });
      }
    }
  };
  visit(document["plugins"], "global");
  for (const service of list(document["services"]).filter(isRecord)) {
    visit(service["plugins"], `service ${text(service["name"]) ?? "?"}`);
    for (const route of list(service["routes"]).filter(isRecord)) visit(route["plugins"], `route ${text(route["name"]) ?? "?"}`);
  }
  for (const route of list(document["routes"]).filter(isRecord)) visit(route["plugins"], `route ${text(route["name"]) ?? "?"}`);
  return found;
}

function pluginProblems(config: Props): { text: string; fix: string }[] {
  const fields = record(config["custom_fields_by_lua"]) ?? {};
  const problems: { text: string; fix: string }[] = [];
  const kept = CREDENTIAL_FIELDS.filter(({ field }) => !removes(fields[field]));
  if (kept.length > 0) {
    problems.push({
      text: `writes ${kept.map((k) => `${k.field} (${k.carries})`).join("; ")}`,
      fix: FIX_FIELDS,
    });
  }
  for (const [field, code] of Object.entries(fields)) {
    if (typeof code !== "string") continue;
    const read = CREDENTIAL_READS.find((re) => re.test(code));
    if (read) problems.push({ text: `custom field ${field} reads a credential (${JSON.stringify(code.match(read)![0])})`, fix: FIX_READ });
  }
  return problems;
}

/** The field's chunk deletes it (`return nil`). */
function removes(code: unknown): boolean {
  return typeof code === "string" && /^\s*return\s+nil\s*;?\s*$/.test(code);
}
