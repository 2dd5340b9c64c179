import type { RouteSpec } from "../../kong/args";

/**
 * Whether the API's service principal requires an app-role assignment (`appRoleAssignmentRequired`).
 *
 * Required, Entra issues no token for the API to a user or application without an assignment (AADSTS501051),
 * users included: a user of a web client who holds no app role could not get a token even for a route that
 * needs only a scope. So the stack requires assignment only when every protected route requires a role:
 * then everyone Kong would admit holds a role anyway, and the assignment is the earliest refusal. Otherwise any
 * user of the tenant can get a token through a web client (delegated scopes) and Kong's scope and role checks
 * decide; an application of the tenant without a role gets an app-only token with neither scp nor roles,
 * which every route that requires a scope or a role refuses. Pure.
 */
export function entraAssignmentRequired(routes: readonly Pick<RouteSpec, "anonymous" | "roles">[]): boolean {
  const protectedRoutes = routes.filter((r) => !r.anonymous);
  return protectedRoutes.length > 0 && protectedRoutes.every((r) => r.roles.length > 0);
}
