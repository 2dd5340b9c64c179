import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runKis, tempDir, type KisRun } from "../support/run-kis";
import { REPO_ROOT } from "./schemas";
import { validateHelmValueKeys, validateKongYamlText } from "./validators";

/** The gzip delivery (kong.configDelivery: gzip): what Kong unpacks validates, and the chart knows every value key. */
describe("kis plan of the dev stack with kong.yml delivered gzip-compressed", () => {
  let out: string;
  let run: KisRun;
  beforeAll(async () => {
    const dir = tempDir("conformance-gzip");
    const doc = parse(readFileSync(join(REPO_ROOT, "stacks", "Pulumi.dev.yaml"), "utf8"));
    doc.config["kong-identity-stack:kong"].configDelivery = "gzip";
    writeFileSync(join(dir, "Pulumi.gzip-dev.yaml"), stringify(doc));
    out = join(dir, "out");
    run = await runKis(["plan", "--stack-file", join(dir, "Pulumi.gzip-dev.yaml"), "--out", out]);
  });

  it("plans, and the ConfigMap carries kong.yml.gz in binaryData only", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    const plan = JSON.parse(readFileSync(join(out, "gzip-dev", "plan.json"), "utf8"));
    const configMap = plan.resources.find((r: { type: string }) => r.type === "kubernetes:core/v1:ConfigMap");
    expect(Object.keys(configMap.inputs.binaryData)).toEqual(["kong.yml.gz"]);
    expect(configMap.inputs.data).toBeUndefined();
  });

  it("the unpacked kong.yml validates against the declarative schema and each plugin's schema", () => {
    expect(validateKongYamlText(readFileSync(join(out, "gzip-dev", "kong.yml"), "utf8"))).toEqual([]);
  });

  it("every Helm value key, the unpack init container and volumes included, exists in the chart's values.yaml", () => {
    const plan = JSON.parse(readFileSync(join(out, "gzip-dev", "plan.json"), "utf8"));
    const release = plan.resources.find((r: { type: string }) => r.type === "kubernetes:helm.sh/v3:Release");
    expect(release.inputs.values.deployment.initContainers[0].name).toBe("unpack-kong-config");
    expect(validateHelmValueKeys(release.inputs.values)).toEqual([]);
  });
});
