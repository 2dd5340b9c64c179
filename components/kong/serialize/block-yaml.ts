import { stringify } from "yaml";

/**
 * A fast writer for kong.yml's shape of data (maps, lists, strings, numbers, booleans, null) that produces the
 * text the `yaml` library produces with `options`, byte for byte (test/unit/kong/block-yaml.test.ts holds the
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
  if (!isPlainObject(value)) return undefined;
  const writer = new BlockWriter(options);
  try {
    if (Object.keys(value).every((k) => value[k] === undefined)) return "{}\n";
    writer.map(value, "", "");
    return writer.text();
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

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

class BlockWriter {
  private readonly out: string[] = [];
  private readonly scalars = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  constructor(private readonly options: Record<string, unknown>) {}

  text(): string {
    return this.out.join("");
  }

  /** A non-empty map; its first line starts with `first` (a list item's "- "), the others with `indent`. */
  map(obj: Record<string, unknown>, indent: string, first: string): void {
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    keys.forEach((key, i) => {
      const prefix = `${i === 0 ? first : indent}${this.key(key)}:`;
      const v = obj[key];
      if (Array.isArray(v)) {
        if (v.length === 0) this.out.push(`${prefix} []\n`);
        else {
          this.out.push(`${prefix}\n`);
          this.list(v, `${indent}  `);
        }
      } else if (isPlainObject(v)) {
        if (Object.keys(v).every((k) => v[k] === undefined)) this.out.push(`${prefix} {}\n`);
        else {
          this.out.push(`${prefix}\n`);
          this.map(v, `${indent}  `, `${indent}  `);
        }
      } else this.out.push(`${prefix} ${this.scalar(v, "map", indent)}\n`);
    });
  }

  private list(items: readonly unknown[], indent: string): void {
    for (const item of items) {
      if (Array.isArray(item) || item === undefined) throw OUTSIDE_SHAPE;
      if (isPlainObject(item)) {
        if (Object.keys(item).every((k) => item[k] === undefined)) this.out.push(`${indent}- {}\n`);
        else this.map(item, `${indent}  `, `${indent}- `);
      } else this.out.push(`${indent}- ${this.scalar(item, "list", indent)}\n`);
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
