/** Small readers for resource properties, which are untyped JSON (`props: Record<string, any>`). */

export type Props = Record<string, unknown>;

export const isRecord = (value: unknown): value is Props =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function record(value: unknown): Props | undefined {
  return isRecord(value) ? value : undefined;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Grant-type spellings differ between docs and APIs (`client_credentials` vs `clientCredentials`). */
export function normalizeToken(value: string): string {
  return value.replace(/[-_\s]/g, "").toLowerCase();
}
