import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { listStacks } from "../../../../cli/plan/stack-file";
import { validatePlanInput } from "../../../../cli/plan/validate-input";
import { runCommandInProcess } from "../../../support/kis-in-process";
import { REPO_ROOT, tempDir } from "../../../support/run-kis";

/**
 * Fuzz: mutated copies of every example stack (types, missing and unknown keys, bounds, duplicates, unicode and
 * control characters, YAML features, overlaps, secrets, long values, files that are no stack file). Each case
 * runs in-process through the same stage `kis plan` runs before the Pulumi runtime starts (validatePlanInput),
 * with errors reported by reportError exactly as main() does. Every case must be refused with exit 2 and a
 * line naming the key, print no stack trace, write nothing, and finish within the per-case bound.
 */
const PER_CASE_MS = 5_000;
const P = "kong-identity-stack:";
type Doc = { config: Record<string, any> };
type Mutation = { family: string; name: string; apply: (doc: Doc) => Doc | string | Buffer };

let seed = 17;
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
const pick = <T>(items: readonly T[]): T => items[rand(items.length)]!;

/** Every leaf (path, value) under the project's keys. */
function leaves(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value }];
}
const setAt = (root: any, path: (string | number)[], value: unknown) => {
  const parent = path.slice(0, -1).reduce((o, k) => o[k], root);
  parent[path[path.length - 1]!] = value;
};
const edit = (f: (c: Record<string, any>) => void) => (doc: Doc) => (f(doc.config), doc);
const wrongTypeFor = (v: unknown): unknown => (typeof v === "string" ? pick([42, true, null, ["x"], { a: 1 }]) : typeof v === "number" ? pick(["12", true, null, [1]]) : typeof v === "boolean" ? pick(["yes", 1, null]) : 7);
/** Leaves whose change is always wrong: skip descriptions and display names (free text) for "wrong type" only where text is free. */
const PROTECTED = (c: Record<string, any>) => c[`${P}routes`].find((r: any) => !r.anonymous && (r.scopes?.length || r.roles?.length)) ?? c[`${P}routes`][0];

