import { IDENTITY_HEADERS } from "./identity-headers";
import type { KongPlugin } from "./types";

/**
 * Removes client-supplied identity headers on routes where Kong does not set them itself (anonymous routes,
 * and every route with the OSS jwt plugin). Not used next to openid-connect: request-transformer runs after
 * it and would remove the headers openid-connect has just set.
 */
export function stripIdentityHeadersPlugin(tags: readonly string[]): KongPlugin {
  return { name: "request-transformer", config: { remove: { headers: [...IDENTITY_HEADERS] } }, tags };
}
