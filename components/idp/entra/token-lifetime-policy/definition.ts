/**
 * The Microsoft Graph `tokenLifetimePolicy` definition, as plain data (pure).
 *
 * `definition` is an array holding ONE JSON string: `{"TokenLifetimePolicy":{"Version":1,"AccessTokenLifetime":"01:00:00"}}`.
 * The value is a .NET TimeSpan: `hh:mm:ss` below a day and `d.hh:mm:ss` from a day on. Writing a day as
 * "24:00:00" would be read as 24 DAYS, so the day form is used for 1440 minutes.
 */
export const MIN_LIFETIME_MINUTES = 10;
export const MAX_LIFETIME_MINUTES = 1440;

/** A problem with a lifetime value, or undefined when Entra accepts it. */
export function lifetimeProblem(minutes: unknown): string | undefined {
  if (typeof minutes !== "number" || !Number.isInteger(minutes) || minutes < MIN_LIFETIME_MINUTES || minutes > MAX_LIFETIME_MINUTES) {
    return `expected a whole number of minutes from ${MIN_LIFETIME_MINUTES} to ${MAX_LIFETIME_MINUTES} (10 minutes to 1 day), got ${JSON.stringify(minutes)}`;
  }
  return undefined;
}

export function timespanOf(minutes: number): string {
  const problem = lifetimeProblem(minutes);
  if (problem) throw new RangeError(`access-token lifetime: ${problem}`);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const hhmm = `${String(hours).padStart(2, "0")}:${String(mins).padStart(2, "0")}:00`;
  return days > 0 ? `${days}.${hhmm}` : hhmm;
}

/** Minutes of a TimeSpan `[d.]hh:mm:ss`, or undefined when it is not one. */
export function minutesOf(timespan: string): number | undefined {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(timespan);
  if (!m) return undefined;
  const [, d, h, min, s] = m;
  if (Number(h) > 23 || Number(min) > 59 || Number(s) > 59) return undefined;
  return Number(d ?? 0) * 1440 + Number(h) * 60 + Number(min) + Number(s) / 60;
}

/** The `definition` array Graph expects. */
export function lifetimeDefinition(minutes: number): string[] {
  return [JSON.stringify({ TokenLifetimePolicy: { Version: 1, AccessTokenLifetime: timespanOf(minutes) } })];
}

/** The access-token lifetime a policy's `definition` sets, in minutes; undefined when it sets none. */
export function lifetimeFromDefinition(definition: unknown): number | undefined {
  if (!Array.isArray(definition)) return undefined;
  for (const entry of definition) {
    if (typeof entry !== "string") continue;
    try {
      const value = (JSON.parse(entry) as { TokenLifetimePolicy?: { AccessTokenLifetime?: unknown } }).TokenLifetimePolicy?.AccessTokenLifetime;
      if (typeof value === "string") return minutesOf(value);
    } catch {
      // Not JSON: not a definition this stack wrote.
    }
  }
  return undefined;
}
