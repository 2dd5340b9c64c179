import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";
import { isScalar, parseDocument, Schema, type ScalarTag } from "yaml";

/**
 * The stack file's YAML as the `yaml` library reads it: YAML 1.2 core schema, one document, unique keys, at most
 * 100 aliases, unknown tags refused (its errors and warnings are thrown as its YAMLError objects).
 *
 * The `yaml` library builds a document tree before the values: ~0.3 s for a 1000-route stack file (230 KB) in a
 * fresh process, the largest per-route cost of `kis plan`. js-yaml reads the same text ~6x faster, so it reads the
 * files that use only what the two libraries read alike, with the `yaml` library's own scalar rules plugged in
 * (so `yes`, `0b1`, `1_000`, `2001-12-14` stay strings and `0o17` is 15, as before). Everything else goes to the
 * `yaml` library unchanged: any text with tags, anchors, aliases, directives, explicit or collection keys or
 * merge keys; any text js-yaml refuses (so every error message is the `yaml` library's); any result with a key
 * the two would spell differently (null or special-float keys). test/unit/cli/plan/stack-yaml.test.ts holds the two
 * paths to identical results over the example stacks, the fixtures and thousands of generated and mutated files.
 */
export function parseStackYaml(text: string): unknown {
  return readStackYaml(text).doc;
}

/** As parseStackYaml, and which library read it (the differential test checks the fast path is really taken). */
export function readStackYaml(text: string): { doc: unknown; reader: "js-yaml" | "yaml" } {
  const body = text.replace(/^\uFEFF/, "");
  if (!USES_ONLY_SHARED_YAML.test(body)) {
    const fast = readWithJsYaml(body);
    if (fast !== undefined) return { doc: fast, reader: "js-yaml" };
  }
  return { doc: readWithYamlLibrary(body), reader: "yaml" };
}

/** What the `yaml` library does that js-yaml does differently or not at all: such text goes to the `yaml` library. */
const USES_ONLY_SHARED_YAML = new RegExp(
  [
    // A tag (!x, !!binary), anchor (&a), alias (*a) or explicit key (? k) where a node starts.
    String.raw`(?:^|[\s[{,])[!&*?]`,
    // A directive (%YAML 1.1 switches the `yaml` library's schema; js-yaml ignores it).
    String.raw`^%`,
    // A merge key (the core schema reads << as a plain key; keep merges off the fast path entirely).
    "<<",
    // A flow collection used as a key ([a]: 1 is "[ a ]" in one library and "a" in the other).
    String.raw`[\]}][ \t]*:(?:[\s]|$)`,
    // Line breaks other than LF and CRLF (a lone CR; NEL, LS, PS were breaks in YAML 1.1): the two disagree.
    String.raw`\r(?!\n)|[\u0085\u2028\u2029]`,
  ].join("|"),
  "m",
);

/** The core schema's scalar tags (null, bool, int, float) in the `yaml` library's order: the first that matches wins. */
const CORE_SCALAR_TAGS = (new Schema({ schema: "core" }).tags as ScalarTag[]).filter(
  (tag) => tag.default === true && tag.test !== undefined && !("collection" in tag && tag.collection),
);
/** Any of them: one test per plain scalar instead of one per tag (most scalars are text). Flagless patterns only. */
const ANY_CORE_SCALAR: { test(source: string): boolean } = CORE_SCALAR_TAGS.every((tag) => tag.test!.flags === "")
  ? new RegExp(CORE_SCALAR_TAGS.map((tag) => `(?:${tag.test!.source})`).join("|"))
  : { test: (source) => CORE_SCALAR_TAGS.some((tag) => tag.test!.test(source)) };

/** One js-yaml implicit type that resolves plain scalars as the `yaml` library's core schema does. */
const CORE_SCALAR = new Type("tag:kong-identity-stack,2026:yaml-core-scalar", {
  kind: "scalar",
  resolve: (source: string | null) => source !== null && ANY_CORE_SCALAR.test(source),
  construct: (source: string) => {
    const tag = CORE_SCALAR_TAGS.find((t) => t.test!.test(source))!;
    const value = tag.resolve(source, (message) => { throw new Error(message); }, { intAsBigInt: false } as never);
    return isScalar(value) ? value.value : value;
  },
});
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [CORE_SCALAR] });

/** Keys that become text differently: the `yaml` library writes a null key as "", js-yaml as "null"; likewise floats. */
const KEYS_SPELT_DIFFERENTLY = new Set(["null", "NaN", "Infinity", "-Infinity", "[object Object]"]);

function readWithJsYaml(text: string): Record<string, unknown> | undefined {
  let doc: unknown;
  try {
    doc = load(text, { schema: SCHEMA });
  } catch {
    return undefined; // the `yaml` library reads it again and says what is wrong in its words
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined;
  return keysReadAlike(doc) ? (doc as Record<string, unknown>) : undefined;
}

function keysReadAlike(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysReadAlike);
  if (typeof value !== "object" || value === null) return true;
  for (const key in value) {
    if (KEYS_SPELT_DIFFERENTLY.has(key) || !keysReadAlike((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function readWithYamlLibrary(text: string): unknown {
  // One document, unique keys, at most 100 aliases (no alias bomb), no custom tags: what Pulumi itself accepts.
  const parsed = parseDocument(text, { uniqueKeys: true, logLevel: "silent" });
  // Warnings (an unknown tag such as !custom or !!binary) are refusals too: the value would not mean what it says.
  const problem = parsed.errors[0] ?? parsed.warnings[0];
  if (problem) throw problem;
  return parsed.toJS({ maxAliasCount: 100 });
}
