import type { ResourceValidationPolicy } from "@pulumi/policy";
import { headerHygieneProblems } from "../../../components/f5/as3/inspect";
import { cisHygieneProblems } from "../../../components/f5/cis/inspect";
import { AS3_TENANT_TYPE, CIS_VIRTUAL_SERVER_TYPE, displayName } from "./f5-resource-types";
import { violation } from "./violation";

const REMEDIATION =
  "Attach the header-hygiene iRule the stack generates (components/f5 buildHeaderHygieneIRule; in CIS mode create it on the " +
  "BIG-IP and list it in spec.iRules): in HTTP_REQUEST it removes x-authenticated-*, x-consumer-*, x-credential-*, x-anonymous-*, x-userinfo, " +
  "x-forwarded-*, forwarded, x-real-ip, x-request-id and every header APM forwards, then inserts X-Request-ID.";

const AS3_FIX =
  "attach the stack's header-hygiene iRule (components/f5 buildHeaderHygieneIRule) to the service: it removes every identity header " +
  "(Kong's, APM's, X-Forwarded-*) from client requests and inserts X-Request-ID";
const CIS_FIX =
  "create the stack's header-hygiene iRule (components/f5 buildHeaderHygieneIRule) on the BIG-IP, name it in the " +
  "kong-identity-stack/header-hygiene-irule annotation and list it in spec.iRules (buildCisVirtualServer does both)";

/**
 * f5-strips-identity-headers: every HTTP(S) virtual server in front of Kong removes, from each client request,
 * every identity header Kong or the upstreams trust (and any client copy of what APM forwards), and inserts
 * the edge's X-Request-ID. AS3: the iRule text in the declaration is read; CIS: the VirtualServer must attach
 * the iRule its annotation names (the text lives on the BIG-IP, out of the policy's sight).
 */
export const f5StripsIdentityHeaders: ResourceValidationPolicy = {
  name: "f5-strips-identity-headers",
  description: "The F5 edge strips every client-supplied identity header (Kong's, APM's, X-Forwarded-*) and inserts X-Request-ID.",
  enforcementLevel: "mandatory",
  remediationSteps: REMEDIATION,
  validateResource: (args, reportViolation) => {
    const props = args.props as Record<string, unknown>;
    let problems: string[] = [];
    let fix = AS3_FIX;
    if (args.type === AS3_TENANT_TYPE) {
      const trust = props["edgeTrust"] as { headers?: unknown } | undefined;
      const forwarded = Array.isArray(trust?.headers) ? trust.headers.filter((h): h is string => typeof h === "string") : [];
      problems = headerHygieneProblems(props["declaration"], forwarded);
    } else if (args.type === CIS_VIRTUAL_SERVER_TYPE) {
      problems = cisHygieneProblems(displayName(props, args.name), props["metadata"], props["spec"]);
      fix = CIS_FIX;
    }
    for (const problem of problems) reportViolation(violation(args, problem, fix));
  },
};
