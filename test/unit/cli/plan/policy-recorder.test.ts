import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { startOfflineRuntime, type OfflineRuntime } from "../../../../cli/plan/offline-runtime";
import { IDENTITY_PACK, runPolicyPack, type PolicyReport } from "../../../../cli/plan/policy";
import { entraContract } from "../../components/kong/fixtures";

/**
 * The offline recorder and the plan's policy runner together, in process: what the policies see for
 * resources registered through the real SDK (secrets as placeholders plus `secretInputs`; components as
 * their registered outputs, like the engine's AnalyzeStack).
 */
let runtime: OfflineRuntime;
let report: PolicyReport;

class Registration extends pulumi.ComponentResource {
  constructor(name: string) {
    super("kong-identity-stack:idp:EntraRegistration", name, {});
    const contract = entraContract({ accessTokenLifetimeSeconds: 4 * 3600 });
    this.registerOutputs({ contract, clientSecrets: pulumi.secret({ portal: "plan-only-secret-value" }) });
  }
}

/** Stands for a dynamic-provider resource whose credentials are inputs (the ZPA and F5 providers' shape). */
class Segment extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs) {
    super("pulumi-nodejs:dynamic/zpa:ApplicationSegment", name, props);
  }
}

beforeAll(async () => {
  runtime = startOfflineRuntime({ project: "kong-identity-stack", stack: "recorder", config: {} });
  new Segment("plain-credentials", { credentials: { clientId: "id", clientSecret: "in-plain-text" } });
  new Segment("secret-credentials", { credentials: { clientId: "id", clientSecret: pulumi.secret("wrapped") } });
  new Registration("entra");
  await runtime.settled();
  report = await runPolicyPack({ pack: IDENTITY_PACK, resources: runtime.resources, componentOutputs: runtime.componentOutputs, config: new Map() });
});

describe("kis plan policy run over recorded resources", () => {
  it("records secret inputs as placeholders and names them", () => {
    const secret = runtime.resources.find((r) => r.name === "secret-credentials")!;
    expect(secret.inputs["credentials"]).toEqual({ clientId: "id", clientSecret: "[secret]" });
    expect(secret.secretInputs).toEqual(["credentials"]);
  });

  it("records a component's registered outputs, secrets redacted", () => {
    const reg = runtime.resources.find((r) => r.name === "entra")!;
    const outputs = runtime.componentOutputs.get(reg.urn)!;
    expect(outputs.outputs["clientSecrets"]).toBe("[secret]");
    expect(outputs.secretOutputs).toEqual(["clientSecrets"]);
    expect((outputs.outputs["contract"] as { issuer: string }).issuer).toMatch(/\/v2\.0$/);
  });

  it("secrets-are-secret reports the plain-text credential only, without printing it", () => {
    const found = report.violations.filter((v) => v.policy === "secrets-are-secret");
    expect(found.map((v) => v.resource?.name)).toEqual(["plain-credentials"]);
    expect(found[0]!.message).toContain("credentials.clientSecret is not a Pulumi secret");
    expect(JSON.stringify(report)).not.toContain("in-plain-text");
    expect(JSON.stringify(report)).not.toContain("plan-only-secret-value");
  });

  it("stack policies see the component's contract output (access-token-lifetime on the registration)", () => {
    const found = report.violations.filter((v) => v.policy === "access-token-lifetime");
    expect(found).toHaveLength(1);
    expect(found[0]!.resource).toMatchObject({ type: "kong-identity-stack:idp:EntraRegistration", name: "entra" });
    expect(found[0]!.message).toContain("240 min (4 h)");
  });
});
