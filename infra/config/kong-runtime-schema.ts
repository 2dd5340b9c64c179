import { z } from "zod";
import { expected, oneOf, show, strictObject } from "./primitives";

/**
 * How Kong's pods run (issue 23): what restarts them, what they may use, where the proxy Service's address comes
 * from. They extend the `kong` block (schema.ts spreads KONG_RUNTIME_SHAPE); the Helm values builder reads them.
 */

const quantity = (what: string) =>
  z.string({ error: expected(`a Kubernetes quantity for ${what}, such as 500m or 1Gi`) }).regex(/^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/, {
    error: expected(`a Kubernetes quantity for ${what}, such as 500m or 1Gi`),
  });

const ipv4 = z
  .string({ error: expected("an IPv4 address") })
  .regex(/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/, { error: expected("an IPv4 address") });

export const DEFAULT_KONG_RESOURCES = { requests: { cpu: "500m", memory: "1Gi" } } as const;

export const KONG_RUNTIME_SHAPE = {
  resources: strictObject({
    requests: strictObject({
      cpu: quantity("cpu").describe("CPU reserved per Kong pod, such as 500m."),
      memory: quantity("memory").describe("Memory reserved per Kong pod, such as 1Gi."),
    }).describe("What the scheduler reserves per Kong pod."),
    limits: strictObject({
      cpu: quantity("cpu").optional().describe("CPU limit per Kong pod. Default none."),
      memory: quantity("memory").optional().describe("Memory limit per Kong pod. Default none."),
    })
      .optional()
      .describe("Upper bounds per Kong pod. Default: none (a CPU limit throttles nginx workers)."),
  })
    .default({ requests: { ...DEFAULT_KONG_RESOURCES.requests } })
    .describe("Resources of Kong's proxy container `{requests: {cpu, memory}, limits}`. Default requests 500m CPU, 1Gi memory."),
  reloader: oneOf(["none", "stakater"] as const)
    .default("none")
    .describe(
      "Restart Kong when a Secret it reads at start but the stack does not own changes (kong.tls.secretName, e.g. renewed by cert-manager, and the licence): " +
        "`stakater` adds Stakater Reloader's annotation secret.reloader.stakater.com/reload to Kong's Deployment (Reloader must run in the cluster). " +
        "Default none: such a renewal reaches traffic only at the next restart. Secrets the stack owns roll the pods by themselves (pod-template hashes).",
    ),
  proxyLoadBalancerAddress: strictObject({
    ip: ipv4.describe("The address the proxy's LoadBalancer Service gets (and the F5 pool targets)."),
    annotation: z
      .string({ error: expected("a Service annotation name") })
      .regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9._-]+$/, { error: expected("a Service annotation name such as metallb.universe.tf/loadBalancerIPs") })
      .optional()
      .describe(
        "Set the address through this Service annotation (the cloud's or MetalLB's, e.g. metallb.universe.tf/loadBalancerIPs, service.beta.kubernetes.io/azure-load-balancer-ipv4) instead of spec.loadBalancerIP (deprecated since Kubernetes 1.24, still honoured by some providers).",
      ),
  })
    .optional()
    .describe("A fixed address for the LoadBalancer proxy Service `{ip, annotation}`. Required when f5.poolMembers lists static addresses in front of a LoadBalancer proxy: the pool must target this address."),
};

export interface KongRuntimeReferenceInput {
  readonly environment: string;
  readonly kong: {
    readonly proxyServiceType: string;
    readonly adminApi: { readonly enabled: boolean; readonly clientCaCertificate?: string | undefined; readonly allowedNamespaces?: readonly string[] | undefined };
    readonly proxyLoadBalancerAddress?: { readonly ip: string } | undefined;
  };
  readonly f5?: { readonly enabled: boolean; readonly mode: string; readonly poolMembers?: { readonly addresses?: readonly string[] | undefined } | undefined } | undefined;
}

/** Cross-checks of the runtime keys with the Admin API and the F5 pool. */
export function kongRuntimeCrossReferences(c: KongRuntimeReferenceInput, fail: (path: (string | number)[], message: string) => void): void {
  const admin = c.kong.adminApi;
  if (admin.enabled && !admin.clientCaCertificate) {
    fail(
      ["kong", "adminApi", "clientCaCertificate"],
      "an exposed Admin API must authenticate its clients (DB-less Kong has no RBAC users, and POST /config replaces the whole configuration): give the CA certificate (PEM) that issues admin client certificates, or set kong.adminApi.enabled: false",
    );
  }
  if (admin.enabled && (admin.allowedNamespaces ?? []).length === 0) {
    fail(["kong", "adminApi", "allowedNamespaces"], "an exposed Admin API needs the namespaces that may reach it (the NetworkPolicy admits only those); list them, or set kong.adminApi.enabled: false");
  }
  const lb = c.kong.proxyLoadBalancerAddress;
  if (lb && c.kong.proxyServiceType !== "LoadBalancer") {
    fail(["kong", "proxyLoadBalancerAddress"], `a fixed LoadBalancer address needs kong.proxyServiceType: LoadBalancer (it is ${show(c.kong.proxyServiceType)}); remove it or change the type`);
  }
  const addresses = c.f5?.enabled && c.f5.mode === "as3" ? (c.f5.poolMembers?.addresses ?? []) : [];
  if (addresses.length > 0 && c.kong.proxyServiceType === "LoadBalancer") {
    if (!lb) {
      fail(
        ["kong", "proxyLoadBalancerAddress"],
        `f5.poolMembers.addresses (${addresses.join(", ")}) must be the proxy Service's address, but nothing gives the LoadBalancer Service an address: set kong.proxyLoadBalancerAddress.ip to ${addresses[0]} (and its annotation where your load balancer needs one)`,
      );
    } else if (addresses.some((a) => a !== lb.ip)) {
      fail(
        ["f5", "poolMembers", "addresses"],
        `the pool targets ${addresses.join(", ")}, but the proxy's LoadBalancer Service gets ${lb.ip} (kong.proxyLoadBalancerAddress.ip): a LoadBalancer Service has one address; list only ${lb.ip}`,
      );
    }
  }
}
