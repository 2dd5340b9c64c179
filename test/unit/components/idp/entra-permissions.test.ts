import { describe, expect, it } from "vitest";
import type { ClientConfig, IdentityConfig } from "../../../../infra/config";
import {
  apiAppRoles,
  apiPermissionScopes,
  childNamePrefix,
  clientResourceAccess,
  entraConfigProblems,
  entraPermissionId,
} from "../../../../components/idp/entra";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const identity = (over: Partial<IdentityConfig> = {}): IdentityConfig => ({
  apiName: "orders-api",
  scopes: [
    { name: "orders.read", description: "Read orders" },
    { name: "orders.write", description: "" },
  ],
  accessGroups: [
    { name: "orders-readers", description: "May read orders" },
    { name: "orders-admins", description: "" },
  ],
  clients: [],
  accessTokenLifetimeMinutes: 60,
  refreshTokenLifetimeMinutes: 480,
  leewaySeconds: 60,
  secretLifetimeDays: 60,
  providers: [{ kind: "entra", tenantId: "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f", tokenVersion: 2 }],
  ...over,
});
const client = (over: Partial<ClientConfig>): ClientConfig => ({ name: "c", kind: "service", redirectUris: [], scopes: [], groups: [], ...over });

describe("entraPermissionId", () => {
  it("is a stable, name-based GUID per API, kind and value", () => {
    const id = entraPermissionId("orders-api", "scope", "orders.read");
    expect(id).toMatch(GUID);
    expect(entraPermissionId("orders-api", "scope", "orders.read")).toBe(id);
    expect(entraPermissionId("orders-api", "app-role", "orders.read")).not.toBe(id);
    expect(entraPermissionId("billing-api", "scope", "orders.read")).not.toBe(id);
  });
});

describe("apiPermissionScopes / apiAppRoles", () => {
  it("one admin-consent scope per identity scope, with consent texts from the description", () => {
    const scopes = apiPermissionScopes(identity());
    expect(scopes.map((s) => s.value)).toEqual(["orders.read", "orders.write"]);
    expect(scopes[0]).toEqual({
      id: entraPermissionId("orders-api", "scope", "orders.read"),
      value: "orders.read",
      type: "Admin",
      enabled: true,
      adminConsentDisplayName: "orders.read",
      adminConsentDescription: "Read orders",
      userConsentDisplayName: "orders.read",
      userConsentDescription: "Read orders",
    });
    // Entra wants a description; an empty one gets a generated text.
    expect(scopes[1]!.adminConsentDescription).toBe("orders.write on orders-api");
  });

  it("one app role per access group, for users and applications", () => {
    const roles = apiAppRoles(identity());
    expect(roles).toEqual([
      {
        id: entraPermissionId("orders-api", "app-role", "orders-readers"),
        value: "orders-readers",
        displayName: "orders-readers",
        description: "May read orders",
        allowedMemberTypes: ["User", "Application"],
        enabled: true,
      },
      expect.objectContaining({ value: "orders-admins", description: "Members of orders-admins on orders-api" }),
    ]);
    expect(new Set([...roles.map((r) => r.id), ...apiPermissionScopes(identity()).map((s) => s.id)]).size).toBe(4);
  });
});

describe("clientResourceAccess", () => {
  it("service clients request their groups as application permissions (Role)", () => {
    expect(clientResourceAccess(identity(), client({ kind: "service", groups: ["orders-admins"], scopes: ["orders.read"] }))).toEqual([
      { id: entraPermissionId("orders-api", "app-role", "orders-admins"), type: "Role" },
    ]);
  });

  it("web clients request their scopes as delegated permissions (Scope), not their groups", () => {
    const web = client({ kind: "web", redirectUris: ["https://x.example.com/cb"], scopes: ["orders.read", "orders.write"], groups: ["orders-readers"] });
    expect(clientResourceAccess(identity(), web)).toEqual([
      { id: entraPermissionId("orders-api", "scope", "orders.read"), type: "Scope" },
      { id: entraPermissionId("orders-api", "scope", "orders.write"), type: "Scope" },
    ]);
  });

  it("refuses a permission the API does not declare instead of inventing an id", () => {
    expect(() => clientResourceAccess(identity(), client({ name: "x", groups: ["root"] }))).toThrow('client x: app-role "root" is not declared by API orders-api');
  });
});

describe("entraConfigProblems", () => {
  it("a clean identity block has none", () => {
    expect(entraConfigProblems(identity({ clients: [client({ groups: ["orders-readers"] })] }))).toEqual({ errors: [], warnings: [] });
  });

  it("a scope and an app role with the same value is an error (one namespace in Entra)", () => {
    const { errors } = entraConfigProblems(identity({ accessGroups: [{ name: "orders.read", description: "" }] }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"orders.read" is both a scope and an access group');
  });

  it("scopes on a service client are a warning: app-only tokens carry no scp", () => {
    const { errors, warnings } = entraConfigProblems(identity({ clients: [client({ name: "batch", scopes: ["orders.read"] })] }));
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("batch");
    expect(warnings[0]).toContain("no scp");
  });
});

describe("childNamePrefix", () => {
  it.each([
    { component: "entra", provider: "entra", prefix: "entra" },
    { component: "entra-next", provider: "entra-next", prefix: "entra-next" },
    { component: "orders", provider: "entra", prefix: "orders-entra" },
  ])("$component + $provider -> $prefix", ({ component, provider, prefix }) => {
    expect(childNamePrefix(component, provider)).toBe(prefix);
  });
});
