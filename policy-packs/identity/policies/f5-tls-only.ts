import type { ResourceValidationPolicy } from "@pulumi/policy";
import { tlsProblems } from "../../../components/f5/as3/inspect";
import { cisTlsProfileProblems, cisVirtualServerTlsProblems } from "../../../components/f5/cis/inspect";
import { AS3_TENANT_TYPE, CIS_TLS_PROFILE_TYPE, CIS_VIRTUAL_SERVER_TYPE, displayName } from "./f5-resource-types";
import { violation } from "./violation";

const REMEDIATION =
  "Serve clients over HTTPS only (Service_HTTPS with serverTLS; port 80 only as a redirect: f5.redirectHttp / AS3 redirect80, " +
  'CIS httpTraffic "redirect") and re-encrypt to Kong (clientTLS; CIS TLSProfile termination "reencrypt").';

const AS3_FIX = "serve clients over HTTPS only (Service_HTTPS with serverTLS; port 80 only as a redirect: f5.redirectHttp / AS3 redirect80) and re-encrypt to Kong (clientTLS)";
const CIS_VIRTUAL_SERVER_FIX = 'set spec.tlsProfileName and httpTraffic "redirect" (or "none"), as the stack generates with f5.redirectHttp';
const CIS_TLS_PROFILE_FIX = 'set spec.tls.termination "reencrypt" so the BIG-IP re-encrypts to Kong';

/**
 * f5-tls-only: the F5 edge serves no plain HTTP except a redirect to https, and never forwards requests (bearer
 * tokens included) in clear to Kong. Checks AS3 tenants (every Service_* of the declaration) and CIS
 * VirtualServer/TLSProfile resources.
 */
export const f5TlsOnly: ResourceValidationPolicy = {
  name: "f5-tls-only",
  description: "The F5 edge serves HTTPS only (plain HTTP at most as a redirect to https) and re-encrypts to Kong.",
  enforcementLevel: "mandatory",
  remediationSteps: REMEDIATION,
  validateResource: (args, reportViolation) => {
    const props = args.props as Record<string, unknown>;
    const name = displayName(props, args.name);
    const [problems, fix]: [string[], string] =
      args.type === AS3_TENANT_TYPE
        ? [tlsProblems(props["declaration"]), AS3_FIX]
        : args.type === CIS_VIRTUAL_SERVER_TYPE
          ? [cisVirtualServerTlsProblems(name, props["spec"]), CIS_VIRTUAL_SERVER_FIX]
          : args.type === CIS_TLS_PROFILE_TYPE
            ? [cisTlsProfileProblems(name, props["spec"]), CIS_TLS_PROFILE_FIX]
            : [[], ""];
    for (const problem of problems) reportViolation(violation(args, problem, fix));
  },
};
