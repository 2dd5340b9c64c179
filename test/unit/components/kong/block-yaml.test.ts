import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify, type DocumentOptions, type ParseOptions, type SchemaOptions } from "yaml";
import { buildDeclarativeConfig, KONG_YAML_OPTIONS, writeBlockYaml, writeBlockYamlDocument } from "../../../../components/kong";
import { generateStack } from "../../../../cli/bench/plan-bench";
import { REPO_ROOT } from "../../../support/run-kis";
import { entraContract, jwksOf, oktaContract, rsaTestKey, stackConfig } from "./fixtures";

/** The library is the oracle: the block writer must give its text byte for byte, or decline. */
const library = (v: unknown) => stringify(v, KONG_YAML_OPTIONS);
const agrees = (v: unknown) => {
  const fast = writeBlockYaml(v, KONG_YAML_OPTIONS);
  expect(fast).toBeDefined();
  expect(fast).toBe(library(v));
  // The document handed to the policies is what a YAML 1.1 reader (Kong's) gets from the text, keys in the same
  // order. (A key `<<` is read as text here: both writers write it plain, and 1.1's merge key is not kong.yml's.)
  const { document } = writeBlockYamlDocument(v, KONG_YAML_OPTIONS)!;
  expect(JSON.stringify(document)).toBe(JSON.stringify(parse(fast!, YAML_1_1_WITHOUT_MERGE)));
};

const YAML_1_1_WITHOUT_MERGE: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.1",
  customTags: (tags) => tags.filter((t) => typeof t === "string" ? t !== "merge" : t.tag !== "tag:yaml.org,2002:merge"),
};

const cfg = stackConfig();
const HOSTILE_STRINGS = [
  "", " ", "a b", " lead", "trail ", "y", "Y", "n", "yes", "No", "ON", "off", "true", "False", "null", "Null", "~", "NULL",
  "0", "012", "0x1F", "0o17", "1:20", "1_000", "1.5", ".5", ".inf", "-.inf", ".NaN", "1e3", "-1", "+1", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
  "3.0", "a: b", "a:b", "a:", "urn:", "a #b", "a#b", "#x", "- x", "-x", "-", "?", "? x", ":x", "[x]", "{x}", "x,y", ",x", "&a", "*a", "!tag", "|x", ">x",
  "'q'", '"q"', "it's", 'say "hi"', "both ' and \"", "%x", "@x", "`x", "=", "<<", "é", "日本", "tab\there", "bell\u0007", "nul\u0000", "\u2028ls",
  "line1\nline2", "line1\nline2\n", "line1\n\nline3\n", "  indented\nnext", "trailing\n\n\n", "\nleading", "crlf\r\nx",
  "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n",
  "https://login.microsoftonline.com/t/v2.0", "uuid#counter", "X-Request-ID", "/r0/", "~*^https://issuer$", "a~b", "_format_version", "env:KIS_X",
  "{vault://env/kis-secret}",
];
const HOSTILE_NUMBERS = [0, -0, 1, -1, 1.5, 0.1, 1e21, 1e-7, 2 ** 53, Number.MAX_SAFE_INTEGER, 3600];

describe("block YAML writer: the yaml library's text, faster", () => {
  it("every hostile string, as a map value, a list item, and a key", () => {
    for (const s of HOSTILE_STRINGS) {
      agrees({ v: s });
      agrees({ list: [s, s] });
      agrees({ nested: { deeper: [{ k: s, other: 1 }] } });
      if (s !== "") agrees({ [s]: "value", z: [s] });
    }
  });

  it("numbers, booleans, null, empty collections, undefined members, and key order", () => {
    for (const n of HOSTILE_NUMBERS) agrees({ n, list: [n] });
    agrees({ b: true, c: false, d: null, e: [], f: {}, g: { h: undefined }, i: [{}], u: undefined, list: [null, true, 0] });
    agrees({ zeta: 1, Alpha: 2, alpha: 3, _x: 4, "10": 5, "9": 6, "a-b": 7, a_b: 8, "é": 9 });
  });

  it("Kong's declarative config: enterprise and OSS (PEM keys) editions, Entra and Okta", () => {
    const entra = entraContract();
    const okta = oktaContract();
    const key = rsaTestKey("kid-a");
    for (const edition of ["enterprise", "oss"] as const) {
      agrees(
        buildDeclarativeConfig([entra, okta], cfg.routes, {
          edition,
          hostnames: cfg.kong.hostnames,
          environment: "test",
          ...(edition === "oss" ? { jwks: { [entra.issuer]: jwksOf(key), [okta.issuer]: jwksOf(rsaTestKey("kid-b")) } } : {}),
        }),
      );
    }
  });

  it("every example stack's config and the bench's 1000-route stack", () => {
    for (const file of readdirSync(join(REPO_ROOT, "stacks")).filter((f) => f.endsWith(".yaml"))) agrees(parse(readFileSync(join(REPO_ROOT, "stacks", file), "utf8")));
    agrees(parse(generateStack(1000)));
  });

  it("declines what is outside its shape, so the library writes it", () => {
    expect(writeBlockYaml({ a: [[1, 2]] }, KONG_YAML_OPTIONS)).toBeUndefined();
    expect(writeBlockYaml({ a: [undefined] }, KONG_YAML_OPTIONS)).toBeUndefined();
    expect(writeBlockYaml({ a: new Date(0) }, KONG_YAML_OPTIONS)).toBeUndefined();
    expect(writeBlockYaml([1], KONG_YAML_OPTIONS)).toBeUndefined();
  });
});
