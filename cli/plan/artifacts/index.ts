import type { PlanDocument } from "../plan-document";
import { renderIdentityDiagram } from "./identity-diagram";
import { renderAs3Declarations } from "./f5-edge";
import { kongYamlFrom, renderManifests } from "./kubernetes-manifests";
import { stableJson } from "../plan-document";
import { renderZpaObjects } from "./zpa-objects";
import { renderPingAccessObjects } from "./pingaccess-objects";

export interface PlanArtifact {
  readonly file: string;
  /** The file's content, or undefined when the stack has nothing of this kind (the file is not written). */
  render(plan: PlanDocument): string | undefined;
}

/** Every file `kis plan` writes to `<out>/<stack>/`, in the order the summary lists them. */
export const PLAN_ARTIFACTS: readonly PlanArtifact[] = [
  { file: "plan.json", render: (plan) => stableJson(plan) },
  { file: "kong.yml", render: (plan) => kongYamlFrom(plan.resources) },
  { file: "manifests.yaml", render: (plan) => renderManifests(plan.resources) },
  { file: "identity.md", render: (plan) => renderIdentityDiagram(plan) },
  { file: "as3.json", render: (plan) => renderAs3Declarations(plan.resources) },
  { file: "zpa.json", render: (plan) => renderZpaObjects(plan) },
  { file: "pingaccess.json", render: (plan) => renderPingAccessObjects(plan) },
];

export { renderIdentityDiagram, EDGE_HOP_DETECTORS, type EdgeHop, type HopDetector } from "./identity-diagram";
export { kongYamlFrom, renderManifests } from "./kubernetes-manifests";
export { renderAs3Declarations, f5HopDetector } from "./f5-edge";
export { renderZpaObjects } from "./zpa-objects";
export { renderPingAccessObjects } from "./pingaccess-objects";
export { zpaEdgeHop } from "./zpa-hop";
