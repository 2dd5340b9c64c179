import { describe, expect, it } from "vitest";
import { stableJson } from "../../../../cli/plan/plan-document";

/** plan.json and the edge artifacts: the text changes only when a value does. */
describe("stableJson", () => {
  it("sorts keys at every level in localeCompare's order and drops undefined values", () => {
    const text = stableJson({ b: 1, a: { Z: 1, z: 2, _x: 3, "-y": 4, é: 5, e: 6, f: 7 }, c: [{ y: 1, x: undefined }], d: undefined });
    const keys = ["Z", "z", "_x", "-y", "é", "e", "f"].sort((x, y) => x.localeCompare(y));
    expect(Object.keys(JSON.parse(text).a)).toEqual(keys);
    expect(text).toBe(`{\n  "a": {\n${keys.map((k, i, all) => `    ${JSON.stringify(k)}: ${({ Z: 1, z: 2, _x: 3, "-y": 4, é: 5, e: 6, f: 7 } as Record<string, number>)[k]}${i < all.length - 1 ? "," : ""}`).join("\n")}\n  },\n  "b": 1,\n  "c": [\n    {\n      "y": 1\n    }\n  ]\n}\n`);
  });

  it("keeps a key named __proto__ as data, and gives the same text for the same values built in another order", () => {
    const hostile = JSON.parse('{"z": 1, "__proto__": {"polluted": true}}') as Record<string, unknown>;
    const text = stableJson(hostile);
    expect(JSON.parse(text)).toEqual(hostile);
    expect(text.indexOf('"__proto__"')).toBeLessThan(text.indexOf('"z"'));
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(stableJson({ x: { b: [1, { d: 1, c: 2 }], a: null } })).toBe(stableJson({ x: { a: null, b: [1, { c: 2, d: 1 }] } }));
  });
});
