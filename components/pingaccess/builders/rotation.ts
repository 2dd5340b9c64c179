import { newestSecretSlot, secretRotationSlots, type SecretSlot } from "../../idp/entra/secret-rotation";

/** The id of the shared secret in Kong's env vault: kong.yml says `{vault://env/pingaccess-shared-secret}`. */
export const PINGACCESS_SECRET_ID = "pingaccess-shared-secret";

/**
 * The shared secret rotates like the Entra client secrets: two staggered slots, each replaced when its time
 * bucket ends, so PingAccess always holds two live credentials and Kong uses the newer one. After a slot
 * rotates, Kong (restarted by the secrets-revision annotation) switches to its new value while the other
 * slot's value, the one Kong used until then, stays valid on the sideband client.
 */
export interface SharedSecretRotation {
  readonly slots: readonly [SecretSlot, SecretSlot];
  /** The slot whose value Kong sends. */
  readonly active: SecretSlot;
}

export function sharedSecretRotation(now: Date, lifetimeDays: number): SharedSecretRotation {
  const slots = secretRotationSlots(now, lifetimeDays);
  return { slots, active: newestSecretSlot(slots) };
}
