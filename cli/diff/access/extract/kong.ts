import type { PlanDocument } from "../../../plan/plan-document";
import type { AccessFact } from "../types";
import { ofType, record } from "./resources";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const SERVICE_TYPES = ["ClusterIP", "NodePort", "LoadBalancer"];

/** Kong's listeners from the Helm release's values: a plaintext proxy port, the Admin API, Kong Manager. */
export function kongListenerFacts(plan: PlanDocument): AccessFact[] {
  const release = ofType(plan, RELEASE).find((r) => r.inputs["chart"] === "kong");
  if (!release) return [];
  const values = record(release.inputs["values"]);
  const proxy = record(values["proxy"]);
  const admin = record(values["admin"]);
  const manager = record(values["manager"]);
  const on = (v: unknown) => record(v)["enabled"] === true;
  const out: AccessFact[] = [
    { area: "gateway", subject: "Kong proxy", aspect: "plaintext listener", value: on(proxy["http"]), rule: { kind: "flag", widensWhen: true, on: "plaintext HTTP listener opened (a token sent to it travels in clear)", off: "plaintext HTTP listener closed" } },
    { area: "gateway", subject: "Kong Admin API", aspect: "exposed", value: admin["enabled"] === true, rule: { kind: "flag", widensWhen: true, on: "Admin API exposed beyond the pod (it can replace the whole configuration)", off: "Admin API back on loopback only" } },
    { area: "gateway", subject: "Kong Admin API", aspect: "plaintext", value: on(admin["http"]), rule: { kind: "flag", widensWhen: true, on: "Admin API plaintext listener opened", off: "Admin API plaintext listener closed" } },
    { area: "gateway", subject: "Kong Manager", aspect: "exposed", value: manager["enabled"] === true || on(manager["http"]) || on(manager["tls"]), rule: { kind: "flag", widensWhen: true, on: "Kong Manager exposed", off: "Kong Manager closed" } },
  ];
  if (typeof proxy["type"] === "string") out.push({ area: "gateway", subject: "Kong proxy", aspect: "Service type", value: proxy["type"], rule: { kind: "rank", order: SERVICE_TYPES, what: "proxy Service reach" } });
  if (admin["enabled"] === true && typeof admin["type"] === "string") out.push({ area: "gateway", subject: "Kong Admin API", aspect: "Service type", value: admin["type"], rule: { kind: "rank", order: SERVICE_TYPES, what: "Admin API Service reach" } });
  return out;
}
