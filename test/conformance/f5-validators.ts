import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { parseAllDocuments } from "yaml";
import { readJsonSchema, schemaPath } from "./schemas";

/**
 * Validators for the F5 artifacts the stack generates, against the vendor schemas in `../shared/schemas/f5`:
 * AS3 declarations against the AS3 3.56.0 schema (draft-07) and CIS custom resources against the CRDs'
 * openAPIV3Schema. Each returns problems, one line each (`<where>: <what>`); empty means valid.
 */

export const AS3_SCHEMA_FILE = ["f5", "as3", "as3-schema-3.56.0.json"] as const;
export const CIS_CRD_FILE = ["f5", "cis", "customresourcedefinitions.yml"] as const;

// ---------------------------------------------------------------- AS3

/**
 * AS3's schema uses keywords only AS3's own validator understands. `f5PostProcess` (pointer resolution,
 * module checks, fetches on the BIG-IP) and `errorMessage` (ajv-errors) do not constrain the JSON's shape:
 * they are registered as no-ops so that every structural keyword still runs. Its formats are checked:
 * `f5ip` an IPv4/IPv6 address with optional %route-domain and /mask (or ""), `f5bigip` an absolute BIG-IP path,
 * `f5pointer` a pointer into the declaration.
 */
export const AS3_NO_OP_KEYWORDS = ["f5PostProcess", "errorMessage"] as const;

export function isF5Ip(value: string): boolean {
  if (value === "") return true;
  const match = /^([^%/]+)(%\d{1,5})?(\/\d{1,3})?$/.exec(value);
  if (!match) return false;
  const family = isIP(match[1]!);
  if (family === 0) return false;
  return match[3] === undefined || Number(match[3].slice(1)) <= (family === 4 ? 32 : 128);
}

