import type * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { deriveEntraContract, type IdentityContract } from "../../contract";
import { entraProviderSpec, type EntraRegistrationArgs } from "./args";
import { identityProblems, identitySpec } from "../identity-args";
import { apiDisplayName, childNamePrefix, clientDisplayName, entraProviderName } from "./names";
import { MICROSOFT_GRAPH_APP_ID, apiAppRoles, apiPermissionScopes, clientResourceAccess, entraConfigProblems, entraPermissionId, graphSignInAccess } from "./permissions";
import { newestSecretSlot, secretRotationSlots } from "./secret-rotation";
import { TokenLifetimePolicy } from "./token-lifetime-policy";
import { withSignInRedirects } from "../../sign-in";

export const ENTRA_REGISTRATION_TYPE = "kong-identity-stack:idp:EntraRegistration";

export interface EntraApiResources {
  readonly application: azuread.Application;
  readonly identifierUri: azuread.ApplicationIdentifierUri;
  readonly servicePrincipal: azuread.ServicePrincipal;
  /** The Graph tokenLifetimePolicy assigned to the API application: what makes the configured lifetime real. */
  readonly tokenLifetimePolicy: TokenLifetimePolicy;
}

export interface EntraClientResources {
  readonly application: azuread.Application;
  readonly servicePrincipal: azuread.ServicePrincipal;
  /** Two staggered secrets (slots 0 and 1), see `secretRotationSlots`. */
  readonly passwords: readonly [azuread.ApplicationPassword, azuread.ApplicationPassword];
  /** Service clients: one per access group (admin consent for the application permission). */
  readonly appRoleAssignments: readonly azuread.AppRoleAssignment[];
  /** Web clients with scopes: admin consent for the delegated scopes. */
  readonly delegatedGrant?: azuread.ServicePrincipalDelegatedPermissionGrant;
  /** Web clients that sign users in: admin consent for the Graph OIDC scopes (openid, offline_access...). */
  readonly graphGrant?: azuread.ServicePrincipalDelegatedPermissionGrant;
}

/**
 * One API exposed through Microsoft Entra ID: the API application (scopes, app roles, identifier URI,
 * service principal) and one application per client, and the identity contract derived from their outputs.
 *
 * Token lifetime: @pulumi/azuread has no token-lifetime resource, so a dynamic resource creates a Microsoft Graph
 * tokenLifetimePolicy and assigns it to the API application (see token-lifetime-policy/); without it Entra issues
 * its default (60-90 min). The contract's lifetime is that resource's output.
 */
export class EntraRegistration extends pulumi.ComponentResource {
  // `declare`: vitest's transform would otherwise re-initialise these fields after the constructor's super().
  declare readonly contract: pulumi.Output<IdentityContract>;
  declare readonly apiClientId: pulumi.Output<string>;
  declare readonly identifierUri: pulumi.Output<string>;
  /** Client id per client name (from `identity.clients`). */
  declare readonly clientIds: pulumi.Output<Record<string, string>>;
  /** Newest secret per client name (a secret output). */
  declare readonly clientSecrets: pulumi.Output<Record<string, string>>;
  declare readonly api: EntraApiResources;
  declare readonly clients: Readonly<Record<string, EntraClientResources>>;

  constructor(name: string, args: EntraRegistrationArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ENTRA_REGISTRATION_TYPE, name, {}, opts);
    // Loaded here, not at the top: a stack that uses another IdP never loads this SDK (about 10% of a plan).
    const azuread = require("@pulumi/azuread") as typeof import("@pulumi/azuread");
    // Defaults are applied here, not by a caller: a program of its own passes only what it needs.
    const provider = entraProviderSpec(args.provider);
    const identity = identitySpec(args.identity);
    const { environment } = args;
    const argProblems = identityProblems(identity);
    if (argProblems.length > 0) throw new pulumi.ResourceError(argProblems.join("\n"), this);
    const problems = entraConfigProblems(identity);
    if (problems.errors.length > 0) throw new pulumi.ResourceError(problems.errors.join("\n"), this);
    problems.warnings.forEach((w) => pulumi.log.warn(w, this));

    const providerName = entraProviderName(provider);
    const prefix = childNamePrefix(name, providerName);
    const tokenVersion = provider.tokenVersion ?? 2;
    const parent = { parent: this };

