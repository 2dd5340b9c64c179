import type { IdentityContract, JwsAlgorithm, SigningAlgorithm } from "./types";

/** Inputs come from the Entra resources' outputs (client id) and the validated stack config (tenant). */
export interface EntraContractInputs {
  readonly name: string;
  readonly tenantId: string;
  /** Client id (appId) of the API application: an output of `azuread.Application`. */
  readonly apiClientId: string;
  /** Identifier URI of the API, e.g. `api://{clientId}`: an output of `azuread.ApplicationIdentifierUri`. */
  readonly identifierUri: string;
  /** Client ids of the registered client applications (outputs). */
  readonly clientIds: readonly string[];
  readonly tokenVersion: 1 | 2;
  readonly scopeNames: readonly string[];
  readonly accessGroups: readonly string[];
  readonly leewaySeconds: number;
  readonly accessTokenLifetimeSeconds: number;
  /** Algorithms Kong accepts (`identity.signingAlgorithms`); Entra itself signs access tokens with RS256. */
  readonly algorithms?: readonly JwsAlgorithm[];
}

const ENTRA_ALGORITHMS: readonly SigningAlgorithm[] = ["RS256"];

/** Issuer of Entra access tokens. The API app's `requestedAccessTokenVersion` decides it, not the endpoint. */
export function entraIssuer(tenantId: string, tokenVersion: 1 | 2): string {
  return tokenVersion === 2
    ? `https://login.microsoftonline.com/${tenantId}/v2.0`
    : // v1: a different host, and the trailing slash is part of the value.
      `https://sts.windows.net/${tenantId}/`;
}

export function entraDiscoveryUrl(tenantId: string, tokenVersion: 1 | 2): string {
  return tokenVersion === 2
    ? `https://login.microsoftonline.com/${tenantId}/v2.0/.well-known/openid-configuration`
    : `https://login.microsoftonline.com/${tenantId}/.well-known/openid-configuration`;
}

export function entraJwksUri(tenantId: string, tokenVersion: 1 | 2): string {
  return tokenVersion === 2
    ? `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`
    : `https://login.microsoftonline.com/${tenantId}/discovery/keys`;
}

export function deriveEntraContract(inputs: EntraContractInputs): IdentityContract {
  const { tenantId, tokenVersion } = inputs;
  return {
    provider: "entra",
    name: inputs.name,
    issuer: entraIssuer(tenantId, tokenVersion),
    discoveryUrl: entraDiscoveryUrl(tenantId, tokenVersion),
    jwksUri: entraJwksUri(tenantId, tokenVersion),
    audience: {
      claim: "aud",
      // v2 always puts the API's client id in `aud`; v1 puts either the client id or the identifier URI,
      // depending on how the client asked for the token.
      values: tokenVersion === 2 ? [inputs.apiClientId] : [inputs.apiClientId, inputs.identifierUri],
    },
    clients: { claim: tokenVersion === 2 ? "azp" : "appid", values: [...inputs.clientIds] },
    scopes: { claim: "scp", shape: "space-delimited-string", valuePrefix: "" },
    groups: { claim: "roles", shape: "array" },
    accessGroups: [...inputs.accessGroups],
    scopeNames: [...inputs.scopeNames],
    algorithms: inputs.algorithms ? [...inputs.algorithms] : ENTRA_ALGORITHMS,
    leewaySeconds: inputs.leewaySeconds,
    accessTokenLifetimeSeconds: inputs.accessTokenLifetimeSeconds,
    tokenType: [
      {
        claim: "ver",
        value: tokenVersion === 2 ? "2.0" : "1.0",
        reason: `the API application requests v${tokenVersion} access tokens (api.requestedAccessTokenVersion)`,
      },
    ],
    subjectClaim: "sub",
    details: {
      tenantId,
      tokenVersion,
      apiClientId: inputs.apiClientId,
      identifierUri: inputs.identifierUri,
    },
  };
}
