import type { RuleKind } from "./specs";

/**
 * PingAccess's OAuth scope and attribute-value rules, built from the server's own descriptors
 * (`GET /rules/descriptors`: `type`, `className`, `label`, `configurationFields[]`, fields may nest through
 * `fields`, and a TABLE field holds rows of its child fields). No public source gives these rules' class
 * names or fields, and the PingAccess 8–9 console shows the attribute rule as a table of name/value rows, so
 * the stack never types a class name: it picks the rule type by descriptor and fills the fields it lists. Pure.
 */

export interface RuleField {
  readonly name: string;
  readonly type?: string;
  readonly label?: string;
  readonly required?: boolean;
  readonly default?: string;
  readonly fields?: readonly RuleField[];
}

export interface RuleDescriptor {
  readonly className: string;
  readonly type?: string;
  readonly label?: string;
  readonly configurationFields?: readonly RuleField[];
}

export interface RuleIntent {
  readonly kind: RuleKind;
  /** The scope (as the token carries it) or the group value the rule requires. */
  readonly value: string;
  /** The claim a group rule reads. */
  readonly claim: string;
}

type Json = Record<string, unknown>;

const words = (d: RuleDescriptor) => `${d.className} ${d.type ?? ""} ${d.label ?? ""}`.toLowerCase().replace(/[^a-z]+/g, " ");
const isOAuth = (d: RuleDescriptor) => /oauth/.test(words(d).replace(/ /g, ""));

/** Which descriptor is the OAuth scope rule, which the OAuth attribute-value rule. */
export function ruleDescriptorFor(kind: RuleKind, descriptors: readonly RuleDescriptor[]): RuleDescriptor | undefined {
  const fit = (d: RuleDescriptor) => {
    const w = words(d).replace(/ /g, "");
    if (!isOAuth(d)) return false;
    return kind === "scope" ? /scope/.test(w) && !/attribute/.test(w) : /attribute/.test(w);
  };
  const candidates = descriptors.filter(fit).filter((d) => slotsOf(kind, d.configurationFields ?? []).complete);
  return candidates[0];
}

/** How the descriptors a server listed read, for an error message: `className (label)`. */
export function describeDescriptors(descriptors: readonly RuleDescriptor[]): string {
  const oauth = descriptors.filter(isOAuth);
  const shown = (oauth.length > 0 ? oauth : descriptors).map((d) => `${d.className} (${d.label ?? d.type ?? "?"}: ${fieldNames(d.configurationFields ?? []).join(", ") || "no fields"})`);
  return shown.length > 0 ? shown.join("; ") : "none";
}

function fieldNames(fields: readonly RuleField[], prefix = ""): string[] {
  return fields.flatMap((f) => [`${prefix}${f.name}`, ...fieldNames(f.fields ?? [], `${prefix}${f.name}.`)]);
}

type Slot = "scope" | "attributeName" | "attributeValue" | "negate";

/** Which slot a field (by its name or label) stands for. */
function slotOf(kind: RuleKind, field: RuleField): Slot | undefined {
  const n = `${field.name} ${field.label ?? ""}`.toLowerCase();
  if (/negate/.test(n)) return "negate";
  if (kind === "scope") return /scope/.test(n) ? "scope" : undefined;
  const squashed = n.replace(/[^a-z]/g, "");
  const bare = field.name.toLowerCase();
  if (/attributename|claimname/.test(squashed) || bare === "name" || bare === "key") return "attributeName";
  if (/attributevalue|claimvalue/.test(squashed) || bare === "value") return "attributeValue";
  return undefined;
}

const isTable = (f: RuleField) => /table|list|array|collection/i.test(f.type ?? "") && (f.fields?.length ?? 0) > 0;

function slotsOf(kind: RuleKind, fields: readonly RuleField[]): { complete: boolean } {
  const found = new Set<Slot>();
  const walk = (fs: readonly RuleField[]) => {
    for (const f of fs) {
      if (f.fields && f.fields.length > 0) walk(f.fields);
      else {
        const s = slotOf(kind, f);
        if (s) found.add(s);
      }
    }
  };
  walk(fields);
  return { complete: kind === "scope" ? found.has("scope") : found.has("attributeName") && found.has("attributeValue") };
}

/** Error response of a failed rule: 403, as Kong's acl answers (Kong passes PingAccess's status on). */
const ERROR_FIELDS: Readonly<Record<string, unknown>> = {
  errorresponsecode: 403,
  errorresponsestatusmsg: "Forbidden",
  errorresponsecontenttype: "application/json",
};

/**
 * The rule's configuration from the descriptor's fields: the scope, or the claim name and value (a TABLE
 * field becomes one row, a nested field an object), `negate` false, the error response 403; other fields
 * keep their descriptor default where they are required, and are left out otherwise.
 */
export function ruleConfiguration(intent: RuleIntent, descriptor: RuleDescriptor): Json {
  const build = (fields: readonly RuleField[]): Json => {
    const out: Json = {};
    for (const f of fields) {
      if (f.fields && f.fields.length > 0) {
        const inner = build(f.fields);
        if (Object.keys(inner).length === 0) continue;
        out[f.name] = isTable(f) ? [inner] : inner;
        continue;
      }
      const slot = slotOf(intent.kind, f);
      if (slot === "scope") out[f.name] = intent.value;
      else if (slot === "attributeName") out[f.name] = intent.claim;
      else if (slot === "attributeValue") out[f.name] = intent.value;
      else if (slot === "negate") out[f.name] = false;
      else if (ERROR_FIELDS[f.name.toLowerCase()] !== undefined) out[f.name] = ERROR_FIELDS[f.name.toLowerCase()];
      else if (f.required && f.default !== undefined) out[f.name] = f.default;
    }
    return out;
  };
  return build(descriptor.configurationFields ?? []);
}

/**
 * What a rule's configuration requires, read back from PingAccess (any of the shapes above): the scope, or
 * the first name/value pair. Undefined where it holds none (someone changed the rule's shape by hand).
 */
export function ruleIntentOf(kind: RuleKind, configuration: unknown): { value?: string; claim?: string } {
  const pairs: { value?: string; claim?: string } = {};
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node as Json)) {
      if (typeof v === "string") {
        const slot = slotOf(kind, { name: k });
        if (slot === "scope" && pairs.value === undefined) pairs.value = v;
        if (slot === "attributeName" && pairs.claim === undefined) pairs.claim = v;
        if (slot === "attributeValue" && pairs.value === undefined) pairs.value = v;
      } else visit(v);
    }
  };
  visit(configuration);
  return pairs;
}
