import type { KongPlugin } from "./types";

/**
 * Any one of `roles` admits the caller. The groups come from the token (openid-connect
 * `authenticated_groups_claim`), so the IdP stays the only place where membership is managed.
 */
export function aclPlugin(roles: readonly string[], tags: readonly string[]): KongPlugin {
  return { name: "acl", config: { allow: [...roles], hide_groups_header: true }, tags };
}
