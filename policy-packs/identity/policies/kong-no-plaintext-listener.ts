import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isKongRelease } from "./helm-values";
import { kongProxies } from "./edge-facts";
import { readConfig } from "./policy-config";
import { HELM_RELEASE } from "./resource-types";
import { violation } from "./violation";

export interface KongNoPlaintextListenerConfig {
  allowHttpRedirect: boolean;
}

export const KONG_NO_PLAINTEXT_DEFAULTS: KongNoPlaintextListenerConfig = { allowHttpRedirect: false };

/**
 * kong-no-plaintext-listener: Kong's proxy opens no plain-HTTP listener. The chart opens port 80 (8000) by
 * default; Kong then answers an https-only route with 426 (or a redirect), but only after the client has sent
 * its request, bearer token included, in clear. An environment may allow the redirect listener explicitly
 * (allowHttpRedirect) for clients that cannot be changed. The Admin API listener is kong-admin-private's; the
 * status listener (8100, readiness probes, no Service) stays, see docs/edge-path.md.
 */
export const kongNoPlaintextListener: ResourceValidationPolicy = {
  name: "kong-no-plaintext-listener",
  description: "Kong's proxy has no plain-HTTP listener (the chart opens port 80 unless told otherwise).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowHttpRedirect: {
        type: "boolean",
        default: KONG_NO_PLAINTEXT_DEFAULTS.allowHttpRedirect,
        description: "allow the plain-HTTP listener that only redirects to https (kong.proxyHttp: redirect)",
      },
    },
  },
  remediationSteps: "Set kong.proxyHttp: off (the default); the stack then sets proxy.http.enabled false.",
  validateResource: (args, report) => {
    if (args.type !== HELM_RELEASE || !isKongRelease(args.props)) return;
    const { allowHttpRedirect } = readConfig(args, KONG_NO_PLAINTEXT_DEFAULTS);
    const [proxy] = kongProxies([args]);
    if (!proxy?.httpEnabled || allowHttpRedirect) return;
    report(
      violation(
        args,
        "Kong's proxy listens on plain http (proxy.http.enabled, port 80 → 8000; kong.proxyHttp is redirect, or the chart default), so a client's bearer token crosses the network in clear before Kong answers",
        'set kong.proxyHttp: off, or allow the redirect listener for this environment (policy config kong-no-plaintext-listener.allowHttpRedirect: true)',
      ),
    );
  },
};
