/**
 * The F5 facts every layer shares, written once: the type tokens of the resources the stack registers for a
 * BIG-IP (the AS3 tenant's dynamic resource, the CIS custom resources) and the AS3 API paths. Policies, the
 * offline plan's mocks and artifacts recognise resources by these. No dependencies: importable from anywhere.
 */
export const AS3_DYNAMIC_MODULE = "f5";
export const AS3_TENANT_KIND = "As3Tenant";
export const AS3_TENANT_TYPE = `pulumi-nodejs:dynamic/${AS3_DYNAMIC_MODULE}:${AS3_TENANT_KIND}`;

/** The CIS custom resources (CRDs in ../shared/schemas/f5/cis/), as Kubernetes objects of the Pulumi kubernetes provider. */
export const CIS_API_VERSION = "cis.f5.com/v1";
export const CIS_VIRTUAL_SERVER_TYPE = `kubernetes:${CIS_API_VERSION}:VirtualServer`;
export const CIS_TLS_PROFILE_TYPE = `kubernetes:${CIS_API_VERSION}:TLSProfile`;

/** BIG-IP AS3 (`/mgmt/shared/appsvcs`) and the login that issues its tokens. */
export const AS3_LOGIN_PATH = "/mgmt/shared/authn/login";
export const AS3_DECLARE_PATH = "/mgmt/shared/appsvcs/declare";
export const AS3_TASK_PATH = "/mgmt/shared/appsvcs/task";
