import type { IdentityContract, JwsAlgorithm, SigningAlgorithm } from "./types";

/** Inputs come from the Cognito resources' outputs (pool endpoint, identifier, client ids) and the config. */
export interface CognitoContractInputs {
  readonly name: string;
  /** `aws.cognito.UserPool.endpoint`: `cognito-idp.{region}.amazonaws.com/{userPoolId}` (no scheme). */
  readonly userPoolEndpoint: string;
  /** `aws.cognito.ResourceServer.identifier`: scopes in tokens are `{identifier}/{scope}`. */
  readonly resourceServerIdentifier: string;
  /** `aws.cognito.UserPoolClient.id` of each registered client. */
  readonly clientIds: readonly string[];
  readonly scopeNames: readonly string[];
  readonly accessGroups: readonly string[];
  /** Algorithms Kong accepts (`identity.signingAlgorithms`, applied to every IdP kind); absent: the IdP's own. */
  readonly algorithms?: readonly JwsAlgorithm[];
  readonly leewaySeconds: number;
  /** The clients' access-token validity, in seconds. */
  readonly accessTokenLifetimeSeconds: number;
  /**
   * The issuer host the pool's tokens carry (config `issuerHost`): `cognito-idp` (the endpoint's own host) or
   * `issuer-cognito-idp`. aws-jwt-verify 5 accepts both for a pool; the stack trusts exactly one, chosen here.
   */
  readonly issuerHost?: CognitoIssuerHost;
}

export type CognitoIssuerHost = "cognito-idp" | "issuer-cognito-idp";

const COGNITO_ALGORITHMS: readonly SigningAlgorithm[] = ["RS256"];

/**
 * `https://` + the pool endpoint; the endpoint must be `cognito-idp.{region}.amazonaws.com/{poolId}`. With the
 * `issuer-cognito-idp` host the same region and pool under `https://issuer-cognito-idp.{region}.amazonaws.com/`.
 */
export function cognitoIssuer(userPoolEndpoint: string, host: CognitoIssuerHost = "cognito-idp"): string {
  if (/^[a-z]+:\/\//i.test(userPoolEndpoint) || userPoolEndpoint.endsWith("/")) {
    throw new Error(
      `Cognito user pool endpoint ${JSON.stringify(userPoolEndpoint)} is not of the form cognito-idp.<region>.amazonaws.com/<poolId>`,
    );
  }
  if (host === "cognito-idp") return `https://${userPoolEndpoint}`;
  const m = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([^/]+)$/.exec(userPoolEndpoint);
  if (!m) {
    throw new Error(
      `Cognito user pool endpoint ${JSON.stringify(userPoolEndpoint)} is not of the form cognito-idp.<region>.amazonaws.com/<poolId>`,
    );
  }
  return `https://issuer-cognito-idp.${m[1]}.amazonaws.com/${m[2]}`;
}

export function cognitoJwksUri(issuer: string): string {
  return `${issuer}/.well-known/jwks.json`;
}

export function cognitoDiscoveryUrl(issuer: string): string {
  return `${issuer}/.well-known/openid-configuration`;
}

/**
 * The identity contract of a Cognito user pool. Access tokens carry no `aud`: the client id in `client_id`
 * is the check that binds a token to this API, and `token_use` must be `access` because ID tokens (which carry
 * `aud` and no `client_id`) are signed by the same keys. Scopes are `{identifier}/{scope}` in a space-separated
 * `scope` claim; groups are in `cognito:groups`.
 */
export function deriveCognitoContract(inputs: CognitoContractInputs): IdentityContract {
  const issuerHost = inputs.issuerHost ?? "cognito-idp";
  const issuer = cognitoIssuer(inputs.userPoolEndpoint, issuerHost);
  const userPoolId = inputs.userPoolEndpoint.split("/").pop() ?? "";
  const region = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com/.exec(inputs.userPoolEndpoint)?.[1] ?? "";
  return {
    provider: "cognito",
    name: inputs.name,
    issuer,
    discoveryUrl: cognitoDiscoveryUrl(issuer),
    jwksUri: cognitoJwksUri(issuer),
    audience: undefined,
    clients: { claim: "client_id", values: [...inputs.clientIds] },
    scopes: { claim: "scope", shape: "space-delimited-string", valuePrefix: `${inputs.resourceServerIdentifier}/` },
    groups: { claim: "cognito:groups", shape: "array" },
    accessGroups: [...inputs.accessGroups],
    scopeNames: [...inputs.scopeNames],
    algorithms: inputs.algorithms ? [...inputs.algorithms] : COGNITO_ALGORITHMS,
    leewaySeconds: inputs.leewaySeconds,
    accessTokenLifetimeSeconds: inputs.accessTokenLifetimeSeconds,
    tokenType: [
      {
        claim: "token_use",
        value: "access",
        reason: "Cognito ID tokens are signed by the same keys as access tokens and must not be accepted as access tokens",
      },
    ],
    subjectClaim: "sub",
    details: { region, userPoolId, identifier: inputs.resourceServerIdentifier, issuerHost },
  };
}
