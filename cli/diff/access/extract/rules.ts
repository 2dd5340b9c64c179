import type { Rule } from "../types";

/** The rules several vendors' facts share, so the same fact reads the same on Entra, Okta and Cognito. */
export const KIND: Rule = { kind: "any-change", what: "client kind (service ↔ web: another grant type)" };
export const REDIRECT_URIS: Rule = { kind: "set", widensWhen: "added", gained: "redirect URI added", lost: "redirect URIs removed", uris: true };
export const POST_LOGOUT_URIS: Rule = { kind: "set", widensWhen: "added", gained: "post-logout URI added", lost: "post-logout URIs removed", uris: true };
export const SCOPES_GRANTED: Rule = { kind: "set", widensWhen: "added", gained: "gains a scope", lost: "loses a scope" };
export const GROUPS_ASSIGNED: Rule = { kind: "set", widensWhen: "added", gained: "gains a group", lost: "loses a group" };
export const ROLES_ASSIGNED: Rule = { kind: "set", widensWhen: "added", gained: "gains an app-role assignment (group)", lost: "loses an app-role assignment (group)" };
export const GRANT_TYPES: Rule = { kind: "set", widensWhen: "added", gained: "may use another grant", lost: "may no longer use a grant" };
export const CONSENT: Rule = { kind: "set", widensWhen: "added", gained: "consent granted for", lost: "consent withdrawn for" };
export const SECRET_LIFETIME: Rule = { kind: "number", widensWhen: "higher", unit: " days", what: "client secret lifetime" };
export const REFRESH_LIFETIME: Rule = { kind: "number", widensWhen: "higher", unit: " min", what: "refresh-token lifetime" };
export const ID_TOKEN_LIFETIME: Rule = { kind: "number", widensWhen: "higher", unit: " min", what: "ID-token lifetime" };
export const ACCESS_LIFETIME: Rule = { kind: "number", widensWhen: "higher", unit: " min", what: "access-token lifetime" };
export const PRESENCE_CLIENT: Rule = { kind: "presence", added: "new client or application", removed: "client or application removed" };
