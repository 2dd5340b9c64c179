/**
 * What each ZPA resource takes as input (besides the connection). Field names follow the ZPA API where a
 * field maps one to one, so the plan, the policies and a ZPA admin read the same words.
 */

/** A TCP or UDP port range as ZPA writes it: strings, `from` and `to` inclusive. */
export interface PortRange {
  readonly from: string;
  readonly to: string;
}

export type BypassType = "NEVER" | "ALWAYS" | "ON_NET";
export type HealthReporting = "NONE" | "ON_ACCESS" | "CONTINUOUS";

export interface AppConnectorGroupSpec {
  readonly name: string;
  readonly description: string;
  readonly location: string;
  /** Decimal degrees as strings, as the API stores them. */
  readonly latitude: string;
  readonly longitude: string;
}

export interface ProvisioningKeySpec {
  readonly name: string;
  /** How many App Connector enrolments the key allows (see `provisioningKeyMaxUsage`). */
  readonly maxUsage: number;
  /** The App Connector group the key enrols into (`zcomponentId`). */
  readonly appConnectorGroupId: string;
  /** The enrolment certificate, by name ("Connector" for App Connectors). */
  readonly enrollmentCertName: string;
}

export interface SegmentGroupSpec {
  readonly name: string;
  readonly description: string;
}

export interface ServerGroupSpec {
  readonly name: string;
  readonly description: string;
  readonly appConnectorGroupIds: readonly string[];
}

export interface ApplicationSegmentSpec {
  readonly name: string;
  readonly description: string;
  readonly domainNames: readonly string[];
  readonly tcpPortRange: readonly PortRange[];
  readonly bypassType: BypassType;
  readonly healthReporting: HealthReporting;
  readonly segmentGroupId: string;
  readonly serverGroupIds: readonly string[];
}

export interface AccessPolicyRuleSpec {
  readonly name: string;
  readonly description: string;
  readonly action: "ALLOW";
  readonly applicationSegmentId: string;
  /** Group names: the identity contract's access groups, the same list Kong's ACLs use. */
  readonly accessGroups: readonly string[];
  readonly groupsSource: "scim" | "saml";
  /** The IdP as configured in ZPA. */
  readonly idpId: string;
  /** saml: the SAML attribute whose values are the group names. */
  readonly samlAttributeName?: string;
}
