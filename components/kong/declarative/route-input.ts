import type { RouteConfig } from "../../../infra/config";

/** The route fields the Kong builder reads (a validated `RouteConfig` from the stack config). */
export type KongRouteInput = Pick<
  RouteConfig,
  "name" | "hosts" | "paths" | "methods" | "upstream" | "scopes" | "roles" | "rateLimitPerMinute" | "anonymous"
>;

export const isProtected = (route: KongRouteInput): boolean => !route.anonymous;
