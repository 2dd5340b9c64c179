import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { edgeHeadersTrustedOnlyFromEdge } from "../../../../policy-packs/identity/policies/edge-headers-trusted-only-from-edge";
import { f5StripsIdentityHeaders } from "../../../../policy-packs/identity/policies/f5-strips-identity-headers";
import { f5TlsOnly } from "../../../../policy-packs/identity/policies/f5-tls-only";
import { runResourcePolicy, runStackPolicy } from "../../../support/policy-harness";
import { runKis, tempDir, type KisRun } from "../../../support/run-kis";

const ARTIFACTS = ["as3.json", "identity.md", "kong.yml", "manifests.yaml", "plan.json"];

describe("kis plan --stack f5-dev (F5 AS3 in front of Kong)", () => {
  let out: string;
  let run: KisRun;
  const read = (file: string) => readFileSync(join(out, "f5-dev", file), "utf8");
  beforeAll(async () => {
    out = tempDir("plan-f5");
    run = await runKis(["plan", "--stack", "f5-dev", "--out", out]);
  });

  it("exits 0 and writes as3.json beside the other artifacts", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    expect(readdirSync(join(out, "f5-dev")).sort()).toEqual(ARTIFACTS);
  });

  it("as3.json: one tenant, readable, with only the certificate and key as [secret]", () => {
    const declaration = JSON.parse(read("as3.json"));
    expect(declaration).toMatchObject({ class: "ADC", updateMode: "selective", kis_dev: { class: "Tenant" } });
    const app = declaration.kis_dev.kong_edge;
    expect(app.edge_certificate).toMatchObject({ certificate: "[secret]", privateKey: "[secret]" });
    expect(app.kong_https.virtualAddresses).toEqual(["192.0.2.10"]);
    expect(app.identity_header_hygiene.iRule).toContain('"x-apm-user" -');
    expect(read("as3.json").match(/\[secret\]/g)).toHaveLength(2);
  });

  it("plan.json records the As3Tenant by its type token, the declaration as a secret input, and no placeholder value", () => {
    const plan = JSON.parse(read("plan.json"));
    const tenant = plan.resources.find((r: any) => r.type === "pulumi-nodejs:dynamic/f5:As3Tenant");
    expect(tenant.parent).toMatch(/F5Edge::f5$/);
    // The tenant waits for Kong (its pool points at Kong's proxy).
    expect(tenant.dependencies).toEqual(expect.arrayContaining([expect.stringMatching(/helm\.sh\/v3:Release::kong-release$/)]));
    expect(tenant.secretInputs).toEqual(["declaration"]);
    expect(tenant.inputs.password).toBeUndefined();
    for (const file of ARTIFACTS) expect(read(file), file).not.toMatch(/plan-placeholder/);
    expect(plan.outputs.edgeFqdn).toBe("api.dev.example.com");
    expect(plan.outputs.f5Edge.trustedHeaders).toEqual({
      headers: ["X-APM-User", "X-APM-Groups"],
      from: ["10.1.20.5", "10.1.20.6", "10.1.20.50", "10.1.20.51"],
      routes: ["orders-reports"],
    });
  });

  it("kong.yml: the APM headers are trusted only from the BIG-IP on orders-reports and removed elsewhere", () => {
    const kong = parse(read("kong.yml"));
    for (const service of kong.services) {
      const plugins = service.routes[0].plugins;
      const restriction = plugins.find((p: any) => p.name === "ip-restriction");
      if (service.name === "orders-reports") {
        expect(restriction.config.allow).toEqual(["10.1.20.5", "10.1.20.6", "10.1.20.50", "10.1.20.51"]);
      } else if (service.name === "health") {
        // Issue 23: the anonymous route limits per client by the BIG-IP's X-Forwarded-For, so only the BIG-IP may call
        // it (no caller picks its own key); the APM headers are still removed there.
        expect(restriction.config.allow).toEqual(["10.1.20.5", "10.1.20.6", "10.1.20.50", "10.1.20.51"]);
        expect(plugins.find((p: any) => p.name === "rate-limiting").config).toMatchObject({ limit_by: "header", header_name: "X-Forwarded-For" });
        expect(plugins.find((p: any) => p.name === "request-transformer").config.remove.headers).toEqual(expect.arrayContaining(["X-APM-User", "X-APM-Groups"]));
      } else {
        expect(restriction, service.name).toBeUndefined();
        expect(plugins.find((p: any) => p.name === "request-transformer").config.remove.headers).toEqual(expect.arrayContaining(["X-APM-User", "X-APM-Groups"]));
      }
    }
  });

  it("the diagram puts the F5 hop between the caller and Kong", () => {
    const diagram = read("identity.md");
    expect(diagram).toMatch(/caller -- "HTTPS \+ Bearer access token" --> f5\n/);
    expect(diagram).toMatch(/f5 -- "HTTPS re-encrypted; client identity headers stripped; X-Request-ID added; X-Forwarded-For set; APM adds X-APM-User, X-APM-Groups \(Kong trusts them only from the BIG-IP\)" --> kong/);
  });

  it("the summary says what the edge does and which headers Kong trusts from where", () => {
    expect(run.stdout).toContain("F5 BIG-IP edge (as3): api.dev.example.com → 192.0.2.10:443, virtual server /kis_dev/kong_edge/kong_https");
    expect(run.stdout).toContain("Kong trusts    X-APM-User, X-APM-Groups only from 10.1.20.5, 10.1.20.6, 10.1.20.50, 10.1.20.51 on orders-reports");
    expect(run.stdout).toMatch(/header strip {3}x-authenticated-\*, x-consumer-\*/);
  });

  it("the F5 policies pass over the resources the plan recorded", async () => {
    const plan = JSON.parse(read("plan.json"));
    const fixtures = plan.resources.map((r: any) => ({ type: r.type, name: r.name, props: r.inputs }));
    for (const fixture of fixtures) {
      expect(await runResourcePolicy(f5TlsOnly, fixture)).toEqual([]);
      expect(await runResourcePolicy(f5StripsIdentityHeaders, fixture)).toEqual([]);
    }
    expect(await runStackPolicy(edgeHeadersTrustedOnlyFromEdge, fixtures)).toEqual([]);
    expect(fixtures.some((f: any) => f.type === "pulumi-nodejs:dynamic/f5:As3Tenant")).toBe(true);
  });

  it("as3.json is byte-identical on a second run", async () => {
    const again = tempDir("plan-f5-again");
    expect((await runKis(["plan", "--stack", "f5-dev", "--out", again])).status).toBe(0);
    expect(readFileSync(join(again, "f5-dev", "as3.json"), "utf8")).toBe(read("as3.json"));
  });
});

