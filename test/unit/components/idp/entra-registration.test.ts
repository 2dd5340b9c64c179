import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type * as EntraModule from "../../../../components/idp/entra";
import { type EntraProviderConfig, type IdentityConfig } from "../../../../infra/config";
import { exampleStackConfig } from "../../../support/example-stacks";
import { outputValue, startRecordingMocks, type Registration } from "../../../support/pulumi-mocks";

// ---------------------------------------------------------------- mocks (before the component is imported)
/** Per resource name: a client id the mock returns instead of the filler's. */
const clientIdOverrides = new Map<string, string>();

const { registrations, ready: mocksReady } = startRecordingMocks({
  stack: "unit",
  override: (_type, name) => {
    const clientId = clientIdOverrides.get(name);
    return clientId ? { clientId } : undefined;
  },
});

let entra: typeof EntraModule;
beforeAll(async () => {
  await mocksReady;
  entra = await import("../../../../components/idp/entra");
});

// ---------------------------------------------------------------- helpers
const T = {
  app: "azuread:index/application:Application",
  sp: "azuread:index/servicePrincipal:ServicePrincipal",
  uri: "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri",
  password: "azuread:index/applicationPassword:ApplicationPassword",
  assignment: "azuread:index/appRoleAssignment:AppRoleAssignment",
  grant: "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
};
const DAY = 86_400_000;
const NOW = new Date("2025-03-10T12:00:00Z");

const devConfig = () => exampleStackConfig("dev");

interface Built {
  reg: InstanceType<typeof EntraModule.EntraRegistration>;
  /** Prefix of the children's names, e.g. `t3-entra-`. */
  prefix: string;
  identity: IdentityConfig;
  provider: EntraProviderConfig;
  /** Registrations of this component's children. */
  of(type: string): Registration[];
  one(type: string, name: string): Registration;
}

let counter = 0;
/** Builds a registration under a fresh component name and waits until every child is registered. */
async function build(edit: (cfg: { identity: IdentityConfig; provider: EntraProviderConfig }) => void = () => {}, name?: string): Promise<Built> {
  const cfg = devConfig();
  const parts = { identity: structuredClone(cfg.identity) as IdentityConfig, provider: structuredClone(cfg.identity.providers[0]!) as EntraProviderConfig };
  edit(parts);
  const componentName = name ?? `t${++counter}`;
  const reg = new entra.EntraRegistration(componentName, { ...parts, environment: "dev", now: NOW });
  const leaves: pulumi.Output<unknown>[] = Object.values(reg.clients).flatMap((c) => [
    c.servicePrincipal.id,
    ...c.appRoleAssignments.map((a) => a.id),
    ...(c.delegatedGrant ? [c.delegatedGrant.id] : []),
  ]);
  const all: pulumi.Output<unknown>[] = [reg.contract, reg.clientSecrets, reg.api.servicePrincipal.id, ...leaves];
  await outputValue(pulumi.all(all));
  const prefix = `${entra.childNamePrefix(componentName, entra.entraProviderName(parts.provider))}-`;
  const mine = () => registrations.filter((r) => r.name.startsWith(prefix));
  return {
    reg,
    prefix,
    ...parts,
    of: (type) => mine().filter((r) => r.type === type),
    one: (type, suffix) => {
      const found = mine().filter((r) => r.type === type && r.name === `${prefix}${suffix}`);
      expect(found, `${type} ${prefix}${suffix}`).toHaveLength(1);
      return found[0]!;
    },
  };
}

