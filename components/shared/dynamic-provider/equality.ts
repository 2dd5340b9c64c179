/**
 * How a dynamic provider's diff compares an input with what the vendor holds. Pure; one meaning per name.
 */

/** Equal as JSON (undefined and null are the same absence). */
export const jsonEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The same members in any order, each compared by its text: an id the vendor returns as 7 and the stack holds
 * as "7" (a Pulumi id is always a string) is the same member; objects compare by their JSON.
 */
export const sameMembers = (a: unknown, b: unknown): boolean => {
  const keys = (v: unknown) => [...((v as unknown[]) ?? [])].map((m) => (typeof m === "object" && m !== null ? JSON.stringify(m) : String(m))).sort();
  return jsonEqual(keys(a), keys(b));
};

/** The same number, whether written as a number or as text (`"52.1"` and 52.1). */
export const sameNumber = (a: unknown, b: unknown): boolean => Number(a) === Number(b);
