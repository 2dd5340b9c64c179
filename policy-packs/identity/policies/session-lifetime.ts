import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readConfig } from "./policy-config";
import { num } from "./props";
import { validateSignInRoutes, type SignInProblem } from "./sign-in-configs";

export interface SessionLifetimeConfig {
  maxMinutes: number;
  maxIdleMinutes: number;
}

export const SESSION_LIFETIME_DEFAULTS: SessionLifetimeConfig = { maxMinutes: 720, maxIdleMinutes: 60 };

/** Kong's openid-connect defaults when the config leaves them unset (seconds). */
const KONG_DEFAULT_ABSOLUTE_SECONDS = 86_400;
const KONG_DEFAULT_IDLING_SECONDS = 900;

/**
 * session-lifetime: a Kong session cookie works like a bearer token until it ends, so its absolute lifetime
 * and its idle timeout are bounded per environment (like token lifetimes). 0 turns Kong's check off and is
 * refused; an unset value means Kong's default (24 hours absolute, 15 minutes idle).
 */
export const sessionLifetime: ResourceValidationPolicy = {
  name: "session-lifetime",
  description:
    "Kong sign-in sessions end after at most a configurable lifetime (default 720 minutes) and idle timeout (default 60 minutes); neither check may be off.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      maxMinutes: { type: "integer", minimum: 5, maximum: 43_200, default: SESSION_LIFETIME_DEFAULTS.maxMinutes, description: "longest session lifetime, in minutes" },
      maxIdleMinutes: { type: "integer", minimum: 1, maximum: 1440, default: SESSION_LIFETIME_DEFAULTS.maxIdleMinutes, description: "longest idle time before a session ends, in minutes" },
    },
  },
  remediationSteps: "Set routes[].signIn.sessionLifetimeMinutes and sessionIdleMinutes within the environment's limits (the policy config's maxMinutes and maxIdleMinutes).",
  validateResource: validateSignInRoutes(({ config }, args) => {
    const { maxMinutes, maxIdleMinutes } = readConfig(args, SESSION_LIFETIME_DEFAULTS);
    const found: SignInProblem[] = [];
    const absolute = num(config["session_absolute_timeout"]) ?? KONG_DEFAULT_ABSOLUTE_SECONDS;
    const idle = num(config["session_idling_timeout"]) ?? KONG_DEFAULT_IDLING_SECONDS;
    if (absolute === 0 || absolute / 60 > maxMinutes) {
      found.push({
        problem: absolute === 0 ? "session_absolute_timeout is 0, so a session never has to sign in again" : `sessions last ${absolute / 60} minutes, more than the ${maxMinutes} allowed`,
        fix: `set routes[].signIn.sessionLifetimeMinutes to at most ${maxMinutes}`,
      });
    }
    if (idle === 0 || idle / 60 > maxIdleMinutes) {
      found.push({
        problem: idle === 0 ? "session_idling_timeout is 0, so an abandoned session stays valid" : `sessions survive ${idle / 60} idle minutes, more than the ${maxIdleMinutes} allowed`,
        fix: `set routes[].signIn.sessionIdleMinutes to at most ${maxIdleMinutes}`,
      });
    }
    return found;
  }),
};
