import type { PolicyResource, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { slotLifetimeDays } from "../../../components/idp/entra/secret-rotation";
import { programClock } from "../../../infra/clock";
import { goDurationDays } from "./durations";
import type { IdentityPolicy } from "./identity-policy";
import { readConfig } from "./policy-config";
import { record, text, type Props } from "./props";
import { ENTRA_APPLICATION, ENTRA_PASSWORD } from "./resource-types";
import { quote, violation } from "./violation";

export interface ClientSecretRotationConfig {
  maxDays: number;
  /** Two secrets of one client must end at least this many days apart (the overlap). */
  minOverlapDays: number;
}

export const CLIENT_SECRET_ROTATION_DEFAULTS: ClientSecretRotationConfig = { maxDays: 90, minOverlapDays: 1 };

const DAY_MS = 86_400_000;
/** The program and the policy read the clock at slightly different moments. */
const CLOCK_TOLERANCE_MS = 5 * 60_000;

/**
 * client-secret-rotation: an Entra client secret expires within `maxDays` and rotates (rotateWhenChanged),
 * and every client has two secrets whose end dates are staggered, so a fresh one is always valid while the
 * old one is retired. "Now" is the program's clock (`KIS_NOW` pins both, otherwise the current time).
 *
 * Okta and Cognito client secrets have no expiry in their APIs: rotating them is out of band (see docs/limits.md).
 */
export const clientSecretRotation: IdentityPolicy = {
  name: "client-secret-rotation",
  description:
    "Client secrets expire within 90 days (configurable), rotate automatically, and each client has two staggered secrets so rotation never leaves it without a valid one.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      maxDays: { type: "integer", minimum: 1, maximum: 730, default: 90, description: "longest validity of a client secret, in days" },
      minOverlapDays: {
        type: "integer",
        minimum: 0,
        maximum: 365,
        default: 1,
        description: "the two secrets of a client must end at least this many days apart",
      },
    },
  },
  remediationSteps: "Set identity.secretLifetimeDays to at most the maximum; the stack creates two staggered, rotating secrets per client.",
  validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
    const { maxDays } = readConfig(args, CLIENT_SECRET_ROTATION_DEFAULTS);
    if (args.type === ENTRA_PASSWORD) {
      for (const p of passwordProblems(args.props, maxDays)) report(violation(args, p.problem, p.fix));
    }
    if (args.type === ENTRA_APPLICATION) {
      // An inline password on the application: no rotation key, and a second credential path to audit.
      const inline = record(args.props["password"]);
      if (inline) {
        report(
          violation(
            args,
            "the application carries an inline password, which cannot rotate with overlap",
            "remove password from the application and create azuread.ApplicationPassword resources (the stack makes two staggered ones)",
          ),
        );
      }
    }
  },
  validateStack: (args: StackValidationArgs, report: ReportViolation) => {
    const { minOverlapDays } = readConfig(args, CLIENT_SECRET_ROTATION_DEFAULTS);
    const passwords = args.resources.filter((r) => r.type === ENTRA_PASSWORD);
    const apps = args.resources.filter((r) => r.type === ENTRA_APPLICATION);
    const byApp = new Map<string, PolicyResource[]>();
    for (const p of passwords) {
      const key = ownerOf(p, apps);
      byApp.set(key, [...(byApp.get(key) ?? []), p]);
    }
    for (const [owner, secrets] of byApp) {
      const app = apps.find((a) => a.urn === owner);
      const subject = app ?? secrets[0]!;
      const label = app ? "this client" : `the client of ${quote(owner)}`;
      if (secrets.length < 2) {
        report(
          violation(
            subject,
            `${label} has a single client secret: when it rotates, callers holding it fail until they fetch the new one`,
            "create two ApplicationPasswords with staggered end dates (the stack's EntraRegistration does)",
          ),
          subject.urn,
        );
        continue;
      }
      const ends = secrets.map((s) => Date.parse(text(s.props["endDate"]) ?? "")).filter(Number.isFinite).sort((a, b) => a - b);
      const spread = ends.length >= 2 ? (ends[ends.length - 1]! - ends[0]!) / DAY_MS : 0;
      if (ends.length >= 2 && spread < minOverlapDays) {
        report(
          violation(
            subject,
            `${label}'s ${secrets.length} client secrets all end within ${spread.toFixed(1)} days of each other, so they expire together instead of overlapping`,
            "stagger the end dates (the stack offsets its two secret slots by half of identity.secretLifetimeDays)",
          ),
          subject.urn,
        );
      }
    }
  },
};

