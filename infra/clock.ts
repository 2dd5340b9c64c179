/**
 * The time the program treats as "now" (secret-rotation buckets). `KIS_NOW` pins it, which the offline
 * plan and tests use so that two runs produce identical files.
 */
export function programClock(env: NodeJS.ProcessEnv = process.env): Date {
  const pinned = env["KIS_NOW"];
  if (!pinned) return new Date();
  const date = new Date(pinned);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`KIS_NOW: expected an ISO date such as 2026-01-01T00:00:00Z, got ${JSON.stringify(pinned)}`);
  }
  return date;
}