function mutations(stack: string, doc: Doc): Mutation[] {
  const projectLeaves = leaves(Object.fromEntries(Object.entries(doc.config).filter(([k]) => k.startsWith(P)))).filter(
    (l) => !/secure$/.test(String(l.path[l.path.length - 1])),
  );
  const sample = <T>(items: readonly T[], n: number) => Array.from({ length: Math.min(n, items.length) }, () => pick(items));
  const out: Mutation[] = [];
  // Types: a wrong-typed value at a random leaf.
  for (const l of sample(projectLeaves, 8)) {
    // A top-level text key reaches the program as text whatever YAML type it had (Pulumi passes config as strings),
    // so `environment: 42` is the valid name "42": only structured values and empty ones are wrong there.
    const wrong = l.path.length === 1 ? pick([["x"], { a: 1 }, null]) : wrongTypeFor(l.value);
    out.push({ family: "type", name: `${l.path.join(".")} wrong type`, apply: (d) => (setAt(d.config, l.path, wrong), d) });
  }
  // Missing keys: top-level and required nested ones.
  for (const key of ["environment", "identity", "kong", "routes"]) out.push({ family: "missing", name: key, apply: edit((c) => delete c[`${P}${key}`]) });
  out.push({ family: "missing", name: "identity.apiName", apply: edit((c) => delete c[`${P}identity`].apiName) });
  out.push({ family: "missing", name: "routes[0].upstream", apply: edit((c) => delete c[`${P}routes`][0].upstream) });
  out.push({ family: "missing", name: "identity.providers", apply: edit((c) => delete c[`${P}identity`].providers) });
  // Unknown keys at each level (a typo must be reported, not ignored).
  out.push({ family: "unknown", name: "top-level", apply: edit((c) => (c[`${P}enviroment`] = "dev")) });
  out.push({ family: "unknown", name: "identity", apply: edit((c) => (c[`${P}identity`].scope = ["x"])) });
  out.push({ family: "unknown", name: "kong", apply: edit((c) => (c[`${P}kong`].replica = 3)) });
  out.push({ family: "unknown", name: "route", apply: edit((c) => (c[`${P}routes`][0].scope = ["x"])) });
  // Bounds.
  out.push({ family: "bounds", name: "replicas 0", apply: edit((c) => (c[`${P}kong`].replicas = 0)) });
  out.push({ family: "bounds", name: "replicas 1.5", apply: edit((c) => (c[`${P}kong`].replicas = 1.5)) });
  out.push({ family: "bounds", name: "accessTokenLifetimeMinutes 1e9", apply: edit((c) => (c[`${P}identity`].accessTokenLifetimeMinutes = 1e9)) });
  out.push({ family: "bounds", name: "leewaySeconds -1", apply: edit((c) => (c[`${P}identity`].leewaySeconds = -1)) });
  out.push({ family: "bounds", name: "rateLimitPerMinute 0", apply: edit((c) => (c[`${P}routes`][0].rateLimitPerMinute = 0)) });
  out.push({ family: "bounds", name: "no routes", apply: edit((c) => (c[`${P}routes`] = [])) });
  out.push({ family: "bounds", name: "methods []", apply: edit((c) => (c[`${P}routes`][0].methods = [])) });
  // Duplicates.
  out.push({ family: "duplicates", name: "route", apply: edit((c) => c[`${P}routes`].push(structuredClone(c[`${P}routes`][0]))) });
  out.push({ family: "duplicates", name: "scope", apply: edit((c) => c[`${P}identity`].scopes.push(structuredClone(c[`${P}identity`].scopes[0]))) });
  out.push({ family: "duplicates", name: "hostname", apply: edit((c) => c[`${P}kong`].hostnames.push(c[`${P}kong`].hostnames[0])) });
  // Unicode and control characters in names, hosts, paths and URLs.
  for (const [what, value] of [["bidi override", "orders\u202eread"], ["newline", "orders\nread"], ["NUL", "orders\u0000"], ["ANSI", "\u001b[31morders"], ["accent", "commandés"], ["emoji", "orders-🚀"]] as const) {
    out.push({ family: "unicode", name: `route name with ${what}`, apply: edit((c) => (c[`${P}routes`][0].name = value)) });
  }
  out.push({ family: "unicode", name: "hostname IDN", apply: edit((c) => (c[`${P}kong`].hostnames[0] = "api.exämple.com")) });
  out.push({ family: "unicode", name: "path with a space", apply: edit((c) => (c[`${P}routes`][0].paths[0] = "/orders list")) });
  out.push({ family: "unicode", name: "upstream with a newline", apply: edit((c) => (c[`${P}routes`][0].upstream = "http://a.svc:80/\nHost: evil")) });
  out.push({ family: "unicode", name: "environment with a tab", apply: edit((c) => (c[`${P}environment`] = "dev\t")) });
  // Long values.
  out.push({ family: "long", name: "10,000-character route name", apply: edit((c) => (c[`${P}routes`][0].name = "r".repeat(10_000))) });
  out.push({ family: "long", name: "100,000-character path", apply: edit((c) => (c[`${P}routes`][0].paths[0] = `/${"p".repeat(100_000)}`)) });
  // Overlaps: an anonymous twin of a protected route; an equally protected twin.
  out.push({
    family: "overlap",
    name: "anonymous twin of a protected route",
    apply: edit((c) => {
      const r = PROTECTED(c);
      c[`${P}routes`].push({ name: "fuzz-open", paths: [...r.paths], ...(r.methods ? { methods: [...r.methods] } : {}), ...(r.hosts ? { hosts: [...r.hosts] } : {}), upstream: r.upstream, anonymous: true });
    }),
  });
  out.push({
    family: "overlap",
    name: "equally protected twin",
    apply: edit((c) => {
      const r = structuredClone(PROTECTED(c));
      c[`${P}routes`].push({ ...r, name: "fuzz-twin" });
    }),
  });
  // Secrets in clear.
  out.push({ family: "secrets", name: "upstream userinfo", apply: edit((c) => (c[`${P}routes`][0].upstream = "http://svc:Pa55w0rd@orders.svc:8080")) });
  out.push({ family: "secrets", name: "upstream ?token=", apply: edit((c) => (c[`${P}routes`][0].upstream = "http://orders.svc:8080/?token=Pa55w0rd")) });
  out.push({ family: "secrets", name: "plain private key", apply: edit((c) => (c[`${P}f5TlsPrivateKey`] = "-----BEGIN PRIVATE KEY-----")) });
  // YAML features and files that are no stack file (text-level).
  const text = stringify(doc);
  out.push({ family: "yaml", name: "duplicate key", apply: () => text.replace(/^config:\n/m, `config:\n  ${P}environment: a\n`) });
  out.push({ family: "yaml", name: "unknown tag", apply: () => text.replace(/^config:\n/m, `config:\n  ${P}x: !vault secret\n`) });
  out.push({ family: "yaml", name: "alias bomb", apply: () => `config:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `  b${i}: &b${i} [${Array(10).fill(i ? `*b${i - 1}` : "*a").join(", ")}]`).join("\n")}\n` });
  out.push({ family: "yaml", name: "truncated", apply: () => text.slice(0, Math.floor(text.length / 2)).replace(/[\s\S]$/, "[") });
  out.push({ family: "yaml", name: "tab indentation", apply: () => text.replace(/\n  /, "\n\t") });
  out.push({ family: "file", name: "empty", apply: () => "" });
  out.push({ family: "file", name: "binary", apply: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a]) });
  out.push({ family: "file", name: "UTF-16", apply: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]) });
  out.push({ family: "file", name: "no config mapping", apply: () => text.replace(/^config:/m, "konfig:") });
  return out.map((m) => ({ ...m, name: `${stack}: ${m.name}` }));
}

