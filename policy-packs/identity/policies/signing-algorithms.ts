import type { ResourceValidationArgs, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { isAsymmetric } from "./algorithms";
import { readKongConfig, pluginOf } from "./kong-config";
import { record, strings, text } from "./props";
import { registrationsIn } from "./registrations";
import { K8S_CONFIG_MAP } from "./resource-types";
import type { IdentityPolicy } from "./identity-policy";
import { groupBy, nameList, quote, quoteList, violation } from "./violation";

/**
 * signing-algorithms: tokens are verified with asymmetric algorithms only (RS*, PS*, ES*), never `none` or a
 * shared secret (HS*): with HS* anyone who knows the "secret" — for a public-key IdP, its public key — can
 * mint tokens. Checks Kong's kong.yml (openid-connect `enable_hs_signatures`, `verify_signature`; jwt
 * credentials' `algorithm`) and, as a stack check, the algorithms each IdP registration's contract lists.
 */
export const signingAlgorithms: IdentityPolicy = {
  name: "signing-algorithms",
  description:
    "Tokens are verified with asymmetric algorithms only (RS*, PS*, ES*): never none or HS*, and Kong Enterprise's enable_hs_signatures stays off.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove HS* from identity.signingAlgorithms (RS256 is what Entra, Okta and Cognito sign with) and keep openid-connect verify_signature on.",
  validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
    if (args.type !== K8S_CONFIG_MAP) return;
    const kong = readKongConfig(args.props);
    if (!kong) return;
    const problems: { route: string; problem: string }[] = [];
    for (const route of kong.routes) {
      const oidc = pluginOf(route, "openid-connect");
      if (oidc?.config["enable_hs_signatures"] === true) {
        problems.push({ route: route.name, problem: "openid-connect enable_hs_signatures is true: HS* (shared-secret) tokens are accepted" });
      }
      if (oidc?.config["verify_signature"] === false) {
        problems.push({ route: route.name, problem: "openid-connect verify_signature is false: token signatures are not checked at all" });
      }
    }
    for (const [problem, items] of groupBy(problems, (p) => p.problem)) {
      report(
        violation(
          args,
          `routes ${nameList(items.map((i) => i.route))}: ${problem}`,
          problem.includes("verify_signature")
            ? "remove verify_signature: false (the stack always sets true)"
            : "remove HS256/HS384/HS512 from identity.signingAlgorithms so enable_hs_signatures is false",
        ),
      );
    }
    for (const consumer of kong.consumers) {
      const username = text(consumer["username"]) ?? "(consumer)";
      const credentials = Array.isArray(consumer["jwt_secrets"]) ? consumer["jwt_secrets"] : [];
      const bad = credentials.map(record).filter((c) => c && !isAsymmetric(c["algorithm"] ?? "HS256"));
      if (bad.length > 0) {
        report(
          violation(
            args,
            `consumer ${username} holds jwt credentials with ${quoteList([...new Set(bad.map((c) => c?.["algorithm"] ?? "HS256 (Kong's default)"))])}`,
            "use RS256 credentials built from the IdP's JWKS (the OSS edition does this from the contract)",
          ),
        );
      }
    }
  },
  validateStack: (args: StackValidationArgs, report: ReportViolation) => {
    for (const { resource, contract } of registrationsIn(args.resources)) {
      const listed = strings(contract.algorithms);
      const bad = listed.filter((a) => !isAsymmetric(a));
      if (listed.length === 0) {
        report(
          violation(resource, `the identity contract of ${contract.name} pins no signing algorithm`, "pin RS256 (identity.signingAlgorithms)"),
          resource.urn,
        );
      } else if (bad.length > 0) {
        report(
          violation(
            resource,
            `the identity contract of ${contract.name} (${contract.issuer}) accepts ${quoteList(bad)}; ${quote(contract.provider)} signs access tokens with an asymmetric key (RS256)`,
            `remove ${bad.join(", ")} from identity.signingAlgorithms (or leave it unset for RS256)`,
          ),
          resource.urn,
        );
      }
    }
  },
};
