import { z } from "zod";
import { showValue } from "./show";

/** Shared building blocks for the stack-config schema. Each message says what is expected. */

/** A value quoted for a message: JSON, control characters visible, cut with its length beyond 200 characters. */
export const show = (value: unknown): string => showValue(value);

/** An error callback that says what was expected and what was found ("missing" for an absent key). */
export const expected =
  (what: string) =>
  (issue: { input: unknown }): string =>
    issue.input === undefined ? `missing; expected ${what}` : `expected ${what}, got ${show(issue.input)}`;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const text = (what: string) => z.string({ error: expected(what) });

export const slug = (what: string) =>
  z
    .string({ error: expected(`${what} (lower-case letters, digits and dashes)`) })
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, {
      error: expected(`${what} (lower-case letters, digits and dashes)`),
    });

export const uuid = z
  .string({ error: expected(`a GUID such as 00000000-0000-0000-0000-000000000000`) })
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
    error: expected(`a GUID such as 00000000-0000-0000-0000-000000000000`),
  });

export const httpUrl = z.string({ error: expected(`an http(s) URL`) }).refine(
  (v) => {
    try {
      // The URL parser drops tabs and newlines silently; the raw text (with them) is what would be written out.
      if (/[\u0000-\u0020\u007f-\u009f]/.test(v)) return false;
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
    } catch {
      return false;
    }
  },
  { error: expected(`an http(s) URL`) },
);

export const hostname = z
  .string({ error: expected(`a DNS host name such as api.example.com`) })
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, {
    error: expected(`a DNS host name such as api.example.com (no wildcards, lower case)`),
  });

export const intInRange = (min: number, max: number, unit = "") =>
  z
    .number({ error: expected(`a whole number from ${min} to ${max}${unit}`) })
    .int({ error: expected(`a whole number from ${min} to ${max}${unit}`) })
    .min(min, { error: expected(`a whole number from ${min} to ${max}${unit}`) })
    .max(max, { error: expected(`a whole number from ${min} to ${max}${unit}`) });

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: expected(`one of ${values.map((v) => JSON.stringify(v)).join(", ")}`) });

export const scopeName = z
  .string({ error: expected(`a scope name such as orders.read`) })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$/, {
    error: expected(`a scope name such as orders.read (letters, digits, . _ : -; no spaces or wildcards)`),
  });

export const groupName = z
  .string({ error: expected(`an access group name such as orders-admins`) })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/, {
    error: expected(`an access group name such as orders-admins (letters, digits, . _ -)`),
  });


/**
 * A strict object whose messages name what is expected: an unknown key lists the allowed ones, a missing
 * object says which keys it needs. Every block of the stack config is one.
 */
export const strictObject = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; expected one of ${Object.keys(shape).join(", ")}`
        : issue.input === undefined
          ? `missing; expected an object with ${Object.keys(shape).join(", ")}`
          : `expected an object, got ${show(issue.input)}`,
  });

/** A list whose error says what the items are. */
export const list = <T extends z.ZodType>(item: T, what: string) => z.array(item, { error: expected(`a list of ${what}`) });
