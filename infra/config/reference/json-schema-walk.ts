import { z } from "zod";

/** One documented config key: its dotted path (`[]` for list items), what it takes, its default and meaning. */
export interface ConfigKeyDoc {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly default: string | undefined;
  readonly description: string | undefined;
  /** Provider kinds the key belongs to (only inside `identity.providers[]`). */
  readonly kinds: readonly string[];
}

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  additionalProperties?: JsonSchema | boolean;
};

/**
 * Every key of a zod object schema, in declaration order, from zod's own JSON Schema rendering (input side, so
 * defaults are visible and keys with defaults are optional). A discriminated union of objects (the identity
 * providers) is flattened into one row per key, naming the variants (`kind`) that have it.
 */
export function configKeys(schema: z.ZodType): ConfigKeyDoc[] {
  const root = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", reused: "inline", cycles: "throw" }) as JsonSchema;
  const rows: ConfigKeyDoc[] = [];
  walkObject(root, "", [], rows);
  return mergeVariants(rows);
}

function walkObject(node: JsonSchema, prefix: string, kinds: readonly string[], rows: ConfigKeyDoc[]): void {
  const required = new Set(node.required ?? []);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    rows.push({
      path,
      type: typeOf(child),
      required: required.has(key),
      default: child.default === undefined ? undefined : JSON.stringify(child.default),
      description: child.description,
      kinds,
    });
    walkChildren(child, path, kinds, rows);
  }
}

function walkChildren(node: JsonSchema, path: string, kinds: readonly string[], rows: ConfigKeyDoc[]): void {
  if (node.properties) return walkObject(node, path, kinds, rows);
  if (node.items) {
    const item = node.items;
    if (item.properties) return walkObject(item, `${path}[]`, kinds, rows);
    const variants = item.anyOf ?? item.oneOf;
    if (variants && variants.every((v) => v.properties?.["kind"]?.const !== undefined)) {
      for (const v of variants) walkObject(v, `${path}[]`, [String(v.properties!["kind"]!.const)], rows);
    }
  }
}

/** Rows of one path from several variants become one row listing the variants. */
function mergeVariants(rows: readonly ConfigKeyDoc[]): ConfigKeyDoc[] {
  const byPath = new Map<string, ConfigKeyDoc>();
  for (const row of rows) {
    const seen = byPath.get(row.path);
    if (!seen) {
      byPath.set(row.path, row);
      continue;
    }
    const kinds = [...seen.kinds, ...row.kinds];
    const literals = [seen.type, row.type].every((t) => /^"[^"]*"( \\\| "[^"]*")*$/.test(t));
    byPath.set(row.path, {
      ...seen,
      kinds,
      type:
        seen.type === row.type
          ? seen.type
          : literals
            ? `${seen.type} \\| ${row.type}`
            : `${seen.type} (${seen.kinds.join(", ")}) / ${row.type} (${row.kinds.join(", ")})`,
      required: seen.required && row.required,
    });
  }
  return [...byPath.values()];
}

function typeOf(node: JsonSchema): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  const variants = node.anyOf ?? node.oneOf;
  if (variants) return [...new Set(variants.map(typeOf))].join(" or ");
  const type = Array.isArray(node.type) ? node.type.join(" or ") : node.type;
  switch (type) {
    case "array":
      return node.items ? `list of ${typeOf(node.items)}` : "list";
    case "object":
      return node.properties ? "object" : "map";
    case "integer":
    case "number": {
      const range = node.minimum !== undefined && node.maximum !== undefined ? ` ${node.minimum}–${node.maximum}` : "";
      return `${type === "integer" ? "integer" : "number"}${range}`;
    }
    case undefined:
      return "any";
    default:
      return type;
  }
}