/**
 * How long the secret is valid: for the stack's staggered slots, the lifetime they were made with (read
 * back from the rotation key, so the answer does not depend on the day the plan runs); else from startDate
 * (the engine's state has it) or, for a secret about to be created, from now.
 */
function passwordProblems(props: Props, maxDays: number): { problem: string; fix: string }[] {
  const problems: { problem: string; fix: string }[] = [];
  const now = programClock().getTime();
  const endDate = text(props["endDate"]);
  const relative = text(props["endDateRelative"]);
  const fix = `set identity.secretLifetimeDays to at most ${maxDays} (the stack's default is 60)`;
  const slotKey = text(record(props["rotateWhenChanged"])?.["bucket"]);
  const slotDays = slotKey && endDate ? slotLifetimeDays(slotKey, endDate) : undefined;
  const start = Date.parse(text(props["startDate"]) ?? "");
  if (slotDays !== undefined) {
    if (slotDays > maxDays) {
      problems.push({
        problem: `the secret belongs to a rotation slot of ${Math.round(slotDays)} days (rotation key ${quote(slotKey)}, valid until ${endDate}), more than ${maxDays} days`,
        fix,
      });
    }
  } else if (endDate !== undefined) {
    const end = Date.parse(endDate);
    const from = Number.isFinite(start) ? start : now;
    if (!Number.isFinite(end)) {
      problems.push({ problem: `endDate ${quote(endDate)} is not an RFC 3339 date`, fix: "use a date such as 2026-03-01T00:00:00Z" });
    } else if (end - from > maxDays * DAY_MS + CLOCK_TOLERANCE_MS) {
      problems.push({
        problem: `the secret is valid until ${endDate}, ${Math.round((end - from) / DAY_MS)} days ${Number.isFinite(start) ? "after its start" : "from now"}, more than ${maxDays} days`,
        fix,
      });
    }
  } else if (relative !== undefined) {
    const days = goDurationDays(relative);
    if (days === undefined || days > maxDays) {
      problems.push({ problem: `endDateRelative ${quote(relative)} is ${days === undefined ? "not a duration" : `${Math.round(days)} days`}, more than ${maxDays} days`, fix });
    }
  } else {
    problems.push({ problem: "the secret has no endDate, so Entra gives it the provider default of two years", fix: `set endDate at most ${maxDays} days ahead; ${fix}` });
  }
  const rotate = record(props["rotateWhenChanged"]);
  if (!rotate || Object.keys(rotate).length === 0) {
    problems.push({
      problem: "the secret has no rotateWhenChanged key, so it is never replaced before it expires",
      fix: "set rotateWhenChanged to a value that changes each rotation period (the stack uses its time bucket)",
    });
  }
  return problems;
}

/** The application a password belongs to: by dependency (engine and kis plan), else by its applicationId. */
function ownerOf(password: PolicyResource, apps: readonly PolicyResource[]): string {
  const viaDeps = [...(password.propertyDependencies?.["applicationId"] ?? []), ...(password.dependencies ?? [])].find(
    (d) => d.type === ENTRA_APPLICATION,
  );
  if (viaDeps) return viaDeps.urn;
  const applicationId = text(password.props["applicationId"]) ?? "";
  const byObjectId = apps.find((a) => {
    const objectId = text(a.props["objectId"]);
    return objectId !== undefined && applicationId.endsWith(objectId);
  });
  return byObjectId?.urn ?? applicationId;
}
