/**
 * One escaping rule for every value `kis` prints that came from outside: a token's claims, a stack file, a
 * policy config, a vendor response. A terminal must never receive a raw control character from such a value
 * (an ANSI escape can recolour or erase lines, a newline can forge a verdict line such as "ACCEPTED  x"),
 * and an error line must stay one readable line however long the value was.
 */

/** Longest value shown in full; longer ones are cut and say how long they were. */
export const MAX_SHOWN_LENGTH = 200;

export interface EscapeOptions {
  /** Cut after this many characters (default MAX_SHOWN_LENGTH); Infinity keeps everything. */
  readonly max?: number;
}

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), and the Unicode format/separator characters that
// reorder or hide text (bidi overrides "Trojan Source", zero-width, line/paragraph separators, BOM).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u001b": "\\e", "\\": "\\\\" };

function visible(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
}

/**
 * A string safe to print on one terminal line: control and invisible format characters are shown as
 * visible escapes (`\n`, `\e`, `\x07`, `\u{202e}`), a backslash is doubled so an escape cannot be forged, and
 * a value longer than `max` is cut with its full length: `aaaa… (10000 characters)`.
 */
export function escapeText(value: string, options: EscapeOptions = {}): string {
  const max = options.max ?? MAX_SHOWN_LENGTH;
  // Cut before escaping, on code points, so a surrogate pair is never split and the count is what a person sees.
  const chars = Array.from(value);
  const cut = chars.length > max ? chars.slice(0, max).join("") : value;
  const escaped = cut.replace(/\\/g, "\\\\").replace(UNSAFE, visible).replace(/[\ud800-\udfff]/g, loneSurrogate);
  return chars.length > max ? `${escaped}… (${chars.length} characters)` : escaped;
}

// A lone surrogate (never valid UTF-16 on its own) is what a binary file or a malformed token decodes to.
function loneSurrogate(ch: string, offset: number, whole: string): string {
  const code = ch.charCodeAt(0);
  const next = whole.charCodeAt(offset + 1);
  const prev = whole.charCodeAt(offset - 1);
  const paired = code <= 0xdbff ? next >= 0xdc00 && next <= 0xdfff : prev >= 0xd800 && prev <= 0xdbff;
  return paired ? ch : `\\u{${code.toString(16)}}`;
}

/**
 * Any value as one safe line: strings are quoted like JSON (so `"a b"` and `a b` differ visibly), everything
 * else is its JSON form; both then go through escapeText. JSON.stringify already escapes C0 controls, so
 * the escaper mainly adds the length cut and the C1/format characters JSON leaves raw.
 */
export function showValue(value: unknown, options: EscapeOptions = {}): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined; // BigInt or a cycle: fall back to String()
  }
  const text = json ?? String(value);
  const max = options.max ?? MAX_SHOWN_LENGTH;
  const chars = Array.from(text);
  if (chars.length <= max) return text.replace(UNSAFE, visible);
  return `${chars.slice(0, max).join("").replace(UNSAFE, visible)}… (${typeof value === "string" ? `${Array.from(value).length} characters` : `${chars.length} characters as JSON`})`;
}

/**
 * The last guard before a terminal, for a message already built from escaped values: every unsafe character
 * still in it becomes visible, but backslashes are left alone (the message's JSON quoting already uses them).
 * A multi-line message keeps its own line breaks; pass each line separately.
 */
export function safeLine(line: string): string {
  return line.replace(UNSAFE, visible);
}
