import type { StackValidationPolicy } from "@pulumi/policy";
import { as3KongLinks, cisKongLinks, kongProxies } from "./edge-facts";
import { violation } from "./violation";

/**
 * edge-path-reachable: the BIG-IP can open a connection to Kong's proxy. A ClusterIP Service has no address
 * outside the cluster, so an AS3 pool of static addresses cannot mean it; cluster DNS names
 * (*.svc.cluster.local) do not resolve on a BIG-IP outside the cluster; the pool's port is the proxy's TLS
 * port as the Service publishes it (LoadBalancer: servicePort; NodePort: the TLS nodePort).
 */
export const edgePathReachable: StackValidationPolicy = {
  name: "edge-path-reachable",
  description: "The F5 pool members and port fit Kong's proxy Service type, so the BIG-IP can reach Kong's TLS listener.",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Make kong.proxyServiceType LoadBalancer (pool: its addresses, port 443) or NodePort (pool: node addresses, f5.poolMembers.port = the TLS NodePort), or use f5.mode cis.",
  validateStack: (args, report) => {
    const proxies = kongProxies(args.resources);
    for (const proxy of proxies) {
      if (!proxy.tlsEnabled) {
        report(violation(proxy.resource, "Kong's proxy TLS listener is disabled (proxy.tls.enabled false): nothing can reach Kong over https", "keep proxy.tls.enabled true (the stack's default)"), proxy.resource.urn);
      }
    }
    const proxy = proxies[0];
    if (!proxy) return;
    for (const link of as3KongLinks(args.resources)) {
      for (const pool of link.pools) {
        const at = `AS3 pool ${link.path.split("/").slice(0, 2).join("/")}/${pool.name}`;
        if (pool.addresses.length > 0 && proxy.type === "ClusterIP") {
          report(
            violation(
              link.resource,
              `${at} lists static addresses ${pool.addresses.join(", ")} (f5.poolMembers.addresses), but Kong's proxy Service is ClusterIP (kong.proxyServiceType), which has no address the BIG-IP can reach`,
              "set kong.proxyServiceType to NodePort (pool: node addresses and the TLS NodePort) or LoadBalancer (pool: its addresses), or use f5.mode cis",
            ),
            link.resource.urn,
          );
          continue;
        }
        if (pool.fqdn?.endsWith(".svc.cluster.local")) {
          report(
            violation(
              link.resource,
              `${at} resolves ${pool.fqdn} (f5.poolMembers.fqdn, or its default), a cluster DNS name the BIG-IP outside the cluster cannot resolve`,
              "set f5.poolMembers.addresses to the proxy's LoadBalancer or node addresses, or f5.poolMembers.fqdn to a name in your DNS",
            ),
            link.resource.urn,
          );
          continue;
        }
        const expected = proxy.type === "NodePort" ? proxy.tlsNodePort : proxy.tlsServicePort;
        if (pool.addresses.length > 0 && expected !== undefined && pool.port !== expected) {
          report(
            violation(
              link.resource,
              `${at} sends to port ${pool.port} (f5.poolMembers.port), but Kong's ${proxy.type} proxy Service publishes TLS on ${expected} (kong.proxyServiceType)`,
              `set f5.poolMembers.port to ${expected}`,
            ),
            link.resource.urn,
          );
        }
        if (pool.addresses.length > 0 && proxy.type === "NodePort" && proxy.tlsNodePort === undefined) {
          report(
            violation(
              link.resource,
              `${at} targets node addresses, but Kong's NodePort Service gets a random TLS nodePort (kong.proxyServiceType NodePort without a fixed port)`,
              "let the stack fix proxy.tls.nodePort from f5.poolMembers.port (30000-32767)",
            ),
            link.resource.urn,
          );
        }
      }
    }
    for (const cis of cisKongLinks(args.resources)) {
      const wrong = cis.servicePorts.filter((p) => p !== proxy.tlsServicePort);
      if (wrong.length > 0) {
        report(
          violation(
            cis.resource,
            `CIS VirtualServer ${cis.name} pools Kong's Service on port ${wrong.join(", ")} (f5.poolMembers.port), but the proxy publishes TLS on ${proxy.tlsServicePort}`,
            `set f5.poolMembers.port to ${proxy.tlsServicePort}`,
          ),
          cis.resource.urn,
        );
      }
    }
  },
};
