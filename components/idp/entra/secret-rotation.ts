/**
 * Two staggered client-secret slots, computed from the clock alone so that no state is stored.
 *
 * Slot k (k = 0, 1) cuts time into buckets of L = lifetimeDays days, starting at the Unix epoch plus k * L/2.
 * A slot's secret is valid until the end of its current bucket and is replaced when the bucket changes
 * (`rotateWhenChanged`). So every secret lives at most L days, a slot only rotates once its old secret has
 * expired, and because the two slots' end dates are L/2 apart, one of them always has at least L/2 left.
 * That holds as long as the stack is deployed at least every L/2 days (a scheduled `pulumi up`).
 */

export type SlotIndex = 0 | 1;

export interface SecretSlot {
  readonly slot: SlotIndex;
  /** Bucket number since the slot's origin; the slot rotates when it changes. */
  readonly bucket: number;
  /** Start of the bucket (RFC 3339). The password itself starts when it is created. */
  readonly bucketStart: string;
  /** When the secret expires: the end of the bucket (RFC 3339, UTC, whole seconds). */
  readonly endDate: string;
  /** Value for `rotateWhenChanged`: `<slot>-<bucket>`. */
  readonly rotationKey: string;
}

const DAY_MS = 86_400_000;

export function secretRotationSlots(now: Date, lifetimeDays: number): readonly [SecretSlot, SecretSlot] {
  const t = now.getTime();
  if (!Number.isFinite(t)) throw new RangeError("secretRotationSlots: now is not a valid date");
  if (!Number.isFinite(lifetimeDays) || lifetimeDays <= 0) {
    throw new RangeError(`secretRotationSlots: lifetimeDays must be a positive number of days, got ${lifetimeDays}`);
  }
  const length = lifetimeDays * DAY_MS;
  const slot = (k: SlotIndex): SecretSlot => {
    const origin = (k * length) / 2;
    const bucket = Math.floor((t - origin) / length);
    const start = origin + bucket * length;
    return {
      slot: k,
      bucket,
      bucketStart: rfc3339(start),
      endDate: rfc3339(start + length),
      rotationKey: `${k}-${bucket}`,
    };
  };
  return [slot(0), slot(1)];
}

/**
 * The slot rotated most recently: the later end date, so at least L/2 of validity left.
 * Consumers that read one secret get this one; the other slot stays valid for those not yet updated.
 */
export function newestSecretSlot(slots: readonly [SecretSlot, SecretSlot]): SecretSlot {
  const [a, b] = slots;
  return Date.parse(a.endDate) >= Date.parse(b.endDate) ? a : b;
}

/** RFC 3339 without fractional seconds, the form the azuread provider documents. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The lifetime L a slot secret was made with, read back from its rotation key (`<slot>-<bucket>`) and end
 * date: a slot's secret ends at k·L/2 + (bucket + 1)·L after the epoch, so L = end / (bucket + 1 + k/2).
 * The policy pack uses this to check the configured lifetime whatever day the plan runs (the secret
 * created mid-bucket is shorter than L, the one created on a rotation day is not). Undefined when the
 * key is not of this scheme.
 */
export function slotLifetimeDays(rotationKey: string, endDate: string): number | undefined {
  const match = /^([01])-(\d+)$/.exec(rotationKey);
  const end = Date.parse(endDate);
  if (!match || !Number.isFinite(end)) return undefined;
  const days = end / DAY_MS / (Number(match[2]) + 1 + Number(match[1]) / 2);
  return Math.round(days * 1000) / 1000;
}
