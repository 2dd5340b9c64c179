/**
 * Headers through which Kong tells the upstream who called. The upstream may trust them only because Kong
 * sets them itself (openid-connect) or removes any client-supplied copy (request-transformer) on every route.
 */
export const SUBJECT_HEADER = "x-authenticated-subject";
export const CLIENT_HEADER = "x-authenticated-client";
export const IDENTITY_HEADERS: readonly string[] = [SUBJECT_HEADER, CLIENT_HEADER];
