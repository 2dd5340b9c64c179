import type { RestError } from "../../shared/http";

/** PingAccess's validation error (`ApiError` in the OpenAPI file): a general message and per-field messages. */
export interface ApiErrorBody {
  readonly flash?: readonly string[];
  readonly form?: Readonly<Record<string, readonly string[]>>;
}

export function isApiError(body: unknown): body is ApiErrorBody {
  if (!body || typeof body !== "object") return false;
  const b = body as Record<string, unknown>;
  return Array.isArray(b["flash"]) || (typeof b["form"] === "object" && b["form"] !== null);
}

/** `name: already in use; port: must be between 1 and 65535` plus the flash text, in one line. */
export function describeApiError(body: ApiErrorBody): string {
  const fields = Object.entries(body.form ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([field, messages]) => `${field}: ${(messages ?? []).join(", ") || "invalid"}`);
  const flash = (body.flash ?? []).filter(Boolean).join(" ");
  return [flash, fields.length > 0 ? `fields ${fields.join("; ")}` : ""].filter(Boolean).join("; ") || "no details";
}

export type PingAccessErrorKind = "not-found" | "unauthorized" | "validation" | "other";

export function pingAccessErrorKind(err: unknown): PingAccessErrorKind {
  const e = err as Partial<RestError> | undefined;
  if (!e || typeof e.status !== "number") return "other";
  if (e.status === 404) return "not-found";
  if (e.status === 401) return "unauthorized";
  if (e.status === 422 || e.status === 400) return "validation";
  return "other";
}

/** A refused call, reworded: names the call, the fields PingAccess objects to, and what to check. */
export class PingAccessError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly fields: readonly string[],
  ) {
    super(message);
    this.message = message; // survives Pulumi's closure serialisation (see RestError)
    this.name = "PingAccessError";
  }
}
