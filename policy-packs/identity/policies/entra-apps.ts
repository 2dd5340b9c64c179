import type { PolicyResource } from "@pulumi/policy";
import { list, record, strings, text, type Props } from "./props";
import { ENTRA_APPLICATION, ENTRA_IDENTIFIER_URI } from "./resource-types";

/**
 * An Entra application that exposes an API (scopes or app roles) rather than only calling one. The token
 * version field alone does not tell: the provider reports `requestedAccessTokenVersion` for every
 * application in its outputs.
 */
export function isEntraApiApp(props: Props): boolean {
  const api = record(props["api"]);
  return list(api?.["oauth2PermissionScopes"]).length > 0 || list(props["appRoles"]).length > 0 || strings(props["identifierUris"]).length > 0;
}

/** `api.requestedAccessTokenVersion`; undefined when unset (Entra then issues v1 tokens). */
export function requestedTokenVersion(props: Props): number | undefined {
  const v = record(props["api"])?.["requestedAccessTokenVersion"];
  return typeof v === "number" ? v : undefined;
}

/** Identifier URIs of an application: on the application itself or on ApplicationIdentifierUri resources. */
export function identifierUrisOf(app: PolicyResource, resources: readonly PolicyResource[]): string[] {
  const own = strings(app.props["identifierUris"]);
  const objectId = text(app.props["objectId"]);
  const separate = resources
    .filter((r) => r.type === ENTRA_IDENTIFIER_URI)
    .filter((r) => {
      const deps = [...(r.propertyDependencies?.["applicationId"] ?? []), ...(r.dependencies ?? [])];
      if (deps.some((d) => d.urn === app.urn)) return true;
      const applicationId = text(r.props["applicationId"]);
      return objectId !== undefined && applicationId !== undefined && applicationId.endsWith(objectId);
    })
    .map((r) => text(r.props["identifierUri"]))
    .filter((u): u is string => Boolean(u));
  return [...own, ...separate];
}

export function entraApiApps(resources: readonly PolicyResource[]): PolicyResource[] {
  return resources.filter((r) => r.type === ENTRA_APPLICATION && isEntraApiApp(r.props));
}