    // ---------------------------------------------------------------- API
    const apiApp = new azuread.Application(
      `${prefix}-api`,
      {
        displayName: apiDisplayName(identity, environment),
        signInAudience: "AzureADMyOrg",
        api: {
          // Decides iss/aud/ver of every access token for this API (v1 otherwise): see deriveEntraContract.
          requestedAccessTokenVersion: tokenVersion,
          oauth2PermissionScopes: apiPermissionScopes(identity),
        },
        appRoles: apiAppRoles(identity),
      },
      // The identifier URI is managed by ApplicationIdentifierUri below; the provider docs ask to ignore it here.
      { ...parent, ignoreChanges: ["identifierUris"] },
    );
    // `api://{clientId}` cannot be set on the application itself: its client id is not known before creation.
    const apiUri = new azuread.ApplicationIdentifierUri(
      `${prefix}-api-uri`,
      { applicationId: apiApp.id, identifierUri: pulumi.interpolate`api://${apiApp.clientId}` },
      parent,
    );
    // Assignment required: Entra refuses tokens for this API to users and clients without an app-role
    // assignment (AADSTS501051); where set, it is the client allow-list Kong's openid-connect lacks (see
    // describeKongLimitations). Set only when every protected route requires a role (entraAssignmentRequired).
    const apiSp = new azuread.ServicePrincipal(
      `${prefix}-api-sp`,
      { clientId: apiApp.clientId, appRoleAssignmentRequired: args.assignmentRequired ?? true },
      parent,
    );

    // Entra's default access-token lifetime is a random 60-90 minutes; this policy makes the configured one real.
    const tokenLifetimePolicy = new TokenLifetimePolicy(
      `${prefix}-api-token-lifetime`,
      {
        tenantId: provider.tenantId,
        applicationObjectId: apiApp.objectId,
        accessTokenLifetimeMinutes: identity.accessTokenLifetimeMinutes,
        displayName: `kis-${identity.apiName}-${environment}-access-token-lifetime`,
        ...(args.graphBaseUrl ? { graphBaseUrl: args.graphBaseUrl } : {}),
        ...(args.loginBaseUrl ? { loginBaseUrl: args.loginBaseUrl } : {}),
      },
      parent,
    );

