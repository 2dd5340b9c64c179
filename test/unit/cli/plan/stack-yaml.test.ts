import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { readStackYaml } from "../../../../cli/plan/stack-yaml";
import { generateStack } from "../../../../cli/bench/plan-bench";
import { REPO_ROOT } from "../../../support/run-kis";

/**
 * kis reads stack files with js-yaml when the text uses only what js-yaml and the `yaml` library read alike, and
 * with the `yaml` library otherwise. The contract is that nobody can tell: for every text, the value (keys in
 * order, -0, NaN and Infinity included) or the error message is the `yaml` library's. Held here over real files,
 * generated documents full of YAML's corner cases, and random edits of a real stack file.
 */

/** What the stack file reader did before the fast path: the oracle. */
function yamlLibrary(text: string): unknown {
  const parsed = parseDocument(text.replace(/^\uFEFF/, ""), { uniqueKeys: true, logLevel: "silent" });
  const problem = parsed.errors[0] ?? parsed.warnings[0];
  if (problem) throw problem;
  return parsed.toJS({ maxAliasCount: 100 });
}

/** The value with key order and the numbers JSON cannot tell apart (-0, NaN, ±Infinity), or the error message. */
function outcome(read: (text: string) => unknown, text: string): string {
  try {
    return JSON.stringify(read(text), (_k, v) => (typeof v === "number" && (Object.is(v, -0) || !Number.isFinite(v)) ? `number:${Object.is(v, -0) ? "-0" : v}` : v));
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

/** Checks one text and says which reader kis used. */
function check(text: string): "js-yaml" | "yaml" {
  const expected = outcome(yamlLibrary, text);
  let reader: "js-yaml" | "yaml" = "yaml";
  const actual = outcome((t) => {
    const read = readStackYaml(t);
    reader = read.reader;
    return read.doc;
  }, text);
  if (actual !== expected) expect({ text: JSON.stringify(text).slice(0, 400), actual: actual.slice(0, 300) }).toEqual({ text: JSON.stringify(text).slice(0, 400), actual: expected.slice(0, 300) });
  return reader;
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

let seed = 20261206;
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
const pick = <T>(items: readonly T[]): T => items[rand(items.length)]!;

/** Plain scalars every YAML schema has an opinion on, and text that only looks like them. */
const SCALARS = [
  "a", "orders", "route-1", "/api/v1/", "https://login.example.com/t/v2.0?x=1&y=2", "api://orders", "a b", "x:y", "a#b", "a #b",
  "true", "True", "TRUE", "false", "yes", "no", "on", "off", "y", "n", "~", "null", "Null", "NULL", "",
  "0", "-0", "+0", "00", "007", "1", "-1", "+1", "12", "0x1F", "0X1F", "0xg", "-0x1", "0o17", "0o8", "017", "0b11", "1_000", "1,000",
  "1.0", "1.", ".5", "-.5", "+.5", "1e3", "1E3", "1e+3", "1.5e-3", "12e03", "1e", "e3", ".", "-", "+",
  ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN", "inf", "nan",
  "9007199254740993", "123456789012345678901234567890", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "12:30:00", "1:20",
  "café", "日本", "🚀", "a\u00a0b",
];
const QUOTED = ['"a"', "'a'", '"true"', "'1'", '""', "''", '"\\u0041\\x41\\t"', "'it''s'", '"a\\"b"', '"line\\nbreak"', "'#x'", '"é"'];
const KEYS = [...SCALARS.filter((s) => s !== "" && !/[:#]/.test(s) && s.trim() === s), ...QUOTED, "__proto__", "constructor", "a b", "k-1", "kong-identity-stack:routes"];

function scalar(): string {
  return rand(4) === 0 ? pick(QUOTED) : pick(SCALARS);
}

function value(depth: number, indent: string): string {
  const r = rand(depth > 2 ? 3 : 9);
  if (r <= 2) return ` ${scalar()}`;
  if (r === 3) return ` [${Array.from({ length: rand(4) }, scalar).join(", ")}]`;
  if (r === 4) return ` {${Array.from({ length: rand(3) }, () => `${pick(KEYS)}: ${scalar()}`).join(", ")}}`;
  if (r === 5) return ` ${pick(["|", "|-", "|+", ">", ">-", "|2"])}\n${indent}  ${pick(SCALARS)}\n${indent}  ${pick(SCALARS)}${pick(["", "\n"])}`;
  if (r === 6) return "";
  if (r === 7) return `\n${block(depth + 1, `${indent}  `)}`;
  return `\n${list(depth + 1, `${indent}${pick(["", "  "])}`)}`;
}

function block(depth: number, indent: string): string {
  return Array.from({ length: 1 + rand(4) }, () => `${indent}${pick(KEYS)}:${value(depth, indent)}${pick(["", "", " # note"])}`).join("\n");
}

function list(depth: number, indent: string): string {
  return Array.from({ length: 1 + rand(3) }, () => (rand(3) === 0 ? `${indent}- ${pick(KEYS)}:${value(depth + 1, `${indent}  `)}` : `${indent}-${value(depth + 1, `${indent}  `)}`)).join("\n");
}

/** One edit of the kind people and tools make to a stack file. */
function mutate(text: string): string {
  const at = rand(text.length);
  const lines = text.split("\n");
  const line = rand(lines.length);
  switch (rand(7)) {
    case 0:
      return text.slice(0, at) + pick([":", " ", "-", "#", "'", '"', "[", "]", "{", "}", ",", "\t", "|", ">", "\n", "\\", "@", "`", "%", "!", "&", "*", "?", "~", "\r\n", "\r", "\u0085", "\u2028", "\u000b", "\f", "\u00a0", "\u0000", "\ufeff", "\u{1F680}"]) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + rand(3));
    case 2:
      lines.splice(line, 0, lines[line]!);
      return lines.join("\n");
    case 3:
      lines[line] = ` ${lines[line]}`;
      return lines.join("\n");
    case 4:
      lines[line] = lines[line]!.replace(/^ /, "");
      return lines.join("\n");
    case 5:
      lines[line] = lines[line]!.replace(/: .*$/, `: ${scalar()}`);
      return lines.join("\n");
    default:
      return text.replace(/\n/g, "\r\n");
  }
}

describe("stack file YAML: js-yaml where the two libraries agree, the yaml library's result every time", () => {
  it("reads every example stack and YAML fixture exactly as the yaml library does, the stacks on the fast path", () => {
    const stacks = yamlFilesUnder(join(REPO_ROOT, "stacks"));
    const fixtures = yamlFilesUnder(join(REPO_ROOT, "test", "fixtures"));
    expect(stacks.length).toBeGreaterThan(5);
    expect(fixtures.length).toBeGreaterThan(10);
    for (const file of stacks) expect(check(readFileSync(file, "utf8")), file).toBe("js-yaml");
    for (const file of fixtures) check(readFileSync(file, "utf8"));
    // The bench's generated stacks are what the fast path is for.
    expect(check(generateStack(200))).toBe("js-yaml");
  });

  it("agrees on 3000 generated documents of YAML corner cases, most of them read by js-yaml", () => {
    const readers = { "js-yaml": 0, yaml: 0 };
    for (let i = 0; i < 3000; i++) readers[check(`${pick(["", "# stack\n", "\uFEFF", "---\n"])}${block(0, "")}\n${pick(["", "\n", "...\n", "---\nb: 1\n"])}`)]++;
    expect(readers["js-yaml"]).toBeGreaterThan(1500);
    expect(readers.yaml).toBeGreaterThan(100);
  });

  it("agrees on 1000 random edits of the dev stack", () => {
    const dev = readFileSync(join(REPO_ROOT, "stacks", "Pulumi.dev.yaml"), "utf8");
    const readers = { "js-yaml": 0, yaml: 0 };
    for (let i = 0; i < 1000; i++) {
      let text = dev;
      for (let edits = 1 + rand(3); edits > 0; edits--) text = mutate(text);
      readers[check(text)]++;
    }
    expect(readers["js-yaml"]).toBeGreaterThan(300);
  });

  it("leaves tags, anchors, aliases, directives, merge and collection keys to the yaml library", () => {
    for (const text of ["a: !!binary aGk=", "a: &x 1\nb: *x", "%YAML 1.1\n---\na: yes", "a: {<<: {b: 1}}", "[a]: 1", "? a\n: 1", "a: !custom x"]) {
      expect(check(text), text).toBe("yaml");
    }
    // Keys the two spell differently: caught after js-yaml read them, read again by the yaml library.
    for (const text of ["~: 1", "null: 1", ".nan: 1", "a:\n  -.inf: 1"]) expect(check(text), text).toBe("yaml");
  });
});
