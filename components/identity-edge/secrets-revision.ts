import { newestSecretSlot, secretRotationSlots } from "../idp/entra/secret-rotation";
import type { BrowserSignIn } from "../sign-in";

/**
 * What Kong's pods must restart for: Kong reads its env-vault secrets once, at start, so the pod template carries
 * a revision that changes whenever a value Kong gets changes, and never the value (or a hash of it). Pure.
 *
 * Sign-in client secrets: Entra's newest rotation slot is what Kong gets (entra-registration.ts), so its rotation
 * key changes exactly when that secret does; Okta and Cognito keep one secret per app, new only with a new app
 * (a new client id). The session secrets are random values created once.
 */
export function signInSecretsRevision(
  providerKind: string,
  secretLifetimeDays: number,
  now: Date,
  signIns: readonly BrowserSignIn[],
  clientIds: Readonly<Record<string, string>>,
): string {
  const ids = [...new Set(signIns.map((s) => s.client))].sort().map((c) => `${c}/${clientIds[c] ?? "?"}`);
  const rotation = providerKind === "entra" ? [newestSecretSlot(secretRotationSlots(now, secretLifetimeDays)).rotationKey] : [];
  return [providerKind, ...rotation, ...ids].join(":");
}

/** The parts of the revision, sorted by name (`ping-auth=...;sign-in=...`); undefined when there is none. */
export function combineSecretsRevisions(parts: Readonly<Record<string, string | undefined>>): string | undefined {
  const given = Object.entries(parts).filter((e): e is [string, string] => e[1] !== undefined);
  if (given.length === 0) return undefined;
  return given
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(";");
}
