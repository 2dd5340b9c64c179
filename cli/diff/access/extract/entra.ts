import type { PlanDocument } from "../../../plan/plan-document";
import type { AccessFact } from "../types";
import { clientNames, clientOf, clientSubject, ofType, record, sorted, strings } from "./resources";
import { CONSENT, GRANT_TYPES, KIND, PRESENCE_CLIENT, REDIRECT_URIS, ROLES_ASSIGNED, SCOPES_GRANTED, SECRET_LIFETIME } from "./rules";

const T = {
  application: "azuread:index/application:Application",
  assignment: "azuread:index/appRoleAssignment:AppRoleAssignment",
  password: "azuread:index/applicationPassword:ApplicationPassword",
  consent: "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
  servicePrincipal: "azuread:index/servicePrincipal:ServicePrincipal",
};
const DAY_MS = 86_400_000;

/** Entra ID app registrations: per client its kind, redirect URIs, scopes and app roles, consent, secret lifetime. */
export function entraFacts(plan: PlanDocument): AccessFact[] {
  const clients = clientNames(plan);
  const apps = ofType(plan, T.application);
  // The API application defines the scope and app-role ids the clients' requests and assignments refer to.
  const scopeById = new Map<string, string>();
  const roleById = new Map<string, string>();
  for (const app of apps) {
    for (const s of (record(app.inputs["api"])["oauth2PermissionScopes"] ?? []) as { id?: string; value?: string }[]) if (s.id) scopeById.set(s.id, String(s.value));
    for (const r of (app.inputs["appRoles"] ?? []) as { id?: string; value?: string }[]) if (r.id) roleById.set(r.id, String(r.value));
  }
  const out: AccessFact[] = [];
  for (const app of apps) {
    const who = clientOf(app.name, clients);
    if (!who) continue;
    const subject = clientSubject(who.client, who.provider);
    const web = record(app.inputs["web"]);
    const kind = app.inputs["web"] !== undefined ? "web" : "service";
    const requested = ((app.inputs["requiredResourceAccesses"] ?? []) as { resourceAccesses?: { id: string; type: string }[] }[]).flatMap((r) => r.resourceAccesses ?? []);
    const scopes = sorted(requested.filter((a) => a.type === "Scope").map((a) => scopeById.get(a.id) ?? a.id));
    const implicit = record(web["implicitGrant"]);
    const grants = [...(implicit["accessTokenIssuanceEnabled"] ? ["implicit (access token)"] : []), ...(implicit["idTokenIssuanceEnabled"] ? ["implicit (id token)"] : [])];
    out.push(
      { area: "client", subject, aspect: "registration", value: `${kind} client, application ${app.name}${scopes.length ? `; scopes ${scopes.join(", ")}` : ""}`, rule: PRESENCE_CLIENT },
      { area: "client", subject, aspect: "kind", value: kind, rule: KIND },
      { area: "client", subject, aspect: "redirect URIs", value: strings(web["redirectUris"]), rule: REDIRECT_URIS },
      { area: "client", subject, aspect: "scopes requested", value: scopes, rule: SCOPES_GRANTED },
      { area: "client", subject, aspect: "implicit grant", value: grants, rule: GRANT_TYPES },
    );
  }
  const assigned = new Map<string, { provider: string; roles: string[] }>();
  for (const a of ofType(plan, T.assignment)) {
    const who = clientOf(a.name, clients, /^-role-/);
    if (!who) continue;
    const role = roleById.get(String(a.inputs["appRoleId"])) ?? who.rest.replace(/^-role-/, "");
    const entry = assigned.get(who.client) ?? { provider: who.provider, roles: [] };
    entry.roles.push(role);
    assigned.set(who.client, entry);
  }
  for (const app of apps) {
    const who = clientOf(app.name, clients);
    if (!who) continue;
    out.push({ area: "client", subject: clientSubject(who.client, who.provider), aspect: "app-role assignments", value: sorted(assigned.get(who.client)?.roles ?? []), rule: ROLES_ASSIGNED });
  }
  for (const grant of ofType(plan, T.consent)) {
    const who = clientOf(grant.name, clients, /^-consent/);
    if (who) out.push({ area: "client", subject: clientSubject(who.client, who.provider), aspect: "admin consent", value: sorted(strings(grant.inputs["claimValues"])), rule: CONSENT });
  }
  const lifetimes = new Map<string, { provider: string; days: number }>();
  for (const password of ofType(plan, T.password)) {
    const who = clientOf(password.name, clients, /^-secret-/);
    const days = secretLifetimeDays(password.inputs);
    if (!who || days === undefined) continue;
    const longest = Math.max(days, lifetimes.get(who.client)?.days ?? 0);
    lifetimes.set(who.client, { provider: who.provider, days: longest });
  }
  for (const [client, { provider, days }] of lifetimes) out.push({ area: "client", subject: clientSubject(client, provider), aspect: "client secret lifetime", value: days, rule: SECRET_LIFETIME });
  for (const sp of ofType(plan, T.servicePrincipal)) {
    if (sp.inputs["appRoleAssignmentRequired"] === undefined) continue;
    out.push({
      area: "provider",
      subject: `API service principal "${sp.name}"`,
      aspect: "assignment required",
      value: sp.inputs["appRoleAssignmentRequired"] === true,
      rule: { kind: "flag", widensWhen: false, on: "only assigned callers may get tokens", off: "any caller in the tenant may get a token (no app-role assignment required)" },
    });
  }
  for (const app of apps) {
    if (clientOf(app.name, clients) || app.inputs["signInAudience"] === undefined) continue;
    out.push({ area: "provider", subject: `API application "${app.name}"`, aspect: "sign-in audience", value: String(app.inputs["signInAudience"]), rule: { kind: "rank", order: ["AzureADMyOrg", "AzureADMultipleOrgs", "AzureADandPersonalMicrosoftAccount", "PersonalMicrosoftAccount"], what: "sign-in audience" } });
  }
  return out;
}

/**
 * A secret's lifetime from its rotation slot (components/idp/entra/secret-rotation.ts): slot k of bucket b ends
 * at (b + 1 + k/2) × L days after the epoch.
 */
function secretLifetimeDays(inputs: Record<string, unknown>): number | undefined {
  const end = Date.parse(String(inputs["endDate"]));
  const m = /^(\d)-(\d+)$/.exec(String(record(inputs["rotateWhenChanged"])["bucket"] ?? ""));
  if (!Number.isFinite(end) || !m) return undefined;
  return Math.round(end / DAY_MS / (Number(m[2]) + 1 + Number(m[1]) / 2));
}
