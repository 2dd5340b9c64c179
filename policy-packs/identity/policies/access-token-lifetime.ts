import type { ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { showMinutes, timeSpanMinutes, toMinutes } from "./durations";
import type { IdentityPolicy } from "./identity-policy";
import { ACCESS_TOKEN_LIMITS } from "./idp-limits";
import { readConfig } from "./policy-config";
import { list, num, record, text, type Props } from "./props";
import { registrationsIn } from "./registrations";
import { COGNITO_CLIENT, OKTA_POLICY_RULE } from "./resource-types";
import { violation } from "./violation";

export interface AccessTokenLifetimeConfig {
  maxMinutes: number;
}

export const ACCESS_TOKEN_LIFETIME_DEFAULTS: AccessTokenLifetimeConfig = { maxMinutes: 60 };

/** Okta's default when a policy rule sets no lifetime; Cognito's default validity (1 hour). */
const OKTA_DEFAULT_MINUTES = 60;
const COGNITO_DEFAULT_MINUTES = 60;

/**
 * access-token-lifetime: a stolen access token is usable until it expires, so lifetimes are bounded by a
 * configurable maximum (default 60 minutes; a production policy config typically lowers it) and can be no
 * shorter than the IdP accepts. Reads Okta policy rules, Cognito app clients (unit-aware), Microsoft Graph
 * token lifetime policies (any resource whose `definition` holds a TokenLifetimePolicy), and, as a stack
 * check, the lifetime in each Entra registration's contract (@pulumi/azuread has no lifetime resource:
 * the contract is where `identity.accessTokenLifetimeMinutes` shows for Entra).
 */
export const accessTokenLifetime: IdentityPolicy = {
  name: "access-token-lifetime",
  description:
    "Access tokens live at most a configurable maximum (default 60 minutes) and at least the IdP's minimum (Okta policy rules, Cognito clients, Entra lifetime policies and contracts).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      maxMinutes: {
        type: "integer",
        minimum: 5,
        maximum: 1440,
        default: ACCESS_TOKEN_LIFETIME_DEFAULTS.maxMinutes,
        description: "longest access-token lifetime allowed, in minutes",
      },
    },
  },
  remediationSteps: "Set identity.accessTokenLifetimeMinutes within the allowed range (the policy config's maxMinutes per environment).",
  validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
    const { maxMinutes } = readConfig(args, ACCESS_TOKEN_LIFETIME_DEFAULTS);
    for (const found of lifetimesOf(args.type, args.props)) {
      const problem = boundsProblem(found.minutes, found.idp, maxMinutes);
      if (problem) report(violation(args, `${found.field}: ${problem}`, found.fix(maxMinutes)));
    }
  },
  validateStack: (args: StackValidationArgs, report: ReportViolation) => {
    const { maxMinutes } = readConfig(args, ACCESS_TOKEN_LIFETIME_DEFAULTS);
    for (const { resource, contract } of registrationsIn(args.resources)) {
      // Okta and Cognito lifetimes are checked on their own resources above; Entra's only show here.
      if (contract.provider !== "entra") continue;
      const seconds = num(contract.accessTokenLifetimeSeconds);
      if (seconds === undefined) continue;
      const problem = boundsProblem(seconds / 60, "entra", maxMinutes);
      if (problem) {
        report(
          violation(
            resource,
            `the identity contract of ${contract.name} declares an access-token lifetime of ${problem}`,
            `set identity.accessTokenLifetimeMinutes between ${ACCESS_TOKEN_LIMITS["entra"]!.min} and ${maxMinutes}`,
          ),
          resource.urn,
        );
      }
    }
  },
};

interface FoundLifetime {
  readonly field: string;
  readonly minutes: number;
  readonly idp: string;
  readonly fix: (maxMinutes: number) => string;
}

function lifetimesOf(type: string, props: Props): FoundLifetime[] {
  if (type === OKTA_POLICY_RULE) {
    const minutes = num(props["accessTokenLifetimeMinutes"]) ?? OKTA_DEFAULT_MINUTES;
    return [{ field: "accessTokenLifetimeMinutes", minutes, idp: "okta", fix: (max) => `set accessTokenLifetimeMinutes between 5 and ${max}` }];
  }
  if (type === COGNITO_CLIENT) {
    const value = num(props["accessTokenValidity"]);
    const unit = text(record(props["tokenValidityUnits"])?.["accessToken"]);
    const minutes = value === undefined ? COGNITO_DEFAULT_MINUTES : toMinutes(value, unit, "hours");
    if (minutes === undefined) return [];
    return [
      {
        field: `accessTokenValidity ${value ?? "(default)"} ${unit ?? "hours"}`,
        minutes,
        idp: "cognito",
        fix: (max) => `set accessTokenValidity with tokenValidityUnits.accessToken "minutes" between 5 and ${max}`,
      },
    ];
  }
  // Microsoft Graph tokenLifetimePolicy, whatever resource carries it (a dynamic provider, a REST call).
  return list(props["definition"]).flatMap((d) => {
    const lifetime = typeof d === "string" ? graphAccessTokenLifetime(d) : undefined;
    return lifetime === undefined
      ? []
      : [{ field: "TokenLifetimePolicy.AccessTokenLifetime", minutes: lifetime, idp: "entra", fix: (max: number) => `set AccessTokenLifetime between 00:10:00 and ${hhmmss(max)}` }];
  });
}

function graphAccessTokenLifetime(definition: string): number | undefined {
  try {
    const parsed = JSON.parse(definition) as { TokenLifetimePolicy?: { AccessTokenLifetime?: unknown } };
    const value = parsed.TokenLifetimePolicy?.AccessTokenLifetime;
    return typeof value === "string" ? timeSpanMinutes(value) : undefined;
  } catch {
    return undefined;
  }
}

function hhmmss(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return `${String(h).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}:00`;
}

/** Undefined when within bounds; otherwise "<value>, more than ..." for the message. */
export function boundsProblem(minutes: number, idp: string, maxMinutes: number): string | undefined {
  const limits = ACCESS_TOKEN_LIMITS[idp];
  if (minutes > maxMinutes) return `${showMinutes(minutes)}, more than the ${maxMinutes} min allowed`;
  if (limits && minutes < limits.min) return `${showMinutes(minutes)}, less than the IdP accepts (${limits.source})`;
  if (limits && minutes > limits.max) return `${showMinutes(minutes)}, more than the IdP accepts (${limits.source})`;
  return undefined;
}
