/**
 * PingAccess plugin class names the stack writes. JwksEndpoint is confirmed by PingAccess's own Terraform
 * examples. The OAuth scope and attribute-value rules' class names appear in no public source: the provider
 * picks them from the server's `GET /rules/descriptors` at deploy time (rule-descriptors.ts), so the plan
 * shows these placeholders where the class goes.
 */
export const JWKS_VALIDATOR_CLASS = "com.pingidentity.pa.accesstokenvalidators.JwksEndpoint";
export const OAUTH_SCOPE_RULE_CLASS = "{OAuth scope rule type from GET /rules/descriptors}";
export const OAUTH_ATTRIBUTE_RULE_CLASS = "{OAuth attribute-value rule type from GET /rules/descriptors}";

/** RuleSet success criteria (Admin API enum): any one element admits the request. */
export const ANY_ONE_SUCCEEDS = "SuccessIfAnyOneSucceeds";
export const ALL_SUCCEED = "SuccessIfAllSucceed";