// ---------------------------------------------------------------- tests
describe("EntraRegistration: API application", () => {
  it("requests v2 access tokens by default, for this tenant only, with the configured display name", async () => {
    const b = await build();
    const api = b.one(T.app, "api").inputs;
    expect(api["api"].requestedAccessTokenVersion).toBe(2);
    expect(api["signInAudience"]).toBe("AzureADMyOrg");
    expect(api["displayName"]).toBe("Orders API (dev)");
  });

  it("without displayName the API is named <apiName>-<environment>; tokenVersion 1 is passed through", async () => {
    const b = await build(({ identity, provider }) => {
      delete (identity as { displayName?: string }).displayName;
      (provider as { tokenVersion: 1 | 2 }).tokenVersion = 1;
    });
    const api = b.one(T.app, "api").inputs;
    expect(api["displayName"]).toBe("orders-api-dev");
    expect(api["api"].requestedAccessTokenVersion).toBe(1);
  });

  it("exposes one delegated scope per identity scope, with ids that stay the same between runs", async () => {
    const first = (await build()).one(T.app, "api").inputs["api"].oauth2PermissionScopes;
    const second = (await build()).one(T.app, "api").inputs["api"].oauth2PermissionScopes;
    expect(first.map((s: any) => s.value)).toEqual(["orders.read", "orders.write"]);
    expect(first.map((s: any) => s.id)).toEqual(second.map((s: any) => s.id));
    expect(first.map((s: any) => s.id)).toEqual([
      entra.entraPermissionId("orders-api", "scope", "orders.read"),
      entra.entraPermissionId("orders-api", "scope", "orders.write"),
    ]);
    for (const s of first) expect(s).toMatchObject({ enabled: true, type: "Admin", adminConsentDescription: expect.any(String) });
    expect(first[1].adminConsentDescription).toBe("Create and change orders");
  });

  it("exposes one app role per access group, for users and applications", async () => {
    const roles = (await build()).one(T.app, "api").inputs["appRoles"];
    expect(roles.map((r: any) => [r.value, r.id, r.allowedMemberTypes])).toEqual([
      ["orders-readers", entra.entraPermissionId("orders-api", "app-role", "orders-readers"), ["User", "Application"]],
      ["orders-admins", entra.entraPermissionId("orders-api", "app-role", "orders-admins"), ["User", "Application"]],
    ]);
  });

  it("sets the identifier URI through its own resource, from the application's client id output", async () => {
    const b = await build();
    const api = b.one(T.app, "api");
    const uri = b.one(T.uri, "api-uri").inputs;
    expect(api.inputs["identifierUris"]).toBeUndefined();
    expect(uri["applicationId"]).toBe(api.id);
    expect(uri["identifierUri"]).toBe(`api://${api.state["clientId"]}`);
    expect(await outputValue(b.reg.identifierUri)).toBe(`api://${api.state["clientId"]}`);
    expect(await outputValue(b.reg.apiClientId)).toBe(api.state["clientId"]);
  });

  it("requires app-role assignment on the API's service principal", async () => {
    const b = await build();
    const sp = b.one(T.sp, "api-sp").inputs;
    expect(sp).toMatchObject({ clientId: b.one(T.app, "api").state["clientId"], appRoleAssignmentRequired: true });
  });
});

describe("EntraRegistration: contract", () => {
  it("issuer and audience derive from the tenant and the API application's client id output", async () => {
    const b = await build();
    const contract = await outputValue(b.reg.contract);
    const apiClientId = b.one(T.app, "api").state["clientId"];
    expect(contract.issuer).toBe(`https://login.microsoftonline.com/${b.provider.tenantId}/v2.0`);
    expect(contract.audience).toEqual({ claim: "aud", values: [apiClientId] });
    expect(contract.clients).toEqual({
      claim: "azp",
      values: ["billing-service", "ops-automation", "orders-portal"].map((c) => b.one(T.app, c).state["clientId"]),
    });
    expect(contract).toMatchObject({
      name: "entra",
      scopeNames: ["orders.read", "orders.write"],
      accessGroups: ["orders-readers", "orders-admins"],
      leewaySeconds: 60,
      accessTokenLifetimeSeconds: 3600,
    });
  });

  it("follows the client id the provider returns (no re-typed ids)", async () => {
    const name = "override";
    const apiClientId = "12345678-aaaa-4bbb-8ccc-1234567890ab";
    const portalClientId = "87654321-dddd-4eee-8fff-ba0987654321";
    clientIdOverrides.set(`${name}-entra-api`, apiClientId);
    clientIdOverrides.set(`${name}-entra-orders-portal`, portalClientId);
    const b = await build(undefined, name);
    const contract = await outputValue(b.reg.contract);
    expect(contract.audience?.values).toEqual([apiClientId]);
    expect(contract.clients.values).toContain(portalClientId);
    expect(b.one(T.uri, "api-uri").inputs["identifierUri"]).toBe(`api://${apiClientId}`);
    expect((await outputValue(b.reg.clientIds))["orders-portal"]).toBe(portalClientId);
  });

  it("assigns a Graph token-lifetime policy to the API application; the contract's lifetime is that resource's output", async () => {
    const b = await build(({ identity }) => (identity.accessTokenLifetimeMinutes = 45));
    const policy = b.one("pulumi-nodejs:dynamic/entra:TokenLifetimePolicy", "api-token-lifetime");
    expect(policy.inputs).toMatchObject({
      tenantId: b.provider.tenantId,
      applicationObjectId: b.one(T.app, "api").state["objectId"],
      accessTokenLifetimeMinutes: 45,
      displayName: "kis-orders-api-dev-access-token-lifetime",
      graphBaseUrl: "https://graph.microsoft.com",
      loginBaseUrl: "https://login.microsoftonline.com",
    });
    expect(policy.state["policyId"]).toMatch(/^[0-9a-f-]{36}$/);
    expect((await outputValue(b.reg.contract)).accessTokenLifetimeSeconds).toBe(45 * 60);
  });

  it("a v1 API gets the sts.windows.net issuer and both audience forms", async () => {
    const b = await build(({ provider }) => ((provider as { tokenVersion: 1 | 2 }).tokenVersion = 1));
    const contract = await outputValue(b.reg.contract);
    const apiClientId = b.one(T.app, "api").state["clientId"];
    expect(contract.issuer).toBe(`https://sts.windows.net/${b.provider.tenantId}/`);
    expect(contract.audience?.values).toEqual([apiClientId, `api://${apiClientId}`]);
    expect(contract.clients.claim).toBe("appid");
  });

  it("two providers (a cut-over) coexist: the provider name is in every child name", async () => {
    const edit = (name: string, tenantId: string) => ({ provider }: { provider: EntraProviderConfig }) =>
      Object.assign(provider, { name, tenantId });
    const old = await build(edit("entra-old", "11111111-2222-4333-8444-555555555555"), "entra-old");
    const next = await build(edit("entra-next", "66666666-7777-4888-9999-000000000000"), "entra-next");
    const names = (b: Built) => Object.values(T).flatMap((t) => b.of(t).map((r) => `${r.type}/${r.name}`));
    expect(names(old).length).toBeGreaterThan(10);
    expect(names(old).every((n) => n.includes("/entra-old-"))).toBe(true);
    expect(names(next).every((n) => n.includes("/entra-next-"))).toBe(true);
    expect(names(old).filter((n) => names(next).includes(n))).toEqual([]);
    const [a, c] = await Promise.all([outputValue(old.reg.contract), outputValue(next.reg.contract)]);
    expect([a.name, c.name]).toEqual(["entra-old", "entra-next"]);
    expect(a.issuer).not.toBe(c.issuer);
  });
});

