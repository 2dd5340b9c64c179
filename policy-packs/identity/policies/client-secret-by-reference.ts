import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKongConfig } from "./kong-config";
import { strings, text } from "./props";
import { K8S_CONFIG_MAP } from "./resource-types";
import { groupBy, nameList, violation } from "./violation";

/** A Kong vault reference (`{vault://<vault>/<name>}`), the only form a secret may take in kong.yml. */
export const VAULT_REFERENCE = /^\{vault:\/\/[a-z0-9_-]+\/[^{}\s]+\}$/i;

/**
 * client-secret-by-reference: kong.yml sits in a ConfigMap (readable by anyone who can read the namespace, and
 * shown in plans and diffs), so openid-connect's client_secret and session_secret appear there only as vault
 * references (`{vault://env/...}`), whose values Kong reads from its environment at runtime.
 */
export const clientSecretByReference: ResourceValidationPolicy = {
  name: "client-secret-by-reference",
  description: "openid-connect client_secret and session_secret in kong.yml are vault references ({vault://env/...}), never literal values.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Let the stack generate sign-in routes (routes[].signIn): it puts the secrets in a Kubernetes Secret and kong.yml names them {vault://env/...}.",
  validateResource: (args, report) => {
    if (args.type !== K8S_CONFIG_MAP) return;
    const kong = readKongConfig(args.props);
    if (!kong) return;
    const found: { route: string; field: string }[] = [];
    for (const route of kong.routes) {
      for (const plugin of route.plugins) {
        if (plugin.name !== "openid-connect") continue;
        if (strings(plugin.config["client_secret"]).some((v) => !VAULT_REFERENCE.test(v))) found.push({ route: route.name, field: "client_secret" });
        const session = text(plugin.config["session_secret"]);
        if (session !== undefined && !VAULT_REFERENCE.test(session)) found.push({ route: route.name, field: "session_secret" });
      }
    }
    // Never quote the value: the message would leak the secret it reports.
    for (const [field, items] of groupBy(found, (f) => f.field)) {
      report(
        violation(
          args,
          `routes ${nameList(items.map((i) => i.route))}: openid-connect ${field} is a literal value in kong.yml`,
          `store it in a Kubernetes Secret exposed to Kong as an environment variable and write ${field}: "{vault://env/<name>}" (routes[].signIn does this)`,
        ),
      );
    }
  },
};
