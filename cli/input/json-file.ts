import { readFileSync, statSync } from "node:fs";
import { UsageError } from "../errors";
import { escapeText } from "../output";

/** Deeper than any file kis writes or reads; deeper input would only exhaust the stack of whoever walks it. */
export const MAX_JSON_DEPTH = 64;
/** A plan of 5000 routes is a few tens of MB; anything far larger is not a kis file. */
export const MAX_JSON_BYTES = 512 * 1024 * 1024;

/**
 * Reads a JSON file named on the command line (`--plan`, `--policy-config`), with one clear line for each way
 * it can be wrong: missing, a directory, unreadable, empty, not JSON, nested beyond reason.
 * `flag` is how the message names the input, e.g. `--plan out/dev/plan.json`.
 */
export function readJsonFile(flag: string, path: string): unknown {
  const where = `${flag} ${escapeText(path)}`;
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new UsageError(`${where}: is a directory; pass the JSON file itself`);
    size = stat.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${where}: no such file`);
  }
  if (size > MAX_JSON_BYTES) throw new UsageError(`${where}: ${size} bytes is too large for a kis JSON file`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`${where}: cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"}); check its permissions`);
  }
  if (text.trim() === "") throw new UsageError(`${where}: the file is empty; expected JSON`);
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) throw new UsageError(`${where}: nested ${depth} levels deep; a kis JSON file is at most ${MAX_JSON_DEPTH}`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new UsageError(`${where}: not valid JSON (${escapeText((err as Error).message.split("\n")[0] ?? "")})`);
  }
}

/** Nesting depth of JSON text, counted without parsing (strings skipped), so a 100,000-deep file costs one pass. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}
