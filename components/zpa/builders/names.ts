/** Names of the ZPA objects for one API and environment. ZPA names must be unique per tenant. */
export interface ZpaObjectNames {
  readonly appConnectorGroup: string;
  readonly provisioningKey: string;
  readonly segmentGroup: string;
  readonly serverGroup: string;
  readonly applicationSegment: string;
  readonly accessPolicyRule: string;
}

export function zpaObjectNames(apiName: string, environment: string): ZpaObjectNames {
  const prefix = `${apiName}-${environment}`;
  return {
    appConnectorGroup: `${prefix}-k8s-connectors`,
    provisioningKey: `${prefix}-k8s-connectors`,
    segmentGroup: `${prefix}-edge`,
    serverGroup: `${prefix}-edge`,
    applicationSegment: `${prefix}-edge`,
    accessPolicyRule: `${prefix}-edge-access`,
  };
}

export const managedDescription = (environment: string, what: string): string =>
  `Managed by kong-identity-stack (${environment}): ${what}. Changes made in the ZPA portal are overwritten.`;
