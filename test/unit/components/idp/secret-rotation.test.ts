import { describe, expect, it } from "vitest";
import { newestSecretSlot, secretRotationSlots, slotLifetimeDays } from "../../../../components/idp/entra";

const DAY = 86_400_000;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe("secretRotationSlots", () => {
  it("a worked example: 60-day secrets on 2025-03-10 12:00 UTC", () => {
    // 2025-03-10T12:00Z is day 20157.5 after the epoch. Slot 0: buckets start on multiples of 60 days
    // (day 20100 = 2025-01-12). Slot 1: shifted by 30 days (day 20130 = 2025-02-11).
    const [s0, s1] = secretRotationSlots(new Date("2025-03-10T12:00:00Z"), 60);
    expect(s0).toEqual({ slot: 0, bucket: 335, bucketStart: "2025-01-12T00:00:00Z", endDate: "2025-03-13T00:00:00Z", rotationKey: "0-335" });
    expect(s1).toEqual({ slot: 1, bucket: 335, bucketStart: "2025-02-11T00:00:00Z", endDate: "2025-04-12T00:00:00Z", rotationKey: "1-335" });
    expect(newestSecretSlot([s0, s1])).toBe(s1);
  });

  it.each([
    { at: 0, slot0: "0-0", slot1: "1--1" },
    { at: 30 * DAY - 1, slot0: "0-0", slot1: "1--1" },
    { at: 30 * DAY, slot0: "0-0", slot1: "1-0" },
    { at: 60 * DAY - 1, slot0: "0-0", slot1: "1-0" },
    { at: 60 * DAY, slot0: "0-1", slot1: "1-0" },
    { at: 90 * DAY, slot0: "0-1", slot1: "1-1" },
  ])("bucket boundaries at epoch + $at ms (L = 60 days)", ({ at, slot0, slot1 }) => {
    const [s0, s1] = secretRotationSlots(new Date(at), 60);
    expect([s0.rotationKey, s1.rotationKey]).toEqual([slot0, slot1]);
  });

  it("a slot rotates exactly when its secret expires", () => {
    const [before] = secretRotationSlots(new Date(60 * DAY - 1), 60);
    const [after] = secretRotationSlots(new Date(60 * DAY), 60);
    expect(Date.parse(before.endDate)).toBe(60 * DAY);
    expect(after.bucket).toBe(before.bucket + 1);
    expect(after.bucketStart).toBe(before.endDate);
  });

  it("end dates are RFC 3339 in UTC with whole seconds, also for odd lifetimes (half days)", () => {
    for (const days of [2, 7, 61, 90]) {
      for (const s of secretRotationSlots(new Date("2031-07-19T08:31:07.123Z"), days)) {
        expect(s.endDate).toMatch(RFC3339);
        expect(s.bucketStart).toMatch(RFC3339);
      }
    }
  });

  // The property the two slots exist for, checked over a sweep of dates that do not align with any bucket.
  it.each([2, 7, 30, 59, 60, 90])("over three years, L = %i days: each secret ≤ L days, ends staggered, one always has ≥ L/2 left", (days) => {
    const length = days * DAY;
    const start = Date.parse("2024-01-01T00:00:00Z");
    const step = 7 * 3_600_000 + 13 * 60_000 + 17_000; // 7h 13m 17s
    let previous: readonly [number, number] | undefined;
    let rotations = 0;
    for (let t = start; t < start + 3 * 365 * DAY; t += step) {
      const slots = secretRotationSlots(new Date(t), days);
      const ends = slots.map((s) => Date.parse(s.endDate));
      const left = ends.map((e) => e - t);
      for (const l of left) {
        expect(l).toBeGreaterThan(0);
        expect(l).toBeLessThanOrEqual(length);
      }
      expect(Math.abs(ends[0]! - ends[1]!)).toBe(length / 2);
      expect(Math.max(...left)).toBeGreaterThanOrEqual(length / 2);
      expect(Date.parse(newestSecretSlot(slots).endDate) - t).toBeGreaterThanOrEqual(length / 2);
      // A slot only moves to a new bucket once the previous secret has reached its end date.
      if (previous) {
        slots.forEach((s, k) => {
          if (ends[k] !== previous![k]) {
            rotations++;
            expect(t).toBeGreaterThanOrEqual(previous![k]!);
            expect(s.rotationKey).toBe(`${k}-${s.bucket}`);
          }
        });
      }
      previous = [ends[0]!, ends[1]!];
    }
    expect(rotations).toBeGreaterThanOrEqual(Math.floor((2 * 3 * 365) / days) - 2);
  });

  it.each([
    { now: new Date("not a date"), days: 60, message: /not a valid date/ },
    { now: new Date(0), days: 0, message: /positive/ },
    { now: new Date(0), days: -5, message: /positive/ },
    { now: new Date(0), days: Number.NaN, message: /positive/ },
  ])("rejects now=$now days=$days", ({ now, days, message }) => {
    expect(() => secretRotationSlots(now, days)).toThrow(message);
  });
});

describe("slotLifetimeDays", () => {
  it("reads the lifetime back from any slot on any day", () => {
    for (const days of [2, 7, 60, 90, 91, 120, 730]) {
      for (const at of ["2026-01-01T00:00:00Z", "2026-05-17T13:45:00Z", "2031-11-30T23:59:59Z"]) {
        for (const slot of secretRotationSlots(new Date(at), days)) {
          expect(slotLifetimeDays(slot.rotationKey, slot.endDate)).toBe(days);
        }
      }
    }
  });

  it("is undefined for keys of another scheme", () => {
    expect(slotLifetimeDays("2026-q1", "2026-04-01T00:00:00Z")).toBeUndefined();
    expect(slotLifetimeDays("0-1", "not a date")).toBeUndefined();
  });
});
