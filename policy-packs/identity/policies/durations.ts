/** Duration helpers: every lifetime the rules compare is converted to minutes first. */

export const MINUTES_PER_UNIT: Readonly<Record<string, number>> = {
  seconds: 1 / 60,
  minutes: 1,
  hours: 60,
  days: 1440,
};

/** Cognito `accessTokenValidity` etc. with `tokenValidityUnits` (seconds | minutes | hours | days). */
export function toMinutes(value: number, unit: string | undefined, defaultUnit: keyof typeof MINUTES_PER_UNIT): number | undefined {
  const factor = MINUTES_PER_UNIT[unit ?? defaultUnit];
  return factor === undefined ? undefined : value * factor;
}

/** `01:00:00` or `1.02:00:00` (days.hours:minutes:seconds, the Graph TokenLifetimePolicy format) in minutes. */
export function timeSpanMinutes(value: string): number | undefined {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, d, h, m, s] = match;
  return Number(d ?? 0) * 1440 + Number(h) * 60 + Number(m) + Number(s) / 60;
}

/** `240h`, `2400h30m`, `90m` (Go durations, azuread endDateRelative) in days. */
export function goDurationDays(value: string): number | undefined {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value.trim()) return undefined;
  const seconds = parts.reduce((sum, [, n, unit]) => sum + Number(n) * (unit === "h" ? 3600 : unit === "m" ? 60 : 1), 0);
  return seconds / 86_400;
}

/** `240` → `240 min (4 h)`: readable in messages. */
export function showMinutes(minutes: number): string {
  const rounded = Math.round(minutes * 100) / 100;
  if (minutes >= 2880) return `${rounded} min (${Math.round((minutes / 1440) * 10) / 10} days)`;
  if (minutes >= 120) return `${rounded} min (${Math.round((minutes / 60) * 10) / 10} h)`;
  return `${rounded} min`;
}
