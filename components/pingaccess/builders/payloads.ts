import { ALL_SUCCEED } from "./classes";
import type { AccessTokenValidatorSpec, ApplicationSpec, ThirdPartyServiceSpec, ResourceSpec, RuleSetSpec, RuleSpec, SidebandClientSpec, VirtualHostSpec } from "./specs";

/**
 * Admin API request bodies (PingAccess 7.3 OpenAPI `components.schemas`), one pure function per object. The
 * conformance tests validate each against the request schema of the operation it is sent to.
 */

type Json = Record<string, unknown>;

/** A credential's secret: the plaintext goes in `value`; PingAccess stores and returns only `encryptedValue`. */
export function sidebandClientPayload(spec: SidebandClientSpec, secrets: readonly string[]): Json {
  return {
    name: spec.name,
    description: spec.description,
    clientCredentials: secrets.map((value) => ({
      credentialsType: "SECRET",
      sharedSecretConfig: { sharedSecretHeaderName: spec.secretHeaderName, secret: { value } },
    })),
  };
}

/**
 * The JWKS validator: `path` on the token provider's host, or on the host of `thirdPartyServiceId` (PingAccess
 * 8.3.2+); `skipAudienceValidation` where tokens carry no audience. The two field names follow the console's
 * labels; the provider checks them against the server's `GET /accessTokenValidators/descriptors` first.
 */
export function accessTokenValidatorPayload(spec: AccessTokenValidatorSpec, thirdPartyServiceId?: string): Json {
  return {
    className: spec.className,
    name: spec.name,
    configuration: {
      path: spec.path,
      ...(spec.thirdPartyService ? { thirdPartyService: thirdPartyServiceId ?? "" } : {}),
      issuer: spec.issuer,
      ...(spec.audience ? { audience: spec.audience } : {}),
      ...(spec.skipAudienceValidation ? { skipAudienceValidation: true } : {}),
      subjectAttributeName: spec.subjectAttributeName,
    },
  };
}

/**
 * The IdP's JWKS host as a third-party service: https, the certificate checked against PingAccess's built-in
 * "Java Trust Store" group (id 2; never "Trust Any", id 1) and its host name verified.
 */
export const JAVA_TRUST_STORE_GROUP_ID = 2;
export function thirdPartyServicePayload(spec: ThirdPartyServiceSpec): Json {
  return {
    name: spec.name,
    targets: [`${spec.host}:${spec.port}`],
    secure: true,
    trustedCertificateGroupId: JAVA_TRUST_STORE_GROUP_ID,
    skipHostnameVerification: false,
    expectedHostname: spec.host,
    useProxy: false,
    maxConnections: -1,
  };
}

export function virtualHostPayload(spec: VirtualHostSpec): Json {
  return { host: spec.host, port: spec.port };
}

export interface ApplicationRefs {
  readonly sidebandClientId: string;
  readonly accessValidatorId: number;
  readonly virtualHostIds: readonly number[];
}

/**
 * An API application decided through the sideband: no site or agent (ids 0), the token validated by the
 * JWKS validator, access decided per resource. `authenticationChallengePolicyId` is null (no challenge for
 * an API); the 7.3 file marks it required as a string although PingAccess takes null (see shared/README).
 */
export function applicationPayload(spec: ApplicationSpec, refs: ApplicationRefs): Json {
  return {
    name: spec.name,
    description: spec.description,
    applicationType: "API",
    destination: "Sideband",
    defaultAuthType: "API",
    contextRoot: spec.contextRoot,
    caseSensitivePath: spec.caseSensitivePath,
    enabled: true,
    requireHTTPS: true,
    spaSupportEnabled: false,
    siteId: 0,
    agentId: 0,
    sidebandClientId: refs.sidebandClientId,
    accessValidatorId: refs.accessValidatorId,
    virtualHostIds: [...refs.virtualHostIds],
    authenticationChallengePolicyId: null,
    policy: { API: [] },
  };
}

/** The resource's policy items with ids: `ids` maps a rule or rule-set name to its PingAccess id. */
export function resourcePayload(spec: ResourceSpec, ids: Readonly<Record<string, number>>): Json {
  return {
    name: spec.name,
    methods: [...spec.methods],
    pathPatterns: spec.pathPatterns.map((p) => ({ type: p.type, pattern: p.pattern })),
    enabled: true,
    anonymous: false,
    unprotected: false,
    auditLevel: "ON",
    rootResource: false,
    // No override of the application's auth type, no challenge policy: both null (see applicationPayload).
    defaultAuthTypeOverride: null,
    authenticationChallengePolicyId: null,
    policy: { API: spec.policy.map((item) => ({ type: item.type, id: idOf(ids, item.name) })) },
  };
}

/**
 * Scope rules name the scope as the token carries it; group rules the claim and one value. Every rule
 * answers 403 on failure (Kong passes PingAccess's status to the caller).
 */
export function rulePayload(spec: RuleSpec): Json {
  const rejection = { errorResponseCode: 403, errorResponseStatusMsg: "Forbidden", errorResponseContentType: "application/json" };
  return {
    className: spec.className,
    name: spec.name,
    configuration:
      spec.kind === "scope"
        ? { scope: spec.value, negate: false, ...rejection }
        : { attributeName: spec.claim, attributeValue: spec.value, negate: false, ...rejection },
  };
}

export function ruleSetPayload(spec: RuleSetSpec, ids: Readonly<Record<string, number>>): Json {
  return {
    name: spec.name,
    elementType: "Rule",
    successCriteria: spec.successCriteria ?? ALL_SUCCEED,
    policy: spec.rules.map((name) => idOf(ids, name)),
  };
}

function idOf(ids: Readonly<Record<string, number>>, name: string): number {
  const id = ids[name];
  if (id === undefined) throw new Error(`PingAccess: no id for ${JSON.stringify(name)}; the rule must exist before the resource that uses it`);
  return id;
}
