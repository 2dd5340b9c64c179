/**
 * PingAccess plugin class names the stack writes. JwksEndpoint is confirmed by PingAccess's own Terraform
 * examples; the two rule classes follow PingAccess's naming of its bundled rules and are checked against the
 * server's `GET /rules/descriptors` before any rule is created (a server without them gets a clear error,
 * not a half-made policy). The loopback stand-in cannot prove them: see docs/pingaccess.md.
 */
export const JWKS_VALIDATOR_CLASS = "com.pingidentity.pa.accesstokenvalidators.JwksEndpoint";
export const OAUTH_SCOPE_RULE_CLASS = "com.pingidentity.pa.policy.OAuthScopePolicyInterceptor";
export const OAUTH_ATTRIBUTE_RULE_CLASS = "com.pingidentity.pa.policy.OAuthAttributeValuePolicyInterceptor";

/** RuleSet success criteria (Admin API enum): any one element admits the request. */
export const ANY_ONE_SUCCEEDS = "SuccessIfAnyOneSucceeds";
export const ALL_SUCCEED = "SuccessIfAllSucceed";
