/**
 * Type tokens the identity rules read. Policies see resources only as (type, name, props); these are the
 * tokens of @pulumi/azuread 6.9.1, @pulumi/okta 7.0.0, @pulumi/aws 7.48.0 and @pulumi/kubernetes 4.34.2.
 */
export const ENTRA_APPLICATION = "azuread:index/application:Application";
export const ENTRA_IDENTIFIER_URI = "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri";
export const ENTRA_PASSWORD = "azuread:index/applicationPassword:ApplicationPassword";

export const OKTA_AUTH_SERVER = "okta:auth/server:Server";
export const OKTA_POLICY_RULE = "okta:auth/serverPolicyRule:ServerPolicyRule";
export const OKTA_OAUTH_APP = "okta:app/oAuth:OAuth";

export const COGNITO_CLIENT = "aws:cognito/userPoolClient:UserPoolClient";
export const COGNITO_RESOURCE_SERVER = "aws:cognito/resourceServer:ResourceServer";

export const K8S_CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
export const K8S_SECRET = "kubernetes:core/v1:Secret";
export const K8S_SERVICE = "kubernetes:core/v1:Service";
export const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