describe("kis plan --stack f5-cis-dev (CIS custom resources)", () => {
  it("writes the VirtualServer and TLSProfile into manifests.yaml and no as3.json", async () => {
    const out = tempDir("plan-f5-cis");
    const run = await runKis(["plan", "--stack", "f5-cis-dev", "--out", out]);
    expect(run.status).toBe(0);
    expect(readdirSync(join(out, "f5-cis-dev"))).not.toContain("as3.json");
    const manifests = readFileSync(join(out, "f5-cis-dev", "manifests.yaml"), "utf8");
    expect(manifests).toContain("kind: VirtualServer");
    expect(manifests).toContain("kind: TLSProfile");
    expect(manifests).not.toContain("plan-placeholder");
    expect(readFileSync(join(out, "f5-cis-dev", "identity.md"), "utf8")).toContain('f5["F5 BIG-IP (CIS) · api.dev.example.com / 192.0.2.20"]');
  });
});

describe("kis plan with a bad f5 block", () => {
  it("exits 2 with one line per problem naming the key, and writes nothing", async () => {
    const dir = tempDir("bad-f5");
    const doc = parse(readFileSync(join(__dirname, "..", "..", "..", "..", "stacks", "Pulumi.f5-dev.yaml"), "utf8"));
    delete doc.config["kong-identity-stack:f5"].host;
    delete doc.config["kong-identity-stack:f5TlsPrivateKey"];
    const file = join(dir, "Pulumi.bad.yaml");
    writeFileSync(file, stringify(doc));
    const run = await runKis(["plan", "--stack-file", file, "--out", join(dir, "out")]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n").filter((l) => !l.startsWith("·"))).toEqual([
      "kis: config: f5.host: missing; AS3 mode needs the BIG-IP management URL, such as https://bigip.example.com",
      "kis: config: f5TlsPrivateKey: missing; the F5 virtual server's TLS private key (PEM): pulumi config set --secret f5TlsPrivateKey < file.pem",
    ]);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
