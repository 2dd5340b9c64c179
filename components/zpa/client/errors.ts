import type { RestError } from "../../shared/http";

/**
 * How the provider treats a failed ZPA call:
 * - `not-found`: 404, or `{"id": "resource.not.found"}` (the object is gone);
 * - `edit-lock`: another change holds the tenant's edit lock or the rule order
 *   (`api.concurrent.access.error`, `db.simultaneous.request`, `EDIT_LOCK_NOT_AVAILABLE`): try again;
 * - `conflict`: any other 409, in practice an object with that name already exists;
 * - `other`: everything else (already retried by the REST client when it was 408, 429 or 5xx).
 */
export type ZpaErrorKind = "not-found" | "edit-lock" | "conflict" | "other";

const EDIT_LOCK_IDS = ["api.concurrent.access.error", "db.simultaneous.request"];
const EDIT_LOCK_TEXT = ["EDIT_LOCK_NOT_AVAILABLE", "Failed during enter Org barrier"];

export function zpaErrorKind(err: unknown): ZpaErrorKind {
  const e = err as Partial<RestError> | undefined;
  if (!e || typeof e.status !== "number") return "other";
  const body = e.body as { id?: unknown } | string | undefined;
  const id = typeof body === "object" && body ? body.id : undefined;
  const text = typeof body === "string" ? body : JSON.stringify(body ?? "");
  if (e.status === 404 || id === "resource.not.found") return "not-found";
  if ((e.status === 409 || e.status === 400) && (EDIT_LOCK_IDS.includes(String(id)) || EDIT_LOCK_TEXT.some((t) => text.includes(t)))) {
    return "edit-lock";
  }
  if (e.status === 409) return "conflict";
  return "other";
}

/** Create answered 409: an object of that kind and name exists. Carries its id when it could be found. */
export class ZpaDuplicateError extends Error {
  constructor(
    message: string,
    readonly existingId: string | undefined,
  ) {
    super(message);
    this.message = message; // survives Pulumi's closure serialisation (see RestError)
    this.name = "ZpaDuplicateError";
  }
}
