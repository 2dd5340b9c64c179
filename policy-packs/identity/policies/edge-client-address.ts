import type { StackValidationPolicy } from "@pulumi/policy";
import { addressTrustingRoutes, kongProxies } from "./edge-facts";
import { nameList, violation } from "./violation";

const EXTERNAL = ["LoadBalancer", "NodePort"];

/**
 * edge-client-address: a route that admits only listed addresses (ip-restriction, which matches the TCP peer,
 * Kong's binary_remote_addr) must see the real peer. Behind a LoadBalancer or NodePort Service with
 * externalTrafficPolicy Cluster (Kubernetes' default), a node forwarding to a pod elsewhere SNATs the source
 * to its own address: every edge request to such a route would get 403.
 */
export const edgeClientAddress: StackValidationPolicy = {
  name: "edge-client-address",
  description: "Routes that admit only the edge's addresses see the real TCP peer (externalTrafficPolicy Local on a LoadBalancer/NodePort proxy).",
  enforcementLevel: "mandatory",
  remediationSteps: "Remove kong.proxyExternalTrafficPolicy: Cluster (the stack then sets Local), or use a ClusterIP proxy reached directly (CIS cluster mode).",
  validateStack: (args, report) => {
    const trusting = addressTrustingRoutes(args.resources);
    if (trusting.length === 0) return;
    const routes = trusting.flatMap((t) => t.routes);
    for (const proxy of kongProxies(args.resources)) {
      if (!EXTERNAL.includes(proxy.type) || proxy.externalTrafficPolicy === "Local") continue;
      report(
        violation(
          proxy.resource,
          `routes ${nameList(routes)} admit only edge addresses (f5.apm.trustedRoutes, f5.selfIps/snatAddresses), but the ${proxy.type} proxy Service uses externalTrafficPolicy ${proxy.externalTrafficPolicy ?? "Cluster (default)"} (kong.proxyExternalTrafficPolicy), so Kong sees a node address and answers 403`,
          "remove kong.proxyExternalTrafficPolicy or set it to Local",
        ),
        proxy.resource.urn,
      );
    }
  },
};
