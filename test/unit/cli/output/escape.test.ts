import { describe, expect, it } from "vitest";
import { escapeText, MAX_SHOWN_LENGTH, safeLine, showValue } from "../../../../cli/output";

describe("escapeText", () => {
  it("shows newlines, carriage returns, tabs and ANSI escapes visibly, on one line", () => {
    const out = escapeText("a\nACCEPTED  orders-write\r\t\u001b[31mred\u001b[0m");
    expect(out).toBe("a\\nACCEPTED  orders-write\\r\\t\\e[31mred\\e[0m");
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it("shows other C0/C1 controls, DEL and the one-byte CSI as hex", () => {
    expect(escapeText("\u0007\u0000\u007f\u009b2J")).toBe("\\x07\\x00\\x7f\\x9b2J");
  });

  it("makes bidi overrides, zero-width characters and line separators visible", () => {
    expect(escapeText("admin\u202e\u200b\u2028x\ufeff")).toBe("admin\\u{202e}\\u{200b}\\u{2028}x\\u{feff}");
  });

  it("doubles a backslash so a value cannot forge an escape", () => {
    expect(escapeText("\\n")).toBe("\\\\n");
    expect(escapeText("\\n")).not.toBe(escapeText("\n"));
  });

  it("keeps ordinary unicode (accents, CJK, emoji) as it is", () => {
    expect(escapeText("café 東京 🚀")).toBe("café 東京 🚀");
  });

  it("shows a lone surrogate (what binary input decodes to) visibly, but keeps a pair", () => {
    expect(escapeText("a\ud800b")).toBe("a\\u{d800}b");
    expect(escapeText("🚀")).toBe("🚀");
  });

  it("cuts a long value and says how long it was", () => {
    const out = escapeText("x".repeat(10_000));
    expect(out).toBe(`${"x".repeat(MAX_SHOWN_LENGTH)}… (10000 characters)`);
    expect(escapeText("y".repeat(50), { max: 10 })).toBe(`${"y".repeat(10)}… (50 characters)`);
  });
});

describe("showValue", () => {
  it("quotes strings like JSON and leaves no raw control character", () => {
    expect(showValue("a\nb\u001b[2J")).toBe('"a\\nb\\u001b[2J"');
    expect(showValue("\u009b\u202e")).toBe('"\\x9b\\u{202e}"');
    expect(showValue(42)).toBe("42");
    expect(showValue(undefined)).toBe("undefined");
    expect(showValue(10n)).toBe("10");
  });

  it("cuts a 10,000-character name to the limit and names its length", () => {
    const out = showValue("n".repeat(10_000));
    expect(out.length).toBeLessThan(MAX_SHOWN_LENGTH + 40);
    expect(out).toMatch(/… \(10000 characters\)$/);
  });
});

describe("safeLine", () => {
  it("leaves JSON quoting alone and makes any raw control visible", () => {
    expect(safeLine('routes[0].name: expected a slug, got "a\\nb"')).toBe('routes[0].name: expected a slug, got "a\\nb"');
    expect(safeLine("x\u001b[0m\ny")).toBe("x\\e[0m\\ny");
  });
});