    // ---------------------------------------------------------------- clients
    const slots = secretRotationSlots(args.now ?? new Date(), identity.secretLifetimeDays);
    const newest = newestSecretSlot(slots).slot;
    const clients: Record<string, EntraClientResources> = {};
    // Microsoft Graph's service principal exists in every tenant; it is adopted (never created) only to name it in
    // the sign-in clients' consent grants, and retained on destroy: Pulumi must never delete Graph.
    const signInClients = identity.clients.filter((c) => c.kind === "web" && args.signIn?.[c.name]);
    const graphSp =
      signInClients.length > 0
        ? new azuread.ServicePrincipal(`${prefix}-microsoft-graph`, { clientId: MICROSOFT_GRAPH_APP_ID, useExisting: true }, { ...parent, retainOnDelete: true })
        : undefined;
    for (const client of identity.clients) {
      const base = `${prefix}-${client.name}`;
      const access = clientResourceAccess(identity, client);
      const signInScopes = client.kind === "web" ? (args.signIn?.[client.name]?.oidcScopes ?? []) : [];
      const graphAccess = graphSignInAccess(signInScopes);
      const application = new azuread.Application(
        base,
        {
          displayName: clientDisplayName(identity, client, environment),
          signInAudience: "AzureADMyOrg",
          web:
            client.kind === "web"
              ? {
                  // Entra accepts a post_logout_redirect_uri only if it is a registered redirect URI.
                  redirectUris: [
                    ...new Set([...withSignInRedirects(client.redirectUris, args.signIn?.[client.name]), ...(args.signIn?.[client.name]?.postLogoutRedirectUris ?? [])]),
                  ],
                  // Authorization code only: no tokens in the redirect URL.
                  implicitGrant: { accessTokenIssuanceEnabled: false, idTokenIssuanceEnabled: false },
                }
              : undefined,
          requiredResourceAccesses: [
            ...(access.length > 0 ? [{ resourceAppId: apiApp.clientId, resourceAccesses: access.map((a) => ({ ...a })) }] : []),
            // Sign-in: the OIDC scopes it requests are Graph delegated permissions, declared here and granted below.
            ...(graphAccess.length > 0 ? [{ resourceAppId: MICROSOFT_GRAPH_APP_ID, resourceAccesses: graphAccess.map((a) => ({ ...a })) }] : []),
          ],
        },
        parent,
      );
      const servicePrincipal = new azuread.ServicePrincipal(`${base}-sp`, { clientId: application.clientId }, parent);

      // Web clients get secrets too (confidential clients); a public SPA client would simply not use them.
      const [p0, p1] = slots.map(
        (slot) =>
          new azuread.ApplicationPassword(
            `${base}-secret-${slot.slot}`,
            {
              applicationId: application.id,
              displayName: `kis-${slot.rotationKey}`,
              endDate: slot.endDate,
              rotateWhenChanged: { bucket: slot.rotationKey },
            },
            parent,
          ),
      );

      // The permission must exist on the API application before it is granted.
      const afterApi = { ...parent, dependsOn: [apiApp] };
      // Service clients: admin consent for each application permission. Web clients' users are assigned to
      // roles by admins (users and groups are not managed here), so web clients get no assignments.
      const appRoleAssignments =
        client.kind === "service"
          ? client.groups.map(
              (group) =>
                new azuread.AppRoleAssignment(
                  `${base}-role-${group}`,
                  {
                    appRoleId: entraPermissionId(identity.apiName, "app-role", group),
                    principalObjectId: servicePrincipal.objectId,
                    resourceObjectId: apiSp.objectId,
                  },
                  afterApi,
                ),
            )
          : [];
      // Scopes are admin-consent only (see apiPermissionScopes): consent here for the scopes this web client is given.
      const delegatedGrant =
        client.kind === "web" && client.scopes.length > 0
          ? new azuread.ServicePrincipalDelegatedPermissionGrant(
              `${base}-consent`,
              {
                servicePrincipalObjectId: servicePrincipal.objectId,
                resourceServicePrincipalObjectId: apiSp.objectId,
                claimValues: [...client.scopes],
              },
              afterApi,
            )
          : undefined;

      // Admin consent for the sign-in's Graph scopes, so no user meets "admin approval required" at first sign-in.
      // Needs a deploying identity allowed to grant consent (DelegatedPermissionGrant.ReadWrite.All).
      const graphGrant =
        graphSp && signInScopes.length > 0
          ? new azuread.ServicePrincipalDelegatedPermissionGrant(
              `${base}-graph-consent`,
              { servicePrincipalObjectId: servicePrincipal.objectId, resourceServicePrincipalObjectId: graphSp.objectId, claimValues: [...new Set(signInScopes)] },
              parent,
            )
          : undefined;

      clients[client.name] = {
        application,
        servicePrincipal,
        passwords: [p0!, p1!],
        appRoleAssignments,
        ...(delegatedGrant ? { delegatedGrant } : {}),
        ...(graphGrant ? { graphGrant } : {}),
      };
    }

    // ---------------------------------------------------------------- outputs
    const clientEntries = Object.entries(clients);
    this.api = { application: apiApp, identifierUri: apiUri, servicePrincipal: apiSp, tokenLifetimePolicy };
    this.clients = clients;
    this.apiClientId = apiApp.clientId;
    this.identifierUri = apiUri.identifierUri;
    this.clientIds = pulumi.all(Object.fromEntries(clientEntries.map(([n, c]) => [n, c.application.clientId])));
    // The newest slot has at least L/2 of validity left, so whoever reads it now is safe longest; the older
    // slot stays valid until its end date for consumers that still hold the previous value.
    this.clientSecrets = pulumi.secret(
      pulumi.all(Object.fromEntries(clientEntries.map(([n, c]) => [n, c.passwords[newest].value]))),
    );
    // Derived from the resources' outputs only: nothing here re-types a client id or URI.
    this.contract = pulumi
      .all([
        apiApp.clientId,
        apiUri.identifierUri,
        pulumi.all(clientEntries.map(([, c]) => c.application.clientId)),
        tokenLifetimePolicy.accessTokenLifetimeMinutes,
      ])
      .apply(([apiClientId, identifierUri, clientIds, lifetimeMinutes]) =>
        deriveEntraContract({
          name: providerName,
          tenantId: provider.tenantId,
          apiClientId,
          identifierUri,
          clientIds,
          tokenVersion,
          scopeNames: identity.scopes.map((s) => s.name),
          accessGroups: identity.accessGroups.map((g) => g.name),
          leewaySeconds: identity.leewaySeconds,
          // What the assigned Graph policy enforces.
          accessTokenLifetimeSeconds: lifetimeMinutes * 60,
          algorithms: identity.signingAlgorithms,
        }),
      );

    this.registerOutputs({
      contract: this.contract,
      apiClientId: this.apiClientId,
      identifierUri: this.identifierUri,
      clientIds: this.clientIds,
      clientSecrets: this.clientSecrets,
    });
  }
}
