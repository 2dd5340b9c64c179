import type * as okta from "@pulumi/okta";
import * as pulumi from "@pulumi/pulumi";
import { deriveOktaContract, type IdentityContract } from "../../contract";
import { childNamePrefix } from "../entra/names";
import { oktaProviderSpec, type OktaRegistrationArgs } from "./args";
import { identityProblems, identitySpec } from "../identity-args";
import { oktaAppLabel, oktaAudience, oktaAuthServerName, oktaProviderName } from "./names";
import { oktaAppSettings, oktaConfigProblems, oktaGroupsFilter, oktaRuleSettings } from "./policies";
import { withSignInRedirects } from "../../sign-in";

export const OKTA_REGISTRATION_TYPE = "kong-identity-stack:idp:OktaRegistration";

export interface OktaClientResources {
  readonly app: okta.app.OAuth;
  /** False for private_key_jwt service apps: Okta keeps no secret for them. */
  readonly hasSecret: boolean;
  /** Web apps: one assignment per access group of the client (who may sign in). */
  readonly groupAssignments: readonly okta.app.GroupAssignment[];
  /** Absent for a service client without scopes: Okta could grant it nothing. */
  readonly policy?: okta.auth.ServerPolicy;
  readonly rule?: okta.auth.ServerPolicyRule;
}

/**
 * One API exposed through an Okta custom authorization server (only custom servers issue access tokens that
 * your own APIs may validate): the server with its single audience, one scope per API scope, a RESOURCE
 * groups claim limited to the access groups, the groups themselves, one OAuth app per client, and one access
 * policy + rule per client. The identity contract is derived from the server's `issuer` output and the apps'
 * client ids; nothing re-types the issuer.
 *
 * The org (`orgName`, `baseUrl`) selects the Okta provider these resources are created with; credentials come
 * from the provider's usual environment variables (OKTA_API_TOKEN, or OKTA_CLIENT_ID + OKTA_PRIVATE_KEY ...).
 */
export class OktaRegistration extends pulumi.ComponentResource {
  declare readonly contract: pulumi.Output<IdentityContract>;
  declare readonly issuer: pulumi.Output<string>;
  declare readonly clientIds: pulumi.Output<Record<string, string>>;
  /** Secret per client that has one (private_key_jwt service clients have none). */
  declare readonly clientSecrets: pulumi.Output<Record<string, string>>;
  declare readonly authServer: okta.auth.Server;
  declare readonly clients: Readonly<Record<string, OktaClientResources>>;

