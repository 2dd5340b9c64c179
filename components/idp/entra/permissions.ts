import type { ClientSpec, IdentitySpec } from "../identity-args";
import { stableUuid } from "../../shared";

/**
 * What the API application exposes (delegated scopes and app roles) and what each client asks for.
 * Pure: ids are name-based UUIDs, so the same config yields the same ids on every run and Entra never
 * sees a scope or role "change identity" (which it refuses while the permission is enabled).
 */

export type PermissionKind = "scope" | "app-role";

/** Stable GUID of a delegated scope or app role, derived from the API name and the permission's name. */
export function entraPermissionId(apiName: string, kind: PermissionKind, value: string): string {
  return stableUuid(`kong-identity-stack:entra:${apiName}:${kind}`, value);
}

/** A delegated permission, in the shape of `azuread.Application` `api.oauth2PermissionScopes[]`. */
export interface PermissionScope {
  id: string;
  value: string;
  type: "User" | "Admin";
  enabled: boolean;
  adminConsentDisplayName: string;
  adminConsentDescription: string;
  userConsentDisplayName: string;
  userConsentDescription: string;
}

/** An app role, in the shape of `azuread.Application` `appRoles[]`. */
export interface AppRole {
  id: string;
  value: string;
  displayName: string;
  description: string;
  allowedMemberTypes: ("User" | "Application")[];
  enabled: boolean;
}

export function apiPermissionScopes(identity: IdentitySpec): PermissionScope[] {
  return identity.scopes.map(({ name, description }) => {
    const text = description || `${name} on ${identity.apiName}`;
    return {
      id: entraPermissionId(identity.apiName, "scope", name),
      value: name,
      // "Admin": users cannot consent for themselves. The stack grants the declared web clients admin
      // consent itself (ServicePrincipalDelegatedPermissionGrant), so no client gets a scope it was not given.
      type: "Admin",
      enabled: true,
      adminConsentDisplayName: name,
      adminConsentDescription: text,
      userConsentDisplayName: name,
      userConsentDescription: text,
    };
  });
}

export function apiAppRoles(identity: IdentitySpec): AppRole[] {
  return identity.accessGroups.map(({ name, description }) => ({
    id: entraPermissionId(identity.apiName, "app-role", name),
    value: name,
    displayName: name,
    // Entra requires a description; the group's own text when it has one.
    description: description || `Members of ${name} on ${identity.apiName}`,
    // Users and groups are assigned by admins; applications get the role as an application permission.
    allowedMemberTypes: ["User", "Application"],
    enabled: true,
  }));
}

export interface ResourceAccess {
  readonly id: string;
  /** "Scope": delegated permission (web clients). "Role": application permission (service clients). */
  readonly type: "Scope" | "Role";
}

/**
 * The permissions a client requests from the API. Service clients use client credentials: app-only tokens
 * carry app roles in `roles` and never `scp`, so they request roles. Web clients act for a user and request
 * delegated scopes; the roles their users hold come from user/group assignments made by admins.
 */
export function clientResourceAccess(identity: IdentitySpec, client: ClientSpec): ResourceAccess[] {
  const declared = (kind: PermissionKind, names: readonly string[], known: readonly { name: string }[]) =>
    names.map((n) => {
      if (!known.some((k) => k.name === n)) {
        throw new Error(`client ${client.name}: ${kind} "${n}" is not declared by API ${identity.apiName}`);
      }
      return entraPermissionId(identity.apiName, kind, n);
    });
  return client.kind === "service"
    ? declared("app-role", client.groups, identity.accessGroups).map((id) => ({ id, type: "Role" as const }))
    : declared("scope", client.scopes, identity.scopes).map((id) => ({ id, type: "Scope" as const }));
}

/**
 * Entra-specific limits the provider-neutral config schema cannot know.
 * `errors` make the registration impossible; `warnings` are settings Entra cannot honour.
 */
export function entraConfigProblems(identity: IdentitySpec): { errors: string[]; warnings: string[] } {
  const roles = new Set(identity.accessGroups.map((g) => g.name));
  const errors = identity.scopes
    .filter((s) => roles.has(s.name))
    .map(
      (s) =>
        `identity: "${s.name}" is both a scope and an access group; Entra keeps scope and app-role values in one namespace, so rename one`,
    );
  const warnings = identity.clients
    .filter((c) => c.kind === "service" && c.scopes.length > 0)
    .map(
      (c) =>
        `identity.clients ${c.name}: a service client's scopes are not granted by Entra (app-only tokens carry no scp); routes that require scopes will reject it, use groups (app roles) instead`,
    );
  return { errors, warnings };
}

/** Microsoft Graph's application id (the same in every tenant). */
export const MICROSOFT_GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

/**
 * The OpenID Connect scopes are delegated permissions of Microsoft Graph, with fixed ids in every tenant
 * (Microsoft Graph permissions reference). Where user consent is restricted, a sign-in asking for a scope that is
 * neither declared nor granted stops at "admin approval required".
 */
export const GRAPH_OIDC_PERMISSION_IDS: Readonly<Record<string, string>> = {
  openid: "37f7f235-527c-4136-accd-4a02d197296e",
  profile: "14dad69e-099b-42c9-810b-d002981feec1",
  email: "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0",
  offline_access: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
};

/** The Graph delegated permissions a sign-in client declares for the OIDC scopes it requests. Pure. */
export function graphSignInAccess(oidcScopes: readonly string[]): ResourceAccess[] {
  return [...new Set(oidcScopes)].map((scope) => {
    const id = GRAPH_OIDC_PERMISSION_IDS[scope];
    if (!id) throw new Error(`sign-in scope "${scope}" is not a Microsoft Graph OpenID Connect permission (openid, profile, email, offline_access)`);
    return { id, type: "Scope" as const };
  });
}
