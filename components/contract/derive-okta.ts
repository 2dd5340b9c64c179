import type { IdentityContract, JwsAlgorithm, SigningAlgorithm } from "./types";

/** Inputs come from the Okta resources' outputs (issuer, audience, client ids) and the validated config. */
export interface OktaContractInputs {
  readonly name: string;
  /** `okta.auth.Server.issuer`: `https://{domain}/oauth2/{authServerId}`. Never built by hand. */
  readonly issuer: string;
  /** `okta.auth.Server.audiences[0]`: custom authorization servers have exactly one audience. */
  readonly audience: string;
  /** `okta.app.OAuth.clientId` of each registered client. */
  readonly clientIds: readonly string[];
  /** Name of the RESOURCE claim (`okta.auth.ServerClaim.name`) that carries the caller's groups. */
  readonly groupsClaim: string;
  /** The authorization server's id (`okta.auth.Server.id`), for the plan's explanation only. */
  readonly authServerId: string;
  readonly scopeNames: readonly string[];
  readonly accessGroups: readonly string[];
  /** Algorithms Kong accepts (`identity.signingAlgorithms`, applied to every IdP kind); absent: the IdP's own. */
  readonly algorithms?: readonly JwsAlgorithm[];
  readonly leewaySeconds: number;
  /** The access policy rule's `accessTokenLifetimeMinutes`, in seconds. */
  readonly accessTokenLifetimeSeconds: number;
}

const OKTA_ALGORITHMS: readonly SigningAlgorithm[] = ["RS256"];

/** Discovery document of a custom authorization server (the OIDC one; Okta serves the OAuth one too). */
export function oktaDiscoveryUrl(issuer: string): string {
  return `${issuer}/.well-known/openid-configuration`;
}

/** Signing keys of a custom authorization server. */
export function oktaJwksUri(issuer: string): string {
  return `${issuer}/v1/keys`;
}

/**
 * The identity contract of an Okta custom authorization server. Okta access tokens: `aud` is the server's
 * single audience, the client is in `cid`, scopes are an array in `scp`, and the groups claim is the RESOURCE
 * claim this stack adds (Okta has no groups in access tokens by default).
 */
export function deriveOktaContract(inputs: OktaContractInputs): IdentityContract {
  const issuer = inputs.issuer.replace(/\/+$/, "");
  if (issuer !== inputs.issuer) {
    throw new Error(`Okta issuer ${JSON.stringify(inputs.issuer)} ends with a slash; the authorization server's issuer has none`);
  }
  return {
    provider: "okta",
    name: inputs.name,
    issuer,
    discoveryUrl: oktaDiscoveryUrl(issuer),
    jwksUri: oktaJwksUri(issuer),
    audience: { claim: "aud", values: [inputs.audience] },
    clients: { claim: "cid", values: [...inputs.clientIds] },
    scopes: { claim: "scp", shape: "array", valuePrefix: "" },
    groups: { claim: inputs.groupsClaim, shape: "array" },
    accessGroups: [...inputs.accessGroups],
    scopeNames: [...inputs.scopeNames],
    algorithms: inputs.algorithms ? [...inputs.algorithms] : OKTA_ALGORITHMS,
    leewaySeconds: inputs.leewaySeconds,
    accessTokenLifetimeSeconds: inputs.accessTokenLifetimeSeconds,
    // Okta access tokens carry no claim that tells them apart from ID tokens by value (`ver` is 1 for both);
    // ID tokens have `aud` = the client id, so the audience check keeps them out.
    tokenType: [],
    subjectClaim: "sub",
    details: { authServerId: inputs.authServerId, audience: inputs.audience },
  };
}