  constructor(name: string, args: OktaRegistrationArgs, opts?: pulumi.ComponentResourceOptions) {
    super(OKTA_REGISTRATION_TYPE, name, {}, opts);
    // Loaded here, not at the top: a stack that uses another IdP never loads this SDK (about 10% of a plan).
    const okta = require("@pulumi/okta") as typeof import("@pulumi/okta");
    // Defaults are applied here, not by a caller: a program of its own passes only what it needs.
    const provider = oktaProviderSpec(args.provider);
    const identity = identitySpec(args.identity);
    const { environment } = args;
    const argProblems = identityProblems(identity);
    if (argProblems.length > 0) throw new pulumi.ResourceError(argProblems.join("\n"), this);
    oktaConfigProblems(identity).warnings.forEach((w) => pulumi.log.warn(w, this));

    const providerName = oktaProviderName(provider);
    const prefix = childNamePrefix(name, providerName);
    const oktaProvider = new okta.Provider(`${prefix}-provider`, { orgName: provider.orgName, baseUrl: provider.baseUrl }, { parent: this });
    const child = { parent: this, provider: oktaProvider };

    // ---------------------------------------------------------------- authorization server
    const server = new okta.auth.Server(
      `${prefix}-auth-server`,
      {
        name: oktaAuthServerName(provider, identity, environment),
        description: `${identity.displayName ?? identity.apiName} (${environment}), managed by kong-identity-stack`,
        audiences: [oktaAudience(provider, identity)],
        // The issuer is the org URL form; a custom domain would be CUSTOM_URL, and the contract follows either.
        issuerMode: "ORG_URL",
        credentialsRotationMode: "AUTO",
        status: "ACTIVE",
      },
      child,
    );
    const scopes = identity.scopes.map(
      (s) =>
        new okta.auth.ServerScope(
          `${prefix}-scope-${s.name}`,
          {
            authServerId: server.id,
            name: s.name,
            description: s.description || `${s.name} on ${identity.apiName}`,
            // Admin-granted through the per-client policies below, never by user consent.
            consent: "IMPLICIT",
            metadataPublish: "NO_CLIENTS",
          },
          child,
        ),
    );

    // ---------------------------------------------------------------- groups and the groups claim
    const groups = Object.fromEntries(
      identity.accessGroups.map((g) => [
        g.name,
        new okta.group.Group(
          `${prefix}-group-${g.name}`,
          { name: g.name, description: g.description || `Access group ${g.name} of ${identity.apiName}` },
          child,
        ),
      ]),
    );
    const groupsClaim =
      identity.accessGroups.length > 0
        ? new okta.auth.ServerClaim(
            `${prefix}-groups-claim`,
            {
              authServerId: server.id,
              name: provider.groupsClaim,
              // RESOURCE: in access tokens (IDENTITY claims go into ID tokens only).
              claimType: "RESOURCE",
              valueType: "GROUPS",
              groupFilterType: "REGEX",
              value: oktaGroupsFilter(identity.accessGroups.map((g) => g.name)),
              alwaysIncludeInToken: true,
              status: "ACTIVE",
            },
            child,
          )
        : undefined;

    // ---------------------------------------------------------------- clients, policies, rules
    const clients: Record<string, OktaClientResources> = {};
    let priority = 0;
    for (const client of identity.clients) {
      const base = `${prefix}-${client.name}`;
      const settings = oktaAppSettings(provider, client);
      const app = new okta.app.OAuth(
        base,
        {
          label: oktaAppLabel(identity, client, environment),
          type: settings.type,
          grantTypes: [...settings.grantTypes],
          responseTypes: [...settings.responseTypes],
          tokenEndpointAuthMethod: settings.tokenEndpointAuthMethod,
          pkceRequired: settings.pkceRequired,
          omitSecret: settings.omitSecret,
          ...(settings.jwksUri ? { jwksUri: settings.jwksUri } : {}),
          ...(settings.refreshTokenRotation ? { refreshTokenRotation: settings.refreshTokenRotation, refreshTokenLeeway: settings.refreshTokenLeeway } : {}),
          ...(client.kind === "web" ? { redirectUris: withSignInRedirects(client.redirectUris, args.signIn?.[client.name]) } : {}),
          ...(args.signIn?.[client.name] ? { postLogoutRedirectUris: [...args.signIn[client.name]!.postLogoutRedirectUris] } : {}),
        },
        { ...child, additionalSecretOutputs: ["clientSecret"] },
      );
      const groupAssignments =
        client.kind === "web"
          ? client.groups.map(
              (g) => new okta.app.GroupAssignment(`${base}-group-${g}`, { appId: app.id, groupId: groups[g]!.id }, child),
            )
          : [];
      const ruleSettings = oktaRuleSettings(identity, client, args.signIn?.[client.name]?.oidcScopes);
      let policy: okta.auth.ServerPolicy | undefined;
      let rule: okta.auth.ServerPolicyRule | undefined;
      if (ruleSettings) {
        policy = new okta.auth.ServerPolicy(
          `${base}-policy`,
          {
            authServerId: server.id,
            name: `${client.name}`,
            description: `Tokens for ${client.name} (${client.kind}), managed by kong-identity-stack`,
            priority: ++priority,
            clientWhitelists: [app.clientId],
            status: "ACTIVE",
          },
          child,
        );
        rule = new okta.auth.ServerPolicyRule(
          `${base}-rule`,
          {
            authServerId: server.id,
            policyId: policy.id,
            name: `${client.name}-${client.kind}`,
            priority: 1,
            status: "ACTIVE",
            grantTypeWhitelists: [...ruleSettings.grantTypeWhitelists],
            scopeWhitelists: [...ruleSettings.scopeWhitelists],
            accessTokenLifetimeMinutes: ruleSettings.accessTokenLifetimeMinutes,
            ...(ruleSettings.refreshTokenLifetimeMinutes !== undefined
              ? {
                  refreshTokenLifetimeMinutes: ruleSettings.refreshTokenLifetimeMinutes,
                  refreshTokenWindowMinutes: ruleSettings.refreshTokenWindowMinutes,
                }
              : {}),
            ...(ruleSettings.groupWhitelists ? { groupWhitelists: [...ruleSettings.groupWhitelists] } : {}),
          },
          // The scopes must exist before a rule may name them.
          { ...child, dependsOn: scopes },
        );
      }
      clients[client.name] = { app, hasSecret: !settings.omitSecret, groupAssignments, ...(policy ? { policy } : {}), ...(rule ? { rule } : {}) };
    }

    // ---------------------------------------------------------------- outputs
    const entries = Object.entries(clients);
    const rules = entries.flatMap(([, c]) => (c.rule ? [c.rule] : []));
    this.authServer = server;
    this.clients = clients;
    this.issuer = server.issuer;
    this.clientIds = pulumi.all(Object.fromEntries(entries.map(([n, c]) => [n, c.app.clientId])));
    this.clientSecrets = pulumi.secret(
      pulumi.all(Object.fromEntries(entries.filter(([, c]) => c.hasSecret).map(([n, c]) => [n, c.app.clientSecret]))),
    );
    const lifetimes = pulumi.all(rules.map((r) => r.accessTokenLifetimeMinutes));
    this.contract = pulumi
      .all([server.issuer, server.audiences, server.id, pulumi.all(entries.map(([, c]) => c.app.clientId)), lifetimes, groupsClaim?.name])
      .apply(([issuer, audiences, authServerId, clientIds, minutes, claimName]) =>
        deriveOktaContract({
          name: providerName,
          issuer,
          audience: audiences[0]!,
          clientIds,
          groupsClaim: claimName ?? provider.groupsClaim,
          authServerId,
          scopeNames: identity.scopes.map((s) => s.name),
          accessGroups: identity.accessGroups.map((g) => g.name),
          leewaySeconds: identity.leewaySeconds,
          algorithms: identity.signingAlgorithms,
          // What the policy rules enforce (every rule sets the same value); the config when no rule exists.
          accessTokenLifetimeSeconds: Math.max(0, ...minutes.map((m) => m ?? 0)) * 60 || identity.accessTokenLifetimeMinutes * 60,
        }),
      );

    this.registerOutputs({ contract: this.contract, issuer: this.issuer, clientIds: this.clientIds, clientSecrets: this.clientSecrets });
  }
}
