import type { KongPlugin, RateLimitBy } from "./types";

/** Applied to routes whose config names no limit: every route is limited, anonymous ones included. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/**
 * `policy: "local"` because `cluster` needs a database (DB-less has none) and `redis` needs a Redis the stack
 * does not deploy. Counters are per Kong pod: with N replicas behind a balancer a caller gets up to about
 * N times the limit.
 */
export function rateLimitingPlugin(perMinute: number, limitBy: RateLimitBy, tags: readonly string[]): KongPlugin {
  return { name: "rate-limiting", config: { minute: perMinute, policy: "local", limit_by: limitBy }, tags };
}
