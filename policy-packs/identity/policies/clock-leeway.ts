import type { ResourceValidationPolicy } from "@pulumi/policy";
import { readKongConfig, pluginOf } from "./kong-config";
import { readConfig } from "./policy-config";
import { num } from "./props";
import { K8S_CONFIG_MAP } from "./resource-types";
import { groupBy, nameList, violation } from "./violation";

export interface ClockLeewayConfig {
  maxSeconds: number;
}

export const CLOCK_LEEWAY_DEFAULTS: ClockLeewayConfig = { maxSeconds: 120 };

/**
 * clock-leeway: Kong accepts a token outside its exp/nbf/iat window only within a small leeway.
 * Reads the openid-connect `leeway` of every route in the kong.yml ConfigMap. (The OSS jwt plugin has no
 * leeway at all: nothing to bound there.)
 */
export const clockLeeway: ResourceValidationPolicy = {
  name: "clock-leeway",
  description:
    "Kong may accept an expired or not-yet-valid token only within a small clock leeway (default at most 120 seconds; RFC 8725 and the IdPs suggest a few minutes at most).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      maxSeconds: {
        type: "integer",
        minimum: 0,
        maximum: 3600,
        default: CLOCK_LEEWAY_DEFAULTS.maxSeconds,
        description: "largest openid-connect leeway allowed, in seconds",
      },
    },
  },
  remediationSteps: "Lower identity.leewaySeconds in the stack config (it feeds the openid-connect leeway of every route).",
  validateResource: (args, report) => {
    if (args.type !== K8S_CONFIG_MAP) return;
    const kong = readKongConfig(args.props);
    if (!kong) return;
    const { maxSeconds } = readConfig(args, CLOCK_LEEWAY_DEFAULTS);
    const tooLoose = kong.routes.flatMap((route) => {
      const leeway = num(pluginOf(route, "openid-connect")?.config["leeway"]);
      return leeway !== undefined && leeway > maxSeconds ? [{ route: route.name, leeway }] : [];
    });
    for (const [leeway, routes] of groupBy(tooLoose, (r) => String(r.leeway))) {
      report(
        violation(
          args,
          `routes ${nameList(routes.map((r) => r.route))} accept tokens up to ${leeway} s outside their validity (openid-connect leeway), more than ${maxSeconds} s`,
          `set identity.leewaySeconds to at most ${maxSeconds} in the stack config (60 is the stack's default)`,
        ),
      );
    }
  },
};
