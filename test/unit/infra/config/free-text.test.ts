import { describe, expect, it } from "vitest";
import { ConfigError, parseStackConfig } from "../../../../infra/config";
import { exampleStackRaw } from "../../../support/example-stacks";

/** The config error lines for one edit of an example stack (none when it parses). */
function problems(stack: string, edit: (raw: Record<string, any>) => void): string[] {
  const raw = exampleStackRaw(stack);
  edit(raw);
  try {
    parseStackConfig(raw);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
}

describe("free text within the IdPs' limits, without control or bidi characters", () => {
  it.each(["dev", "okta-dev", "cognito-dev"])("%s: a 10,000-character display name is refused naming the key and the limit", (stack) => {
    const [line, ...rest] = problems(stack, (r) => (r["identity"].displayName = "x".repeat(10_000)));
    expect(rest).toEqual([]);
    expect(line).toMatch(stack === "dev" ? /^identity\.displayName: is 10000 characters; Entra ID takes at most 256 for an application's displayName/ : /^identity\.displayName: is 10000 characters; kong-identity-stack takes at most 1024/);
  });

  it("a 300-character scope description passes on Entra and is refused on Cognito (256)", () => {
    const long = (r: Record<string, any>) => (r["identity"].scopes[0] = { name: r["identity"].scopes[0].name ?? r["identity"].scopes[0], description: "d".repeat(300) });
    expect(problems("dev", long)).toEqual([]);
    expect(problems("cognito-dev", long)).toEqual(["identity.scopes[0].description: is 300 characters; Cognito takes at most 256 for a scope description: shorten it"]);
  });

  it("an Okta group description over 1024 is refused", () => {
    expect(problems("okta-dev", (r) => (r["identity"].accessGroups[0] = { name: r["identity"].accessGroups[0].name ?? r["identity"].accessGroups[0], description: "g".repeat(1025) }))).toEqual([
      "identity.accessGroups[0].description: is 1025 characters; Okta takes at most 1024 for a group description: shorten it",
    ]);
  });

  it.each([
    ["a newline", "Orders\nAPI", "000A", 7],
    ["NUL", "Orders\u0000", "0000", 7],
    ["a right-to-left override", "Orders \u202Edaer", "202E", 8],
    ["a first-strong isolate", "\u2068Orders", "2068", 1],
  ])("%s in a display name is refused with the key, the code point and where", (_what, value, code, at) => {
    for (const stack of ["dev", "okta-dev"]) {
      expect(problems(stack, (r) => (r["identity"].displayName = value))).toEqual([
        `identity.displayName: expected a display name without control characters, line breaks or bidirectional overrides; found U+${code} at character ${at}`,
      ]);
    }
  });
});
