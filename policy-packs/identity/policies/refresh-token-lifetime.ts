import type { ResourceValidationPolicy } from "@pulumi/policy";
import { showMinutes, toMinutes } from "./durations";
import { REFRESH_TOKEN_LIMITS } from "./idp-limits";
import { readConfig } from "./policy-config";
import { normalizeToken, num, record, strings, text, type Props } from "./props";
import { COGNITO_CLIENT, OKTA_POLICY_RULE } from "./resource-types";
import { violation } from "./violation";

export interface RefreshTokenLifetimeConfig {
  maxMinutes: number;
}

export const REFRESH_TOKEN_LIFETIME_DEFAULTS: RefreshTokenLifetimeConfig = { maxMinutes: 7 * 1440 };

/** Cognito's default refresh-token validity: 30 days. */
const COGNITO_DEFAULT_REFRESH_MINUTES = 30 * 1440;
/** Grants that obtain tokens for a user and so may come with a refresh token. */
const USER_GRANTS = ["authorizationcode", "refreshtoken", "password", "urn:ietf:params:oauth:granttype:devicecode", "devicecode", "interactioncode"];

/**
 * refresh-token-lifetime: a refresh token mints new access tokens until it expires, so it is bounded too
 * (default 7 days) and never unlimited. Okta policy rules (refreshTokenLifetimeMinutes, 0 or unset =
 * unlimited; refreshTokenWindowMinutes) and Cognito app clients (refreshTokenValidity, unit-aware). Only
 * clients and rules that serve users are checked: client credentials never yield refresh tokens.
 * Entra refresh-token lifetimes are not configurable (Microsoft retired that in 2021): nothing to check.
 */
export const refreshTokenLifetime: ResourceValidationPolicy = {
  name: "refresh-token-lifetime",
  description:
    "Refresh tokens expire: at most a configurable maximum (default 7 days), never unlimited, and within the IdP's range (Okta policy rules, Cognito clients).",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: {
    properties: {
      maxMinutes: {
        type: "integer",
        minimum: 60,
        maximum: 5_256_000,
        default: REFRESH_TOKEN_LIFETIME_DEFAULTS.maxMinutes,
        description: "longest refresh-token lifetime allowed, in minutes",
      },
    },
  },
  remediationSteps: "Bound refresh-token lifetimes (identity.refreshTokenLifetimeMinutes) to at most the maximum.",
  validateResource: (args, report) => {
    const { maxMinutes } = readConfig(args, REFRESH_TOKEN_LIFETIME_DEFAULTS);
    for (const p of problemsOf(args.type, args.props, maxMinutes)) report(violation(args, p.problem, p.fix));
  },
};

function problemsOf(type: string, props: Props, maxMinutes: number): { problem: string; fix: string }[] {
  if (type === OKTA_POLICY_RULE) {
    const grants = strings(props["grantTypeWhitelists"]).map(normalizeToken);
    if (!grants.some((g) => USER_GRANTS.includes(g))) return [];
    const lifetime = num(props["refreshTokenLifetimeMinutes"]);
    const fix = `set refreshTokenLifetimeMinutes between ${REFRESH_TOKEN_LIMITS["okta"]!.min} and ${maxMinutes}`;
    if (lifetime === undefined || lifetime === 0) {
      return [{ problem: "refreshTokenLifetimeMinutes is unset (Okta: unlimited), so refresh tokens never expire", fix }];
    }
    const out: { problem: string; fix: string }[] = [];
    if (lifetime > maxMinutes) out.push({ problem: `refreshTokenLifetimeMinutes is ${showMinutes(lifetime)}, more than the ${maxMinutes} min allowed`, fix });
    const window = num(props["refreshTokenWindowMinutes"]);
    if (window !== undefined && window > lifetime) {
      out.push({
        problem: `refreshTokenWindowMinutes (${window}) is longer than refreshTokenLifetimeMinutes (${lifetime})`,
        fix: "keep the window between the access-token lifetime and the refresh-token lifetime",
      });
    }
    return out;
  }
  if (type === COGNITO_CLIENT) {
    const flows = strings(props["allowedOauthFlows"]).map(normalizeToken);
    if (flows.length > 0 && flows.every((f) => f === "clientcredentials")) return [];
    const value = num(props["refreshTokenValidity"]);
    const unit = text(record(props["tokenValidityUnits"])?.["refreshToken"]);
    const minutes = value === undefined ? COGNITO_DEFAULT_REFRESH_MINUTES : toMinutes(value, unit, "days");
    if (minutes === undefined) return [];
    const limits = REFRESH_TOKEN_LIMITS["cognito"]!;
    const fix = `set refreshTokenValidity (tokenValidityUnits.refreshToken) to at most ${showMinutes(maxMinutes)}`;
    const shown = `refreshTokenValidity ${value ?? "(default 30)"} ${unit ?? "days"} = ${showMinutes(minutes)}`;
    if (minutes > maxMinutes) return [{ problem: `${shown}, more than the ${maxMinutes} min allowed`, fix }];
    if (minutes < limits.min) return [{ problem: `${shown}, less than Cognito's minimum of 60 minutes`, fix: "set at least 60 minutes" }];
  }
  return [];
}
