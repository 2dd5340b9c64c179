import Ajv, { type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { schemaPath } from "./schemas";

/**
 * Request bodies against the PingAccess Admin API 7.3 OpenAPI file (OpenAPI 3.0.1). Its schemas are JSON
 * Schema with three differences, translated here: `nullable: true` (adds null), `type: map` (an object), and
 * `example` (ignored). One deliberate difference: `Application.authenticationChallengePolicyId`,
 * `Resource.authenticationChallengePolicyId` and `Resource.defaultAuthTypeOverride` are marked required
 * strings, but PingAccess takes null for "no challenge policy / no override" (see ../shared/README.md), and
 * an API application decided through the sideband has neither: they are made nullable.
 */

const NULLABLE_ON_PURPOSE: Readonly<Record<string, readonly string[]>> = {
  Application: ["authenticationChallengePolicyId"],
  Resource: ["authenticationChallengePolicyId", "defaultAuthTypeOverride"],
};

let spec: any;
const openApi = () => (spec ??= parse(readFileSync(schemaPath("pingaccess", "admin-api-7.3.openapi.yaml"), "utf8")));

function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === "example" || k === "nullable") continue;
    out[k] = k === "$ref" && typeof v === "string" ? v.replace("#/components/schemas/", "#/definitions/") : toJsonSchema(v);
  }
  if (out["type"] === "map") out["type"] = "object";
  const n = node as Record<string, unknown>;
  if (n["nullable"] === true) return { anyOf: [out, { type: "null" }] };
  return out;
}

let ajv: Ajv | undefined;
function validatorFor(schemaName: string): ValidateFunction {
  if (!ajv) {
    const definitions = Object.fromEntries(Object.entries(openApi().components.schemas).map(([name, s]) => [name, toJsonSchema(s)])) as Record<string, any>;
    for (const [name, fields] of Object.entries(NULLABLE_ON_PURPOSE)) {
      for (const f of fields) definitions[name].properties[f] = { anyOf: [definitions[name].properties[f], { type: "null" }] };
    }
    ajv = new Ajv({ allErrors: true, strict: false });
    // OpenAPI's numeric and date formats: the types are checked; the formats carry no extra rule worth an error.
    for (const format of ["int32", "int64", "date-time"]) ajv.addFormat(format, true);
    ajv.addSchema({ $id: "pingaccess", definitions });
  }
  return ajv.getSchema(`pingaccess#/definitions/${schemaName}`)!;
}

/** The request-body schema of an operation (`POST /sidebandClients`), by the spec's own path template. */
export function requestSchemaName(method: string, path: string): string | undefined {
  const rel = path.replace(/^\/pa-admin-api\/v3/, "");
  const paths = openApi().paths as Record<string, any>;
  const template = Object.keys(paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(rel));
  const ref = template ? paths[template]?.[method.toLowerCase()]?.requestBody?.content?.["application/json"]?.schema?.$ref : undefined;
  return typeof ref === "string" ? ref.split("/").pop() : undefined;
}

/** Problems of one request (empty: valid), e.g. `POST /sidebandClients (SidebandClient): /name must be string`. */
export function validatePingAccessRequest(method: string, path: string, body: unknown): string[] {
  const name = requestSchemaName(method, path);
  if (!name) return [`${method} ${path}: no such operation with a JSON request body in the 7.3 OpenAPI file`];
  const validate = validatorFor(name);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${method} ${path} (${name}): ${e.instancePath || "/"} ${e.message}`);
}