describe("EntraRegistration: clients", () => {
  it("one application and one service principal per client", async () => {
    const b = await build();
    for (const c of ["billing-service", "ops-automation", "orders-portal"]) {
      expect(b.one(T.app, c).inputs["displayName"]).toBe(`orders-api-${c}-dev`);
      expect(b.one(T.sp, `${c}-sp`).inputs["clientId"]).toBe(b.one(T.app, c).state["clientId"]);
    }
    expect(Object.keys(await outputValue(b.reg.clientIds))).toEqual(["billing-service", "ops-automation", "orders-portal"]);
  });

  it("web clients: redirect URIs, no implicit grant, delegated scopes on the API, admin consent for them", async () => {
    const b = await build();
    const portal = b.one(T.app, "orders-portal").inputs;
    const apiClientId = b.one(T.app, "api").state["clientId"];
    expect(portal["web"]).toEqual({
      redirectUris: ["https://portal.dev.example.com/auth/callback", "http://localhost:3000/auth/callback"],
      implicitGrant: { accessTokenIssuanceEnabled: false, idTokenIssuanceEnabled: false },
    });
    expect(portal["requiredResourceAccesses"]).toEqual([
      {
        resourceAppId: apiClientId,
        resourceAccesses: [
          { id: entra.entraPermissionId("orders-api", "scope", "orders.read"), type: "Scope" },
          { id: entra.entraPermissionId("orders-api", "scope", "orders.write"), type: "Scope" },
        ],
      },
    ]);
    const grants = b.of(T.grant);
    expect(grants).toHaveLength(1);
    expect(grants[0]!.inputs).toEqual({
      servicePrincipalObjectId: b.one(T.sp, "orders-portal-sp").state["objectId"],
      resourceServicePrincipalObjectId: b.one(T.sp, "api-sp").state["objectId"],
      claimValues: ["orders.read", "orders.write"],
    });
  });

  it("service clients: application permissions (Role) and one app-role assignment per group; web clients none", async () => {
    const b = await build(({ identity }) => {
      // A web client with a group: its users are assigned by admins, so still no assignment for it.
      identity.clients[2]!.groups.push("orders-readers");
    });
    const billing = b.one(T.app, "billing-service").inputs;
    expect(billing["web"]).toBeUndefined();
    expect(billing["requiredResourceAccesses"]).toEqual([
      {
        resourceAppId: b.one(T.app, "api").state["clientId"],
        resourceAccesses: [{ id: entra.entraPermissionId("orders-api", "app-role", "orders-readers"), type: "Role" }],
      },
    ]);
    const assignments = b.of(T.assignment);
    expect(assignments.map((a) => a.name).sort()).toEqual([
      `${b.prefix}billing-service-role-orders-readers`,
      `${b.prefix}ops-automation-role-orders-admins`,
    ]);
    const apiSp = b.one(T.sp, "api-sp").state["objectId"];
    expect(b.one(T.assignment, "billing-service-role-orders-readers").inputs).toEqual({
      appRoleId: entra.entraPermissionId("orders-api", "app-role", "orders-readers"),
      principalObjectId: b.one(T.sp, "billing-service-sp").state["objectId"],
      resourceObjectId: apiSp,
    });
    expect(b.one(T.assignment, "ops-automation-role-orders-admins").inputs).toMatchObject({
      appRoleId: entra.entraPermissionId("orders-api", "app-role", "orders-admins"),
      principalObjectId: b.one(T.sp, "ops-automation-sp").state["objectId"],
    });
    expect(assignments.some((a) => a.name.includes("orders-portal"))).toBe(false);
  });
});

