import type { PlanDocument } from "../../../plan/plan-document";
import type { AccessFact } from "../types";
import { clientNames, clientOf, clientSubject, ofType, record, sorted, strings } from "./resources";
import { GRANT_TYPES, ID_TOKEN_LIFETIME, KIND, POST_LOGOUT_URIS, PRESENCE_CLIENT, REDIRECT_URIS, REFRESH_LIFETIME, SCOPES_GRANTED } from "./rules";

const CLIENT = "aws:cognito/userPoolClient:UserPoolClient";
const MINUTES: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

/** Cognito app clients: kind, callback and logout URLs, OAuth scopes and flows, refresh and ID-token validity. */
export function cognitoFacts(plan: PlanDocument): AccessFact[] {
  const clients = clientNames(plan);
  const out: AccessFact[] = [];
  for (const c of ofType(plan, CLIENT)) {
    const who = clientOf(c.name, clients);
    if (!who) continue;
    const subject = clientSubject(who.client, who.provider);
    const flows = sorted(strings(c.inputs["allowedOauthFlows"]));
    const kind = flows.includes("client_credentials") ? "service" : "web";
    // Scopes carry the resource server's identifier (orders-api/orders.read); the scope name is what routes use.
    const scopes = sorted(strings(c.inputs["allowedOauthScopes"]).map((s) => s.slice(s.indexOf("/") + 1)));
    const units = record(c.inputs["tokenValidityUnits"]);
    const minutes = (field: string, unitKey: string, defaultUnit: string) => {
      const v = c.inputs[field];
      return typeof v === "number" ? Math.round(v * (MINUTES[String(units[unitKey] ?? defaultUnit)] ?? 1)) : undefined;
    };
    out.push(
      { area: "client", subject, aspect: "registration", value: `${kind} client, app client ${c.name}; scopes ${scopes.join(", ") || "(none)"}`, rule: PRESENCE_CLIENT },
      { area: "client", subject, aspect: "kind", value: kind, rule: KIND },
      { area: "client", subject, aspect: "redirect URIs", value: strings(c.inputs["callbackUrls"]), rule: REDIRECT_URIS },
      { area: "client", subject, aspect: "post-logout URIs", value: strings(c.inputs["logoutUrls"]), rule: POST_LOGOUT_URIS },
      { area: "client", subject, aspect: "OAuth scopes", value: scopes, rule: SCOPES_GRANTED },
      { area: "client", subject, aspect: "OAuth flows", value: flows, rule: GRANT_TYPES },
    );
    const refresh = minutes("refreshTokenValidity", "refreshToken", "days");
    const id = minutes("idTokenValidity", "idToken", "hours");
    if (refresh !== undefined) out.push({ area: "client", subject, aspect: "refresh-token lifetime", value: refresh, rule: REFRESH_LIFETIME });
    if (id !== undefined) out.push({ area: "client", subject, aspect: "ID-token lifetime", value: id, rule: ID_TOKEN_LIFETIME });
  }
  return out;
}
