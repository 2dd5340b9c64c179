import { stringify } from "yaml";

/**
 * A fast writer for kong.yml's shape of data (maps, lists, strings, numbers, booleans, null) that produces the
 * text the `yaml` library produces with `options`, byte for byte (test/unit/components/kong/block-yaml.test.ts holds the
 * two side by side over every example stack, the bench's route mix and a corpus of hostile strings).
 *
 * Why: at 1000 routes the library spends about 0.3 s building a node tree for 1.8 MB of kong.yml. Here the
 * structure is written directly; a scalar is written plain only when it is plainly safe (letters, digits and
 * `_ . / @ + = ~ : -`, not a YAML 1.1 boolean or null word); every other scalar is handed to the library
 * (cached), so its quoting, escaping and block-scalar rules stay the library's.
 *
 * Returns undefined for anything outside that shape (a list directly inside a list, an undefined list item, a
 * class instance): the caller then lets the library write the whole document.
 */
export function writeBlockYaml(value: unknown, options: Record<string, unknown>): string | undefined {
  return writeBlockYamlDocument(value, options)?.text;
}

/**
 * As writeBlockYaml, with the document the text stands for: a copy of `value` without undefined members, keys
 * in the text's order (what parsing the text gives, without parsing it). Undefined outside the writer's shape.
 */
export function writeBlockYamlDocument(value: unknown, options: Record<string, unknown>): { text: string; document: Record<string, unknown> } | undefined {
  if (!isPlainObject(value)) return undefined;
  const writer = new BlockWriter(options);
  try {
    const document: Record<string, unknown> = {};
    if (!hasMember(value)) return { text: "{}\n", document };
    writer.map(value, "", "", document);
    return { text: writer.out, document };
  } catch (err) {
    if (err === OUTSIDE_SHAPE) return undefined;
    throw err;
  }
}

const OUTSIDE_SHAPE = Symbol("outside the block writer's shape");

/** Plain in every YAML 1.1 and 1.2 reader: starts with a letter, `_` or `/`, no spaces, quotes, `#` or a final `:`. */
const PLAIN_SAFE = /^[A-Za-z_/][A-Za-z0-9_./@+=~:-]*$/;
const PLAIN_SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** YAML 1.1 reads these (in any case) as booleans or null: the library decides how to quote them. */
const YAML11_WORDS = new Set(["y", "n", "yes", "no", "true", "false", "on", "off", "null"]);

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Keys in code-unit order, in place. A map has a handful of keys: insertion sort allocates nothing, where
 * Array.prototype.sort allocates a work array per call (10 MB over a 1000-route kong.yml).
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 32) return keys.sort(byCodeUnit);
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** Some member is not undefined (else the map is written as {}). */
function hasMember(obj: Record<string, unknown>): boolean {
  for (const key in obj) if (Object.hasOwn(obj, key) && obj[key] !== undefined) return true;
  return false;
}

/** A key named __proto__ stays a key (assignment would set the prototype). */
function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

class BlockWriter {
  /** The text so far (string concatenation: V8 joins the pieces once, when the text is read). */
  out = "";
  private readonly scalars = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  constructor(private readonly options: Record<string, unknown>) {}

  /**
   * A map with a member (hasMember), its first line starting with `first` (a list item's "- "), the others with
   * `indent`; each entry also set on `copy`.
   */
  map(obj: Record<string, unknown>, indent: string, first: string, copy: Record<string, unknown>): void {
    const keys = sortKeys(Object.keys(obj));
    const inner = `${indent}  `;
    let written = false;
    // Indexed loops here and below: cold code allocates an iterator result per for-of step (100 000s per kong.yml).
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const v = obj[key];
      if (v === undefined) continue;
      const prefix = `${written ? indent : first}${this.key(key)}:`;
      written = true;
      if (Array.isArray(v)) {
        const items: unknown[] = [];
        if (v.length === 0) this.out += `${prefix} []\n`;
        else {
          this.out += `${prefix}\n`;
          this.list(v, inner, items);
        }
        setMember(copy, key, items);
      } else if (isPlainObject(v)) {
        const member: Record<string, unknown> = {};
        if (!hasMember(v)) this.out += `${prefix} {}\n`;
        else {
          this.out += `${prefix}\n`;
          this.map(v, inner, inner, member);
        }
        setMember(copy, key, member);
      } else {
        this.out += `${prefix} ${this.scalar(v, "map", indent)}\n`;
        setMember(copy, key, v);
      }
    }
  }

  private list(items: readonly unknown[], indent: string, copy: unknown[]): void {
    const inner = `${indent}  `;
    const dash = `${indent}- `;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (Array.isArray(item) || item === undefined) throw OUTSIDE_SHAPE;
      if (isPlainObject(item)) {
        const member: Record<string, unknown> = {};
        if (!hasMember(item)) this.out += `${dash}{}\n`;
        else this.map(item, inner, dash, member);
        copy.push(member);
      } else {
        this.out += `${dash}${this.scalar(item, "list", indent)}\n`;
        copy.push(item);
      }
    }
  }

  private key(key: string): string {
    if (PLAIN_SAFE_KEY.test(key) && !YAML11_WORDS.has(key.toLowerCase())) return key;
    let text = this.keys.get(key);
    if (text === undefined) {
      const written = stringify({ [key]: 0 }, this.options);
      if (!written.endsWith(": 0\n") || written.indexOf("\n") !== written.length - 1) throw OUTSIDE_SHAPE;
      text = written.slice(0, -": 0\n".length);
      this.keys.set(key, text);
    }
    return text;
  }

  /** The scalar as the library writes it after `k: ` (map) or `- ` (list), continuation lines moved to `indent`. */
  private scalar(value: unknown, context: "map" | "list", indent: string): string {
    if (typeof value === "string" && PLAIN_SAFE.test(value) && !value.endsWith(":") && !YAML11_WORDS.has(value.toLowerCase())) return value;
    if (typeof value === "boolean") return value ? "true" : "false";
    if (value === null) return "null";
    if (typeof value === "number" && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
    if (typeof value !== "string" && typeof value !== "number") throw OUTSIDE_SHAPE;
    const cacheKey = `${context}\0${typeof value}\0${value}`;
    let written = this.scalars.get(cacheKey);
    if (written === undefined) {
      const prefix = context === "map" ? "k: " : "- ";
      const full = stringify(context === "map" ? { k: value } : [value], this.options);
      if (!full.startsWith(prefix) || !full.endsWith("\n")) throw OUTSIDE_SHAPE;
      written = full.slice(prefix.length, -1);
      this.scalars.set(cacheKey, written);
    }
    if (!written.includes("\n")) return written;
    // A block scalar (|, |-, |2+ ...): its lines are indented relative to the key, so they move with it.
    return written
      .split("\n")
      .map((line, i) => (i === 0 || line === "" ? line : `${indent}${line}`))
      .join("\n");
  }
}