describe("fuzz: mutated example stacks are refused cleanly", () => {
  it("≥300 cases: exit 2 with a line naming the key, no trace, nothing written, bounded time", async () => {
    const stacks = listStacks(join(REPO_ROOT, "stacks"));
    const cases = stacks.flatMap((s) => mutations(s, parse(readFileSync(join(REPO_ROOT, "stacks", `Pulumi.${s}.yaml`), "utf8"))));
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const dir = tempDir("fuzz");
    const outcomes = new Map<string, number>();
    const families = new Map<string, number>();
    const failures: string[] = [];
    let slowest = 0;
    for (const [i, c] of cases.entries()) {
      const [stack] = c.name.split(":");
      const doc = parse(readFileSync(join(REPO_ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8")) as Doc;
      const content = c.apply(doc);
      const file = join(dir, `Pulumi.fuzz-${i}.yaml`);
      writeFileSync(file, typeof content === "string" || Buffer.isBuffer(content) ? content : stringify(content));
      const out = join(dir, `out-${i}`);
      const started = performance.now();
      const run = await runCommandInProcess(async ([stackFile, outDir]) => (validatePlanInput({ stackFile: stackFile!, outDir: outDir! }), 0), [file, out]);
      const ms = performance.now() - started;
      slowest = Math.max(slowest, ms);
      const lines = run.stderr.split("\n").filter(Boolean);
      const namesKey = lines.some((l) => /^kis: (config: ([A-Za-z0-9_:"[\].-]+|\(stack config\)): |--stack-file |\/\S+: )/.test(l));
      const outcome = run.status === 2 ? (lines[0]!.startsWith("kis: config:") ? "exit 2 (config key)" : "exit 2 (file)") : `exit ${run.status}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      families.set(c.family, (families.get(c.family) ?? 0) + 1);
      const problems = [
        run.status !== 2 && `exit ${run.status}`,
        !namesKey && "no line names a key",
        /internal error|\n\s+at |Error:/.test(run.stderr) && "a trace or internal error",
        /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(run.stderr) && "a raw control character",
        /Pa55w0rd|BEGIN PRIVATE KEY/.test(run.stderr) && "a secret echoed",
        existsSync(out) && "files written",
        ms > PER_CASE_MS && `took ${Math.round(ms)} ms`,
      ].filter(Boolean);
      if (problems.length > 0) failures.push(`${c.family} · ${c.name}: ${problems.join(", ")}\n    ${run.stderr.slice(0, 300)}`);
    }
    const dist = (m: Map<string, number>) => [...m].map(([k, v]) => `${k} ${v}`).join(", ");
    console.log(
      `fuzz: ${cases.length} cases from ${stacks.length} example stacks · outcomes: ${dist(outcomes)} · families: ${dist(families)} · slowest case ${Math.round(slowest)} ms`,
    );
    expect(failures, failures.join("\n")).toEqual([]);
  }, 600_000);
});