const F5_BIGIP_PATH = /^\/[^\x00-\x20"#'*<>?[\\\]{|}\x7f]+$/;
const F5_POINTER = /^((@|\d+)|((\d*\/)?((@|\d+|[A-Za-z][0-9A-Za-z_]{0,63})\/)*(\d+|[A-Za-z][0-9A-Za-z_]{0,63})))?#?$/;

let as3Ajv: Ajv | undefined;
let as3Root: ValidateFunction | undefined;
let as3Adc: ValidateFunction | undefined;
let as3Definitions: Record<string, SchemaNode> | undefined;

function as3Validators(): { root: ValidateFunction; adc: ValidateFunction } {
  if (!as3Ajv) {
    const schema = readJsonSchema(...AS3_SCHEMA_FILE) as { $id: string; definitions: Record<string, SchemaNode> };
    as3Definitions = schema.definitions;
    as3Ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(as3Ajv);
    for (const keyword of AS3_NO_OP_KEYWORDS) as3Ajv.addKeyword({ keyword });
    as3Ajv.addFormat("f5ip", isF5Ip);
    as3Ajv.addFormat("f5bigip", F5_BIGIP_PATH);
    as3Ajv.addFormat("f5pointer", F5_POINTER);
    as3Ajv.addSchema(schema);
    as3Root = as3Ajv.getSchema(schema.$id)!;
    as3Adc = as3Ajv.getSchema(`${schema.$id}#/definitions/ADC`)!;
  }
  return { root: as3Root!, adc: as3Adc! };
}

/**
 * Validates an AS3 declaration (class ADC): the schema (against the ADC definition, which gives readable
 * errors, and the root `oneOf`), then a check the schema leaves out: most AS3 classes do not close their
 * objects, but a misspelt property would be ignored by AS3 (or rejected by its stricter checks on the
 * BIG-IP), so every property of a classed object must be one its class's definition names somewhere.
 */
export function validateAs3Declaration(declaration: unknown): string[] {
  const { root, adc } = as3Validators();
  const problems = describeErrors("as3", adc, declaration);
  if (problems.length === 0 && !root(declaration)) problems.push("as3: does not match exactly one of the schema's top-level forms (AS3, ADC, ...)");
  problems.push(...unknownAs3Properties(declaration));
  return problems;
}

/** AS3 class name -> schema definition name, where they differ. */
const CLASS_DEFINITIONS: Readonly<Record<string, string>> = { iRule: "IRule" };
/** Classes whose extra properties are named children (tenants, applications, objects), not settings. */
const OPEN_CLASSES = new Set(["ADC", "Tenant", "Application", "Constants"]);

type SchemaNode = Record<string, unknown>;

function unknownAs3Properties(declaration: unknown): string[] {
  as3Validators();
  const problems: string[] = [];
  const walk = (value: unknown, where: string) => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${where}[${i}]`));
    if (!value || typeof value !== "object") return;
    const obj = value as Record<string, unknown>;
    const cls = typeof obj["class"] === "string" ? (obj["class"] as string) : undefined;
    if (cls && !OPEN_CLASSES.has(cls)) {
      const known = knownProperties(CLASS_DEFINITIONS[cls] ?? cls);
      if (!known) problems.push(`${where}: unknown AS3 class "${cls}"`);
      else for (const key of Object.keys(obj)) if (!known.has(key)) problems.push(`${where}: "${key}" is not a property of ${cls}`);
      return;
    }
    for (const [k, v] of Object.entries(obj)) walk(v, `${where}.${k}`);
  };
  walk(declaration, "as3");
  return problems;
}

const knownCache = new Map<string, Set<string> | undefined>();
/** Every property name a definition allows through properties, allOf/anyOf/oneOf, if/then/else and $ref. */
function knownProperties(definition: string): Set<string> | undefined {
  if (knownCache.has(definition)) return knownCache.get(definition);
  const root = as3Definitions?.[definition];
  let names: Set<string> | undefined;
  if (root) {
    names = new Set<string>();
    const seen = new Set<unknown>();
    const visit = (node: unknown) => {
      if (!node || typeof node !== "object" || seen.has(node)) return;
      seen.add(node);
      const n = node as SchemaNode;
      if (typeof n["$ref"] === "string") visit(as3Definitions![(n["$ref"] as string).replace("#/definitions/", "")]);
      if (n["properties"] && typeof n["properties"] === "object") Object.keys(n["properties"]).forEach((k) => names!.add(k));
      for (const key of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(n[key])) (n[key] as unknown[]).forEach(visit);
      for (const key of ["if", "then", "else"]) visit(n[key]);
    };
    visit(root);
  }
  knownCache.set(definition, names);
  return names;
}

// ---------------------------------------------------------------- CIS custom resources

interface Crd {
  readonly group: string;
  readonly kind: string;
  readonly versions: Readonly<Record<string, ValidateFunction>>;
}

let crds: Map<string, Crd> | undefined;

/** The CIS CRDs, by kind, each served version compiled from its openAPIV3Schema (closed like Kubernetes prunes). */
function cisCrds(): Map<string, Crd> {
  if (crds) return crds;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv); // the CRDs use int32/int64
  crds = new Map();
  const text = readFileSync(schemaPath(...CIS_CRD_FILE), "utf8");
  for (const doc of parseAllDocuments(text)) {
    const crd = doc.toJS() as {
      kind?: string;
      spec?: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: unknown } }[] };
    } | null;
    if (crd?.kind !== "CustomResourceDefinition" || !crd.spec) continue;
    const versions = Object.fromEntries(
      crd.spec.versions.filter((v) => v.served).map((v) => [v.name, ajv.compile(closeStructural(v.schema.openAPIV3Schema) as object)]),
    );
    crds.set(crd.spec.names.kind, { group: crd.spec.group, kind: crd.spec.names.kind, versions });
  }
  return crds;
}

/**
 * A copy of a structural schema where objects that list properties refuse others (Kubernetes would silently
 * prune them, which hides a misspelt field), except below `x-kubernetes-preserve-unknown-fields`.
 */
export function closeStructural(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeStructural);
  if (!schema || typeof schema !== "object") return schema;
  const node = schema as SchemaNode;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === "properties" && value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closeStructural(sub)]))
        : ["items", "anyOf", "oneOf", "allOf", "additionalProperties", "not"].includes(key)
          ? closeStructural(value)
          : value;
  }
  if (out["properties"] && out["additionalProperties"] === undefined && out["x-kubernetes-preserve-unknown-fields"] !== true) {
    out["additionalProperties"] = false;
  }
  return out;
}

/**
 * Validates a CIS custom resource (a plain object with apiVersion, kind, metadata, spec): a served version of
 * the CRD for its kind, the spec against its openAPIV3Schema, and the `f5cr: "true"` label CIS selects on.
 */
export function validateCisObject(object: unknown): string[] {
  const o = (object ?? {}) as { apiVersion?: string; kind?: string; metadata?: { name?: string; labels?: Record<string, string> } };
  const where = `${o.kind ?? "?"}/${o.metadata?.name ?? "?"}`;
  const crd = cisCrds().get(String(o.kind));
  if (!crd) return [`${where}: no CIS CRD defines kind ${JSON.stringify(o.kind)}`];
  const [group, version] = String(o.apiVersion).split("/");
  const validate = group === crd.group && version ? crd.versions[version] : undefined;
  if (!validate) return [`${where}: apiVersion ${JSON.stringify(o.apiVersion)} is not a served version of ${crd.group}`];
  const problems: string[] = [];
  if (!o.metadata?.name) problems.push(`${where}.metadata.name: missing`);
  if (o.metadata?.labels?.["f5cr"] !== "true") problems.push(`${where}.metadata.labels.f5cr: CIS only watches objects labelled f5cr: "true"`);
  const { apiVersion: _a, kind: _k, metadata: _m, ...body } = object as Record<string, unknown>;
  problems.push(...describeErrors(where, validate, body));
  return problems;
}

// ---------------------------------------------------------------- helpers

function describeErrors(label: string, validate: ValidateFunction, data: unknown): string[] {
  if (validate(data)) return [];
  const lines = (validate.errors ?? [])
    // if/then and oneOf wrappers repeat what the branch already said.
    .filter((e) => e.keyword !== "if" && !(e.keyword === "oneOf" && (validate.errors ?? []).some((o) => o !== e && o.instancePath.startsWith(e.instancePath))))
    .map((e) => `${label}${pointerToPath(e.instancePath)}: ${describe(e)}`);
  return [...new Set(lines)];
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties") return `unknown field "${String(params["additionalProperty"])}"`;
  if (error.keyword === "enum") return `${error.message} (${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")})`;
  return error.message ?? error.keyword;
}

function pointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join("");
}
