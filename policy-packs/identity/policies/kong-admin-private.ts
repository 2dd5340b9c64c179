import type { ResourceValidationPolicy } from "@pulumi/policy";
import { helmValues, isKongRelease } from "./helm-values";
import { list, num, record, text, type Props } from "./props";
import { HELM_RELEASE, K8S_SERVICE } from "./resource-types";
import { quote, violation } from "./violation";

/** Service types that make a port reachable from outside the cluster. */
const EXTERNAL_SERVICE_TYPES = ["LoadBalancer", "NodePort"];
/** Kong's Admin API ports (http, https). */
const ADMIN_PORTS = [8001, 8444];
/** Chart defaults (Kong/charts kong 3.4.1 values.yaml): the admin service is NodePort when enabled. */
const CHART_DEFAULT_SERVICE_TYPE = "NodePort";

/**
 * kong-admin-private: whoever reaches Kong's Admin API can rewrite every route and plugin, token validation
 * included. It must stay off (the chart's and the stack's default) or inside the cluster (ClusterIP, TLS).
 * Reads the Kong Helm release's values and any Kubernetes Service that publishes an admin port.
 */
export const kongAdminPrivate: ResourceValidationPolicy = {
  name: "kong-admin-private",
  description:
    "Kong's Admin API (and Kong Manager) is not exposed outside the cluster: no LoadBalancer or NodePort service, no ingress, no plaintext listener.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Set kong.adminApi.enabled: false (default) or kong.adminApi.serviceType: ClusterIP and reach it with kubectl port-forward.",
  validateResource: (args, report) => {
    if (args.type === HELM_RELEASE && isKongRelease(args.props)) {
      for (const problem of releaseProblems(helmValues(args.props))) report(violation(args, problem.problem, problem.fix));
    }
    if (args.type === K8S_SERVICE) {
      const spec = record(args.props["spec"]) ?? {};
      const type = text(spec["type"]) ?? "ClusterIP";
      const ports = list(spec["ports"]).map((p) => num(record(p)?.["targetPort"]) ?? num(record(p)?.["port"]));
      const admin = ports.filter((p): p is number => p !== undefined && ADMIN_PORTS.includes(p));
      if (EXTERNAL_SERVICE_TYPES.includes(type) && admin.length > 0) {
        report(
          violation(
            args,
            `a ${type} service publishes Kong Admin API port ${admin.join(", ")} outside the cluster`,
            "make the service ClusterIP (and reach the Admin API with kubectl port-forward) or remove it",
          ),
        );
      }
    }
  },
};

function releaseProblems(values: Props): { problem: string; fix: string }[] {
  const problems: { problem: string; fix: string }[] = [];
  const admin = record(values["admin"]) ?? {};
  if (admin["enabled"] === true) {
    const type = text(admin["type"]) ?? CHART_DEFAULT_SERVICE_TYPE;
    if (EXTERNAL_SERVICE_TYPES.includes(type)) {
      problems.push({
        problem: `the Admin API service is enabled with type ${quote(type)}, reachable from outside the cluster`,
        fix: "set kong.adminApi.enabled: false, or kong.adminApi.serviceType: ClusterIP",
      });
    }
    if (record(admin["http"])?.["enabled"] === true) {
      problems.push({
        problem: "the Admin API listens on plaintext http (admin.http.enabled)",
        fix: "keep admin.http.enabled false; the stack enables the TLS listener only",
      });
    }
  }
  if (record(admin["ingress"])?.["enabled"] === true) {
    problems.push({
      problem: "an ingress publishes the Admin API (admin.ingress.enabled)",
      fix: "remove the admin ingress; use kubectl port-forward for administration",
    });
  }
  const manager = record(values["manager"]);
  // The chart enables Kong Manager as a NodePort service unless values turn it off.
  const managerEnabled = manager?.["enabled"] !== false;
  const managerType = text(manager?.["type"]) ?? CHART_DEFAULT_SERVICE_TYPE;
  if (managerEnabled && EXTERNAL_SERVICE_TYPES.includes(managerType)) {
    problems.push({
      problem: `Kong Manager (the Admin GUI) is ${manager ? "enabled" : "left at the chart default (enabled)"} as a ${managerType} service`,
      fix: "set manager.enabled: false in the release values (the stack does)",
    });
  }
  // manager.enabled: false removes only the Service: with Enterprise the chart still sets KONG_ADMIN_GUI_LISTEN from
  // manager.http/manager.tls (chart defaults: on, 8002 plain http and 8445) on every pod address.
  const enterprise = record(values["enterprise"])?.["enabled"] === true;
  const listening = ["http", "tls"].filter((l) => record(manager?.[l])?.["enabled"] !== false);
  if (enterprise && listening.length > 0) {
    problems.push({
      problem: `Kong Manager still listens in every pod (${listening.map((l) => `manager.${l}.enabled`).join(", ")} not false; KONG_ADMIN_GUI_LISTEN is not off)`,
      fix: "set manager.http.enabled and manager.tls.enabled to false (the stack does)",
    });
  }
  // An Admin API Service listens on the pod's address: only with client certificates (DB-less Kong has no RBAC).
  if (admin["enabled"] === true) {
    const client = record(record(admin["tls"])?.["client"]) ?? {};
    if (!text(client["caBundle"]) && !text(client["secretName"])) {
      problems.push({
        problem: "the Admin API listens on the pod's address without requiring client certificates (admin.tls.client), so any pod that reaches it may POST /config",
        fix: "set kong.adminApi.clientCaCertificate (mutual TLS), or kong.adminApi.enabled: false",
      });
    }
  }
  return problems;
}
