/**
 * Headers through which Kong tells the upstream who called. The upstream may trust them only because Kong
 * sets them itself (openid-connect) or removes any client-supplied copy (request-transformer) on every route.
 */
export const SUBJECT_HEADER = "x-authenticated-subject";
export const CLIENT_HEADER = "x-authenticated-client";
export const IDENTITY_HEADERS: readonly string[] = [SUBJECT_HEADER, CLIENT_HEADER];

/**
 * Extra upstream headers openid-connect sets when the audit log is on: the audit log reads every identity fact
 * from headers Kong itself set after validating the token, never from the token. Like the two above they match
 * the F5's `x-authenticated-*` strip pattern.
 */
export const ISSUER_HEADER = "x-authenticated-issuer";
export const SCOPE_HEADER = "x-authenticated-scope";
export const GROUPS_HEADER = "x-authenticated-groups";
