import type { ResourceValidationPolicy } from "@pulumi/policy";
import { helmValues, isKongRelease } from "./helm-values";
import { PRODUCTION_DEFAULTS, PRODUCTION_SCHEMA, isProduction, readConfig, type ProductionConfig } from "./policy-config";
import { list, num, record, text } from "./props";
import { HELM_RELEASE } from "./resource-types";
import { violation } from "./violation";

/**
 * kong-production-ready: in production, every Kong replica runs the same build (image pinned by digest: a
 * floating tag with IfNotPresent lets replicas run different patches), the scheduler reserves what Kong needs
 * (resource requests), and a node drain or zone loss cannot take every replica at once (two or more replicas,
 * a PodDisruptionBudget, topology spread). Reads the Kong Helm release's values.
 */
export const kongProductionReady: ResourceValidationPolicy = {
  name: "kong-production-ready",
  description:
    "In production Kong's image is pinned by digest, its pods request CPU and memory, two or more replicas have a PodDisruptionBudget and topology spread, and a certificate from a Secret the stack does not own restarts Kong when renewed.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: { properties: { ...PRODUCTION_SCHEMA } },
  remediationSteps: "Set kong.image.digest (sha256:...) and kong.replicas >= 2 (the stack then adds requests, a PodDisruptionBudget and topology spread).",
  validateResource: (args, report) => {
    if (args.type !== HELM_RELEASE || !isKongRelease(args.props)) return;
    if (!isProduction(readConfig<ProductionConfig>(args, PRODUCTION_DEFAULTS), args.urn)) return;
    const values = helmValues(args.props);
    const image = record(values["image"]) ?? {};
    const pinned = text(image["unifiedRepoTag"]) ?? "";
    if (!/@sha256:[0-9a-f]{64}$/.test(pinned)) {
      report(violation(args, `Kong's image ${text(image["repository"]) ?? "?"}:${text(image["tag"]) ?? "?"} is not pinned by digest, so replicas may run different builds`, "set kong.image.digest to the sha256 digest of the image you tested"));
    }
    const requests = record(record(values["resources"])?.["requests"]) ?? {};
    if (!text(requests["cpu"]) || !text(requests["memory"])) {
      report(violation(args, "Kong's pods request no CPU or memory, so the scheduler may pack them onto nodes that cannot serve them", "set kong.resources.requests {cpu, memory}"));
    }
    // Kong reads its certificate once, at start. A Secret the stack owns is hashed into the pod template; one it does
    // not own (kong.tls.secretName, e.g. cert-manager's) is renewed outside any plan and reaches traffic only when
    // something restarts the pods, or never before it expires.
    const env = record(values["env"]) ?? {};
    const podAnnotations = record(values["podAnnotations"]) ?? {};
    const deploymentAnnotations = record(values["deploymentAnnotations"]) ?? {};
    if (text(env["ssl_cert"]) && !text(podAnnotations["kong-identity-stack/tls-checksum"]) && !text(deploymentAnnotations["secret.reloader.stakater.com/reload"])) {
      report(
        violation(
          args,
          "Kong's certificate comes from a Secret the stack does not own and nothing restarts Kong when it is renewed, so the old certificate stays in use until it expires",
          "set kong.reloader: stakater (with Stakater Reloader in the cluster), or let the stack own the certificate (kong.tls.certificate)",
        ),
      );
    }
    const replicas = num(values["replicaCount"]) ?? 1;
    if (replicas < 2) {
      report(violation(args, `Kong runs ${replicas} replica, so every node drain or upgrade is an outage`, "set kong.replicas to 2 or more"));
      return;
    }
    if (record(values["podDisruptionBudget"])?.["enabled"] !== true) {
      report(violation(args, "Kong has no PodDisruptionBudget, so a node drain may evict every replica at once", "let the stack add it (kong.replicas >= 2)"));
    }
    if (list(values["topologySpreadConstraints"]).length === 0) {
      report(violation(args, "Kong's replicas have no topology spread, so they may all land on one node or zone", "let the stack add it (kong.replicas >= 2)"));
    }
  },
};