describe("EntraRegistration: client secrets", () => {
  it("two passwords per client, staggered end dates at most secretLifetimeDays out, rotation buckets", async () => {
    const b = await build();
    const slots = entra.secretRotationSlots(NOW, 60);
    for (const c of ["billing-service", "ops-automation", "orders-portal"]) {
      const app = b.one(T.app, c);
      const pw = [b.one(T.password, `${c}-secret-0`).inputs, b.one(T.password, `${c}-secret-1`).inputs];
      const ends = pw.map((p) => Date.parse(p["endDate"]));
      for (const e of ends) {
        expect(e).toBeGreaterThan(NOW.getTime());
        expect(e - NOW.getTime()).toBeLessThanOrEqual(60 * DAY);
      }
      expect(ends[0]).not.toBe(ends[1]);
      expect(pw.map((p) => p["applicationId"])).toEqual([app.id, app.id]);
      expect(pw.map((p) => p["rotateWhenChanged"])).toEqual([{ bucket: "0-335" }, { bucket: "1-335" }]);
      expect(pw.map((p) => p["endDate"])).toEqual(slots.map((s) => s.endDate));
    }
    expect(b.of(T.password)).toHaveLength(6);
  });

  it("the secret lifetime comes from the identity config", async () => {
    const b = await build(({ identity }) => (identity.secretLifetimeDays = 7));
    for (const r of b.of(T.password)) {
      expect(Date.parse(r.inputs["endDate"]) - NOW.getTime()).toBeLessThanOrEqual(7 * DAY);
    }
  });

  it("clientSecrets is a secret output holding each client's newest secret", async () => {
    const b = await build();
    expect(await pulumi.isSecret(b.reg.clientSecrets)).toBe(true);
    const secrets = await outputValue(b.reg.clientSecrets);
    // On 2025-03-10 slot 1 (ends 2025-04-12) is newer than slot 0 (ends 2025-03-13).
    expect(secrets).toEqual({
      "billing-service": b.one(T.password, "billing-service-secret-1").state["value"],
      "ops-automation": b.one(T.password, "ops-automation-secret-1").state["value"],
      "orders-portal": b.one(T.password, "orders-portal-secret-1").state["value"],
    });
  });
});

describe("EntraRegistration: Entra-specific config problems", () => {
  it("a scope and an access group with the same value are refused before anything is created", async () => {
    const cfg = devConfig();
    const identity = { ...cfg.identity, accessGroups: [...cfg.identity.accessGroups, { name: "orders.read", description: "" }] };
    expect(
      () => new entra.EntraRegistration("clash", { provider: cfg.identity.providers[0]! as EntraProviderConfig, identity, environment: "dev", now: NOW }),
    ).toThrow(/"orders.read" is both a scope and an access group/);
    expect(registrations.some((r) => r.name.startsWith("clash-"))).toBe(false);
  });

  it("scopes on a service client are logged as a warning, and nothing is granted for them", async () => {
    const warn = vi.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const b = await build(({ identity }) => identity.clients[0]!.scopes.push("orders.read"));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("billing-service"), expect.anything());
      expect(b.one(T.app, "billing-service").inputs["requiredResourceAccesses"][0].resourceAccesses).toEqual([
        { id: entra.entraPermissionId("orders-api", "app-role", "orders-readers"), type: "Role" },
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});
