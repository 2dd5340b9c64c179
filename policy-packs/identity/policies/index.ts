import { accessTokenLifetime } from "./access-token-lifetime";
import { audienceRequired } from "./audience-required";
import { auditLogNoCredentials } from "./audit-log-no-credentials";
import { clientSecretRotation } from "./client-secret-rotation";
import { clientSecretByReference } from "./client-secret-by-reference";
import { clockLeeway } from "./clock-leeway";
import { edgeHeadersTrustedOnlyFromEdge } from "./edge-headers-trusted-only-from-edge";
import { f5StripsIdentityHeaders } from "./f5-strips-identity-headers";
import { f5TlsOnly } from "./f5-tls-only";
import type { IdentityPolicy } from "./identity-policy";
import { issuerConsistency } from "./issuer-consistency";
import { kongAdminPrivate } from "./kong-admin-private";
import { kongConfigSize } from "./kong-config-size";
import { leastPrivilegeGrants } from "./least-privilege-grants";
import { redirectUriConsistency } from "./redirect-uri-consistency";
import { redirectUrisHttps } from "./redirect-uris-https";
import { refreshTokenLifetime } from "./refresh-token-lifetime";
import { secretsAreSecret } from "./secrets-are-secret";
import { sessionCookieSecure } from "./session-cookie-secure";
import { sessionLifetime } from "./session-lifetime";
import { signInReturnAndRefresh } from "./sign-in-return-and-refresh";
import { kongProductionReady } from "./kong-production-ready";
import { signingAlgorithms } from "./signing-algorithms";
import { zpaGroupsMatchKong } from "./zpa-groups-match-kong";
import { zpaSegmentLeastPrivilege } from "./zpa-segment-least-privilege";
import { edgeTlsChain } from "./edge-tls-chain";
import { edgePathReachable } from "./edge-path-reachable";
import { edgeClientAddress } from "./edge-client-address";
import { kongNoPlaintextListener } from "./kong-no-plaintext-listener";
import { upstreamNotInternalMetadata } from "./upstream-not-internal-metadata";
import { pingAccessRulesMatchKong } from "./pingaccess-rules-match-kong";
import { pingAuthVerifiesCertificate } from "./ping-auth-verifies-certificate";
import { pingAuthSecretByReference } from "./ping-auth-secret-by-reference";
import { pingAuthHttp1Only, pingAuthTrustsPingAccessCa } from "./ping-auth-listener";
import { requestIdNotClientChosen, tracesWithoutCredentials } from "./audit-trail";

/** The policy pack's name, as `pulumi preview` and `kis plan` print it. */
export const IDENTITY_POLICY_PACK_NAME = "kis-identity";
/** Pack-wide enforcement level: a policy without its own level is mandatory. */
export const IDENTITY_POLICY_PACK_ENFORCEMENT = "mandatory" as const;

/**
 * Every policy of the identity pack. Tests and `kis plan` run this array directly; `index.ts` (the pack's
 * entry point, the only place that constructs the PolicyPack) serves it to the engine. Append new rules.
 */
export const identityPolicies: IdentityPolicy[] = [
  audienceRequired,
  accessTokenLifetime,
  refreshTokenLifetime,
  issuerConsistency,
  signingAlgorithms,
  clockLeeway,
  clientSecretRotation,
  redirectUrisHttps,
  leastPrivilegeGrants,
  kongAdminPrivate,
  secretsAreSecret,
  f5TlsOnly,
  f5StripsIdentityHeaders,
  edgeHeadersTrustedOnlyFromEdge,
  zpaSegmentLeastPrivilege,
  zpaGroupsMatchKong,
  auditLogNoCredentials,
  kongConfigSize,
  edgeTlsChain,
  edgePathReachable,
  edgeClientAddress,
  kongNoPlaintextListener,
  redirectUriConsistency,
  sessionCookieSecure,
  sessionLifetime,
  signInReturnAndRefresh,
  kongProductionReady,
  clientSecretByReference,
  upstreamNotInternalMetadata,
  pingAccessRulesMatchKong,
  pingAuthVerifiesCertificate,
  pingAuthSecretByReference,
  pingAuthHttp1Only,
  pingAuthTrustsPingAccessCa,
  tracesWithoutCredentials,
  requestIdNotClientChosen,
];

export * from "./identity-policy";
export * from "./policy-config";
export * from "./secret-visibility";
export * from "./violation";
export {
  edgeClientAddress,
  edgePathReachable,
  edgeTlsChain,
  kongNoPlaintextListener,
  accessTokenLifetime,
  audienceRequired,
  clientSecretByReference,
  auditLogNoCredentials,
  clientSecretRotation,
  clockLeeway,
  edgeHeadersTrustedOnlyFromEdge,
  f5StripsIdentityHeaders,
  f5TlsOnly,
  issuerConsistency,
  kongAdminPrivate,
  kongConfigSize,
  leastPrivilegeGrants,
  redirectUriConsistency,
  redirectUrisHttps,
  refreshTokenLifetime,
  secretsAreSecret,
  sessionCookieSecure,
  sessionLifetime,
  signInReturnAndRefresh,
  kongProductionReady,
  signingAlgorithms,
  zpaGroupsMatchKong,
  zpaSegmentLeastPrivilege,
  upstreamNotInternalMetadata,
  pingAccessRulesMatchKong,
  pingAuthVerifiesCertificate,
  pingAuthSecretByReference,
  pingAuthHttp1Only,
  pingAuthTrustsPingAccessCa,
  tracesWithoutCredentials,
  requestIdNotClientChosen,
};
