import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isVaultReference } from "../../../components/kong/vault/reference";
import { readKongConfig } from "./kong-config";
import { record, type Props } from "./props";
import { K8S_CONFIG_MAP } from "./resource-types";
import { violation } from "./violation";

/** The ping-auth plugins in a kong.yml, with where they run. */
export function pingAuthPlugins(configMapProps: Props): { where: string; config: Props }[] {
  const view = readKongConfig(configMapProps);
  if (!view) return [];
  return view.routes.flatMap((route) =>
    route.plugins.filter((p) => p.name === "ping-auth").map((p) => ({ where: `route ${route.name}`, config: record(p.config) ?? {} })),
  );
}

/**
 * ping-auth-secret-by-reference: the sideband shared secret is never a literal in kong.yml (a ConfigMap,
 * readable by anyone who can read the namespace, and in every plan artifact); it must be a Kong vault
 * reference such as `{vault://env/pingaccess-shared-secret}`.
 */
export const pingAuthSecretByReference: ResourceValidationPolicy = {
  name: "ping-auth-secret-by-reference",
  description: "Every ping-auth plugin names its shared_secret through a Kong vault reference ({vault://...}), never as a literal in kong.yml.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== K8S_CONFIG_MAP) return;
    const literal = pingAuthPlugins(args.props as Props).filter((p) => !isVaultReference(p.config["shared_secret"]) && !/^\{vault:\/\/.+\}$/.test(String(p.config["shared_secret"] ?? "")));
    if (literal.length === 0) return;
    reportViolation(
      violation(
        args,
        `ping-auth on ${literal.map((p) => p.where).join(", ")} holds a literal shared_secret: the PingAccess sideband secret would sit in clear in kong.yml and every plan artifact`,
        "use a vault reference (the stack writes {vault://env/pingaccess-shared-secret}, backed by a Kubernetes Secret exposed to the Kong pods)",
      ),
    );
  },
};
