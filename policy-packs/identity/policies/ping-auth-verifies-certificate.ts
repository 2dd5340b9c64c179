import type { ResourceValidationPolicy } from "@pulumi/policy";
import { pingAuthPlugins } from "./ping-auth-secret-by-reference";
import { stackOfUrn } from "./policy-config";
import type { Props } from "./props";
import { K8S_CONFIG_MAP } from "./resource-types";
import { violation } from "./violation";

/** A development stack: named `dev`, or `<something>-dev` / `dev-<something>` (pingaccess-dev, dev-eu). */
export const isDevStack = (stack: string | undefined): boolean => !!stack && /(^|-)dev($|-)/.test(stack);

/**
 * ping-auth-verifies-certificate: outside development, Kong verifies PingAccess's TLS certificate. Without it,
 * anyone on the path can answer the sideband calls, receive the shared secret and every request (bearer
 * tokens included), and allow what PingAccess would deny.
 */
export const pingAuthVerifiesCertificate: ResourceValidationPolicy = {
  name: "ping-auth-verifies-certificate",
  description: "ping-auth verifies PingAccess's certificate (verify_service_certificate is not false) on every stack but development ones (dev, *-dev, dev-*).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== K8S_CONFIG_MAP) return;
    const off = pingAuthPlugins(args.props as Props).filter((p) => p.config["verify_service_certificate"] === false);
    if (off.length === 0) return;
    const stack = stackOfUrn(args.urn);
    if (isDevStack(stack)) return;
    reportViolation(
      violation(
        args,
        `ping-auth on ${off.map((p) => p.where).join(", ")} does not verify PingAccess's certificate (verify_service_certificate: false) on stack ${JSON.stringify(stack ?? "?")}: whoever answers the sideband calls receives the shared secret and decides access`,
        "set pingaccess.verifyServiceCertificate: true and give PingAccess's engine listener a certificate Kong trusts (allowed off only on dev stacks)",
      ),
    );
  },
};
