import type { RouteSpec } from "../args";

/** The route fields the Kong builder reads (a validated `RouteSpec` from the stack config). */
export type KongRouteInput = Pick<
  RouteSpec,
  "name" | "hosts" | "paths" | "methods" | "upstream" | "scopes" | "roles" | "rateLimitPerMinute" | "anonymous"
>;

export const isProtected = (route: KongRouteInput): boolean => !route.anonymous;
