import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cognitoIssuer, deriveCognitoContract, type IdentityContract } from "../../contract";
import { childNamePrefix } from "../entra/names";
import { cognitoProviderSpec, type CognitoRegistrationArgs } from "./args";
import { identityProblems, identitySpec } from "../identity-args";
import { cognitoClientSettings, cognitoConfigProblems } from "./clients";
import { cognitoClientName, cognitoIdentifier, cognitoProviderName, cognitoUserPoolName } from "./names";

export const COGNITO_REGISTRATION_TYPE = "kong-identity-stack:idp:CognitoRegistration";

export interface CognitoClientResources {
  readonly client: aws.cognito.UserPoolClient;
}

/**
 * One API exposed through an Amazon Cognito user pool: the pool (admin-created users only), its domain (the
 * token endpoint), a resource server whose identifier prefixes every scope, one app client per configured
 * client, and one user-pool group per access group. The contract's issuer is `https://` + the pool's
 * `endpoint` output, and its client allow-list the app clients' `id` outputs.
 *
 * Every resource names its region explicitly (`region` input of @pulumi/aws 7); credentials come from the AWS
 * provider's usual sources (AWS_PROFILE, AWS_ACCESS_KEY_ID ..., an instance role).
 */
export class CognitoRegistration extends pulumi.ComponentResource {
  declare readonly contract: pulumi.Output<IdentityContract>;
  declare readonly issuer: pulumi.Output<string>;
  declare readonly clientIds: pulumi.Output<Record<string, string>>;
  declare readonly clientSecrets: pulumi.Output<Record<string, string>>;
  declare readonly userPool: aws.cognito.UserPool;
  declare readonly resourceServer: aws.cognito.ResourceServer;
  declare readonly domain?: aws.cognito.UserPoolDomain;
  declare readonly clients: Readonly<Record<string, CognitoClientResources>>;

  constructor(name: string, args: CognitoRegistrationArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COGNITO_REGISTRATION_TYPE, name, {}, opts);
    // Loaded here, not at the top: a stack that uses another IdP never loads this SDK (about 10% of a plan).
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    // Defaults are applied here, not by a caller: a program of its own passes only what it needs.
    const provider = cognitoProviderSpec(args.provider);
    const identity = identitySpec(args.identity);
    const { environment } = args;
    const argProblems = identityProblems(identity);
    if (argProblems.length > 0) throw new pulumi.ResourceError(argProblems.join("\n"), this);
    cognitoConfigProblems(identity).warnings.forEach((w) => pulumi.log.warn(w, this));

    const providerName = cognitoProviderName(provider);
    const prefix = childNamePrefix(name, providerName);
    const region = provider.region;
    const child = { parent: this };

    const pool = new aws.cognito.UserPool(
      `${prefix}-user-pool`,
      {
        region,
        name: cognitoUserPoolName(provider, identity, environment),
        // No self sign-up: users are created by admins (or federated), like app assignment elsewhere.
        adminCreateUserConfig: { allowAdminCreateUserOnly: true },
        usernameAttributes: ["email"],
        autoVerifiedAttributes: ["email"],
        deletionProtection: "ACTIVE",
      },
      child,
    );
    const domain = provider.domainPrefix
      ? new aws.cognito.UserPoolDomain(`${prefix}-domain`, { region, domain: provider.domainPrefix, userPoolId: pool.id }, child)
      : undefined;
    const resourceServer = new aws.cognito.ResourceServer(
      `${prefix}-resource-server`,
      {
        region,
        userPoolId: pool.id,
        identifier: cognitoIdentifier(provider, identity),
        name: identity.displayName ?? identity.apiName,
        scopes: identity.scopes.map((s) => ({ scopeName: s.name, scopeDescription: s.description || `${s.name} on ${identity.apiName}` })),
      },
      child,
    );
    for (const g of identity.accessGroups) {
      new aws.cognito.UserGroup(
        `${prefix}-group-${g.name}`,
        { region, userPoolId: pool.id, name: g.name, description: g.description || `Access group ${g.name} of ${identity.apiName}` },
        child,
      );
    }

    const clients: Record<string, CognitoClientResources> = {};
    for (const client of identity.clients) {
      const s = cognitoClientSettings(identity, client, args.signIn?.[client.name]);
      const userPoolClient = new aws.cognito.UserPoolClient(
        `${prefix}-${client.name}`,
        {
          region,
          name: cognitoClientName(identity, client, environment),
          userPoolId: pool.id,
          generateSecret: s.generateSecret,
          allowedOauthFlowsUserPoolClient: s.allowedOauthFlowsUserPoolClient,
          allowedOauthFlows: [...s.allowedOauthFlows],
          // `{identifier}/{scope}` from the resource server's own identifier output, plus OIDC scopes.
          allowedOauthScopes: resourceServer.identifier.apply((id) => [...s.oidcScopes, ...s.scopes.map((n) => `${id}/${n}`)]),
          ...(s.callbackUrls.length > 0 ? { callbackUrls: [...s.callbackUrls] } : {}),
          ...(s.logoutUrls.length > 0 ? { logoutUrls: [...s.logoutUrls] } : {}),
          ...(s.supportedIdentityProviders.length > 0 ? { supportedIdentityProviders: [...s.supportedIdentityProviders] } : {}),
          accessTokenValidity: s.accessTokenValidity,
          idTokenValidity: s.idTokenValidity,
          refreshTokenValidity: s.refreshTokenValidity,
          tokenValidityUnits: { ...s.tokenValidityUnits },
          explicitAuthFlows: [...s.explicitAuthFlows],
          preventUserExistenceErrors: s.preventUserExistenceErrors,
          enableTokenRevocation: s.enableTokenRevocation,
        },
        // The scopes must exist on the resource server before a client may be granted them.
        { ...child, dependsOn: [resourceServer], additionalSecretOutputs: ["clientSecret"] },
      );
      clients[client.name] = { client: userPoolClient };
    }

    const entries = Object.entries(clients);
    this.userPool = pool;
    this.resourceServer = resourceServer;
    if (domain) this.domain = domain;
    this.clients = clients;
    this.issuer = pool.endpoint.apply((e) => cognitoIssuer(e, provider.issuerHost));
    this.clientIds = pulumi.all(Object.fromEntries(entries.map(([n, c]) => [n, c.client.id])));
    this.clientSecrets = pulumi.secret(pulumi.all(Object.fromEntries(entries.map(([n, c]) => [n, c.client.clientSecret]))));
    this.contract = pulumi
      .all([
        pool.endpoint,
        resourceServer.identifier,
        pulumi.all(entries.map(([, c]) => c.client.id)),
        pulumi.all(entries.map(([, c]) => c.client.accessTokenValidity)),
      ])
      .apply(([endpoint, identifier, clientIds, validities]) =>
        deriveCognitoContract({
          name: providerName,
          userPoolEndpoint: endpoint,
          issuerHost: provider.issuerHost,
          resourceServerIdentifier: identifier,
          clientIds,
          scopeNames: identity.scopes.map((sc) => sc.name),
          accessGroups: identity.accessGroups.map((g) => g.name),
          leewaySeconds: identity.leewaySeconds,
          algorithms: identity.signingAlgorithms,
          // The clients' validity in minutes (the unit is always set explicitly); the config with no clients.
          accessTokenLifetimeSeconds: (Math.max(0, ...validities.map((v) => v ?? 0)) || identity.accessTokenLifetimeMinutes) * 60,
        }),
      );

    this.registerOutputs({ contract: this.contract, issuer: this.issuer, clientIds: this.clientIds, clientSecrets: this.clientSecrets });
  }
}
