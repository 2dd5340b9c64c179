import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTokenValidationOverride } from "../../../../components/kong";
import { identityPolicies } from "../../../../policy-packs/identity/policies";
import {
  IDENTITY_PACK_DIR,
  analyzeRequest,
  analyzeStackRequest,
  analyzer,
  rpc,
  configureRequest,
  startPolicyPackServer,
  type EngineResource,
  type PackServer,
} from "../../../support/policy-pack-server";
import { CONTRACT, T, baselineStack, configMap, eachOidc, replace } from "./fixtures";

/**
 * The pack under the engine's calling convention: started by @pulumi/pulumi's run-policy-pack (as the CLI
 * does for `--policy-pack`), driven over gRPC with pulumi/analyzer.proto messages.
 */
let server: PackServer;
beforeAll(async () => {
  server = await startPolicyPackServer(IDENTITY_PACK_DIR);
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

const asEngine = (fixtures: ReturnType<typeof baselineStack>): EngineResource[] =>
  fixtures.map((f) => ({ type: f.type, name: f.name, props: f.props, ...(f.parent ? { parent: f.parent } : {}), ...(f.dependsOn ? { dependencies: f.dependsOn } : {}) }));

const diagnosticsOf = (res: analyzer.AnalyzeResponse) =>
  res.getDiagnosticsList().map((d) => ({ policy: d.getPolicyname(), level: d.getEnforcementlevel(), message: d.getMessage(), urn: d.getUrn() }));

describe("identity pack under the engine's analyzer protocol", () => {
  it("describes itself: name, every policy with its level, type and config schema", async () => {
    const info = await rpc.info(server.client);
    expect(info.getName()).toBe("kis-identity");
    expect(info.getVersion()).toBe("0.1.0");
    const policies = info.getPoliciesList();
    expect(policies.map((p) => p.getName())).toEqual(identityPolicies.map((p) => p.name));
    expect(new Set(policies.map((p) => p.getEnforcementlevel()))).toEqual(new Set([analyzer.EnforcementLevel.MANDATORY]));
    const byName = (n: string) => policies.find((p) => p.getName() === n)!;
    expect(byName("issuer-consistency").getPolicyType()).toBe(analyzer.PolicyType.POLICY_TYPE_STACK);
    expect(byName("clock-leeway").getPolicyType()).toBe(analyzer.PolicyType.POLICY_TYPE_RESOURCE);
    const schema = byName("clock-leeway").getConfigschema()!.getProperties()!.toJavaScript() as Record<string, any>;
    expect(schema["maxSeconds"]).toMatchObject({ type: "integer", default: 120 });
    for (const p of policies) expect(p.getDescription().length).toBeGreaterThan(40);
  });

  it("Analyze: a compliant resource gives no diagnostics; leeway 600 s gives a mandatory clock-leeway one", async () => {
    const ok = await rpc.analyze(server.client, analyzeRequest(asEngine([configMap()])[0]!));
    expect(diagnosticsOf(ok)).toEqual([]);
    const loose = configMap((d) => eachOidc(d, (c) => (c.leeway = 600)));
    const [d, ...rest] = diagnosticsOf(await rpc.analyze(server.client, analyzeRequest(asEngine([loose])[0]!)));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ policy: "clock-leeway", level: analyzer.EnforcementLevel.MANDATORY });
    expect(d!.message).toContain('kubernetes:ConfigMap "kong-config"');
    expect(d!.message).toContain("Fix: set identity.leewaySeconds to at most 120");
  });

  it("Configure: --policy-pack-config values and levels apply (maxSeconds 30, advisory), and can be reset", async () => {
    await rpc.configure(
      server.client,
      configureRequest({ "clock-leeway": { enforcementLevel: analyzer.EnforcementLevel.ADVISORY, properties: { maxSeconds: 30 } } }),
    );
    const [d] = diagnosticsOf(await rpc.analyze(server.client, analyzeRequest(asEngine([configMap()])[0]!)));
    expect(d).toMatchObject({ policy: "clock-leeway", level: analyzer.EnforcementLevel.ADVISORY });
    expect(d!.message).toContain("more than 30 s");
    await rpc.configure(server.client, configureRequest({}));
    expect(diagnosticsOf(await rpc.analyze(server.client, analyzeRequest(asEngine([configMap()])[0]!)))).toEqual([]);
  });

  it("AnalyzeStack: the generated stack passes; a v1 issuer at Kong with a v2 app is reported on the ConfigMap", async () => {
    const ok = await rpc.analyzeStack(server.client, analyzeStackRequest(asEngine(baselineStack())));
    expect(diagnosticsOf(ok)).toEqual([]);
    const v1 = `https://sts.windows.net/${CONTRACT.details["tenantId"]}/`;
    const broken = replace(baselineStack(), configMap(undefined, applyTokenValidationOverride([CONTRACT], { issuer: v1 })));
    const found = diagnosticsOf(await rpc.analyzeStack(server.client, analyzeStackRequest(asEngine(broken))));
    expect(found.map((f) => f.policy)).toEqual(["issuer-consistency", "issuer-consistency"]);
    expect(found[0]!.urn).toBe(`urn:pulumi:dev::kong-identity-stack::${T.configMap}::kong-config`);
    expect(found[1]!.message).toContain('API application "entra-api" requests v2 access tokens');
  });

  it("a production stack name turns on production rules (redirect URIs) with no config", async () => {
    const app = asEngine(baselineStack()).find((r) => r.name === "entra-orders-portal")!;
    expect(diagnosticsOf(await rpc.analyze(server.client, analyzeRequest(app, "dev")))).toEqual([]);
    const [d] = diagnosticsOf(await rpc.analyze(server.client, analyzeRequest(app, "prod")));
    expect(d).toMatchObject({ policy: "redirect-uris-https" });
    expect(d!.message).toContain("localhost URI in a production stack");
  });

  it("secrets: the analyzer unwraps Pulumi secrets without a marker, so plain-vs-secret inputs cannot be told apart here", async () => {
    const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t" };
    const wrapped = { type: "pulumi-nodejs:dynamic/zpa:ApplicationSegment", name: "seg", props: { clientSecret: secret } };
    const plain = { ...wrapped, props: { clientSecret: "s3cr3t" } };
    // Only secrets-are-secret is asked: the segment is a bare fixture, which zpa-segment-least-privilege rightly flags (no bypassType).
    const secretsDiagnostics = async (r: EngineResource) =>
      diagnosticsOf(await rpc.analyze(server.client, analyzeRequest(r))).filter((d) => d.policy === "secrets-are-secret");
    expect(await secretsDiagnostics(wrapped)).toEqual([]);
    expect(await secretsDiagnostics(plain)).toEqual([]);
    // What it can see under the engine too: credentials in a ConfigMap.
    const cm = { type: T.configMap, name: "tls", props: { data: { "key.pem": "-----BEGIN PRIVATE KEY-----\nMII" } } };
    expect(diagnosticsOf(await rpc.analyze(server.client, analyzeRequest(cm))).map((d) => d.policy)).toEqual(["secrets-are-secret"]);
  });
});
