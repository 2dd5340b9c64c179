import type { PlanDocument } from "../../../plan/plan-document";
import type { AccessFact } from "../types";
import { clientNames, clientOf, clientSubject, ofType, record, sorted, strings } from "./resources";
import { GRANT_TYPES, GROUPS_ASSIGNED, KIND, POST_LOGOUT_URIS, PRESENCE_CLIENT, REDIRECT_URIS, REFRESH_LIFETIME, SCOPES_GRANTED } from "./rules";

const T = {
  app: "okta:app/oAuth:OAuth",
  groupAssignment: "okta:app/groupAssignment:GroupAssignment",
  rule: "okta:auth/serverPolicyRule:ServerPolicyRule",
  scope: "okta:auth/serverScope:ServerScope",
};

/** Okta OIDC apps and the authorization server's access policies: per client its kind, URIs, groups, scopes. */
export function oktaFacts(plan: PlanDocument): AccessFact[] {
  const clients = clientNames(plan);
  const out: AccessFact[] = [];
  const groups = new Map<string, string[]>();
  for (const a of ofType(plan, T.groupAssignment)) {
    const who = clientOf(a.name, clients, /^-group-/);
    if (who) groups.set(`${who.provider}/${who.client}`, [...(groups.get(`${who.provider}/${who.client}`) ?? []), who.rest.replace(/^-group-/, "")]);
  }
  for (const app of ofType(plan, T.app)) {
    const who = clientOf(app.name, clients);
    if (!who) continue;
    const subject = clientSubject(who.client, who.provider);
    const kind = String(app.inputs["type"] ?? "");
    out.push(
      { area: "client", subject, aspect: "registration", value: `${kind} client, app ${app.name}; grants ${strings(app.inputs["grantTypes"]).join(", ")}`, rule: PRESENCE_CLIENT },
      { area: "client", subject, aspect: "kind", value: kind, rule: KIND },
      { area: "client", subject, aspect: "redirect URIs", value: strings(app.inputs["redirectUris"]), rule: REDIRECT_URIS },
      { area: "client", subject, aspect: "post-logout URIs", value: strings(app.inputs["postLogoutRedirectUris"]), rule: POST_LOGOUT_URIS },
      { area: "client", subject, aspect: "grant types", value: sorted(strings(app.inputs["grantTypes"])), rule: GRANT_TYPES },
      { area: "client", subject, aspect: "group assignments", value: sorted(groups.get(`${who.provider}/${who.client}`) ?? []), rule: GROUPS_ASSIGNED },
    );
    if (typeof app.inputs["pkceRequired"] === "boolean" && kind !== "service") {
      out.push({ area: "client", subject, aspect: "PKCE", value: app.inputs["pkceRequired"], rule: { kind: "flag", widensWhen: false, on: "PKCE now required", off: "PKCE no longer required" } });
    }
  }
  for (const rule of ofType(plan, T.rule)) {
    const who = clientOf(rule.name, clients, /^-rule$/);
    if (!who) continue;
    const subject = clientSubject(who.client, who.provider);
    out.push(
      { area: "client", subject, aspect: "scopes granted (access policy)", value: sorted(strings(rule.inputs["scopeWhitelists"])), rule: SCOPES_GRANTED },
      { area: "client", subject, aspect: "groups allowed (access policy)", value: sorted(strings(rule.inputs["groupWhitelists"])), rule: GROUPS_ASSIGNED },
    );
    if (typeof rule.inputs["refreshTokenLifetimeMinutes"] === "number") out.push({ area: "client", subject, aspect: "refresh-token lifetime", value: rule.inputs["refreshTokenLifetimeMinutes"], rule: REFRESH_LIFETIME });
  }
  for (const scope of ofType(plan, T.scope)) {
    const name = String(scope.inputs["name"] ?? scope.name);
    out.push({ area: "provider", subject: `scope "${name}" (${scope.name.split("-scope-")[0]})`, aspect: "consent", value: String(record(scope.inputs)["consent"] ?? "IMPLICIT"), rule: { kind: "rank", order: ["REQUIRED", "FLEXIBLE", "IMPLICIT"], what: "user consent (IMPLICIT: granted without asking)" } });
  }
  return out;
}
