import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { buildAs3Declaration, buildCisTlsProfile, buildCisVirtualServer } from "../../components/f5";
import { listStacks } from "../../cli/plan/stack-file";
import { runKis, tempDir, type KisRun } from "../support/run-kis";
import { FAKE_CERTIFICATE, FAKE_PRIVATE_KEY, f5StackConfig, readStackConfig, settingsOf } from "../unit/components/f5/fixtures";
import { REPO_ROOT } from "./schemas";
import { isF5Ip, validateAs3Declaration, validateCisObject } from "./f5-validators";

const TLS = { certificate: FAKE_CERTIFICATE, privateKey: FAKE_PRIVATE_KEY };
const f5Stacks = listStacks(join(REPO_ROOT, "stacks")).filter((s) => readStackConfig(`Pulumi.${s}.yaml`).f5?.enabled);

describe("AS3 declarations validate against as3-schema-3.56.0.json", () => {
  const variants: [string, (raw: any) => void][] = [
    ["APM, SNAT pool, verified Kong certificate, address pool", () => {}],
    ["no APM, SNAT automap, unverified Kong certificate", (raw) => {
      delete raw.f5.apm;
      raw.f5.snatAddresses = [];
      delete raw.f5.kongTls;
    }],
    ["FQDN pool members (Kong's proxy Service), no redirect from 80", (raw) => {
      delete raw.f5.poolMembers;
      raw.f5.redirectHttp = false;
    }],
    ["oldest schemaVersion this stack allows", (raw) => (raw.f5.schemaVersion = "3.0.0")],
  ];
  it.each(variants)("%s", (_label, mutate) => {
    const declaration = buildAs3Declaration(settingsOf(f5StackConfig(mutate)), TLS);
    expect(validateAs3Declaration(JSON.parse(JSON.stringify(declaration)))).toEqual([]);
  });

  for (const stack of f5Stacks.filter((s) => readStackConfig(`Pulumi.${s}.yaml`).f5?.mode === "as3")) {
    it(`stacks/Pulumi.${stack}.yaml, built directly`, () => {
      const declaration = buildAs3Declaration(settingsOf(readStackConfig(`Pulumi.${stack}.yaml`)), TLS);
      expect(validateAs3Declaration(JSON.parse(JSON.stringify(declaration)))).toEqual([]);
    });
  }
});

describe("CIS objects validate against the CRDs' openAPIV3Schema", () => {
  it.each([
    ["APM, defaults", (_raw: any) => {}],
    ["no APM, no redirect, a SNAT pool", (raw: any) => {
      delete raw.f5.apm;
      raw.f5.redirectHttp = false;
      raw.f5.cis = { snatPool: "/Common/kong-snat" };
    }],
  ])("%s", (_label, mutate) => {
    const settings = settingsOf(f5StackConfig((raw) => ((raw.f5.mode = "cis"), mutate(raw))));
    expect(validateCisObject(buildCisVirtualServer(settings))).toEqual([]);
    expect(validateCisObject(buildCisTlsProfile(settings))).toEqual([]);
  });
});

describe.each(f5Stacks)("kis plan --stack %s: F5 artifacts", (stack) => {
  const out = tempDir(`conformance-f5-${stack}`);
  let run: KisRun;
  beforeAll(async () => {
    run = await runKis(["plan", "--stack", stack, "--out", out]);
  });
  const mode = readStackConfig(`Pulumi.${stack}.yaml`).f5!.mode;

  it("plans", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
  });

  if (mode === "as3") {
    it("as3.json validates, with the certificate and key as [secret]", () => {
      const text = readFileSync(join(out, stack, "as3.json"), "utf8");
      const declaration = JSON.parse(text);
      expect(validateAs3Declaration(declaration)).toEqual([]);
      const certificate = Object.values(Object.values(declaration).find((v: any) => v?.class === "Tenant") as any)
        .flatMap((app: any) => (app?.class === "Application" ? Object.values(app) : []))
        .find((o: any) => o?.class === "Certificate") as any;
      expect(certificate).toMatchObject({ certificate: "[secret]", privateKey: "[secret]" });
      expect(text).not.toContain("plan-placeholder");
    });
  } else {
    it("the CIS objects in manifests.yaml validate, labelled f5cr: \"true\"", () => {
      const docs = parseAllDocuments(readFileSync(join(out, stack, "manifests.yaml"), "utf8")).map((d) => d.toJS() as any);
      const cis = docs.filter((d) => String(d?.apiVersion).startsWith("cis.f5.com/"));
      expect(cis.map((d) => d.kind).sort()).toEqual(["TLSProfile", "VirtualServer"]);
      for (const object of cis) expect(validateCisObject(object)).toEqual([]);
    });
  }
});

describe("the F5 validators catch broken artifacts", () => {
  const valid = JSON.parse(JSON.stringify(buildAs3Declaration(settingsOf(f5StackConfig()), TLS)));
  const app = (d: any) => d.kis_test.kong_edge;
  const broken = (mutate: (d: any) => void) => {
    const d = structuredClone(valid);
    mutate(d);
    return validateAs3Declaration(d);
  };

  it("the valid baseline passes", () => {
    expect(validateAs3Declaration(valid)).toEqual([]);
  });

  it("a service without virtualAddresses", () => {
    expect(broken((d) => delete app(d).kong_https.virtualAddresses)).toContain(
      "as3.kis_test.kong_edge.kong_https: must have required property 'virtualAddresses'",
    );
  });

  it("an address that is not an IP (format f5ip)", () => {
    expect(broken((d) => (app(d).kong_pool.members[0].serverAddresses = ["10.1.30.300"]))).toContain(
      'as3.kis_test.kong_edge.kong_pool.members[0].serverAddresses[0]: must match format "f5ip"',
    );
  });

  it("a misspelt property, even where the class does not close its object", () => {
    expect(broken((d) => (app(d).kong_https.virtualAdresses = ["192.0.2.1"]))).toContain(
      'as3.kis_test.kong_edge.kong_https: "virtualAdresses" is not a property of Service_HTTPS',
    );
    expect(broken((d) => (app(d).kong_tls.verifyCertificate = true)).join("\n")).toMatch(/kong_tls: unknown field "verifyCertificate"/);
  });

  it("a wrong type, an unknown enum value, an unknown class", () => {
    expect(broken((d) => (app(d).kong_pool.members[0].servicePort = "443")).join("\n")).toMatch(/members\[0\]\.servicePort: must be integer/);
    expect(broken((d) => (d.updateMode = "partial")).join("\n")).toMatch(/as3\.updateMode: must be equal to one of the allowed values \("complete", "selective"\)/);
    expect(broken((d) => (app(d).kong_pool.loadBalancingMode = "fastest")).join("\n")).toMatch(/loadBalancingMode: must be equal to one of/);
    expect(broken((d) => (app(d).extra = { class: "Service_Magic" })).join("\n")).toMatch(/unknown AS3 class "Service_Magic"|must be equal to one of the allowed values/);
  });

  it("a schemaVersion newer than the schema", () => {
    expect(broken((d) => (d.schemaVersion = "3.57.0")).join("\n")).toMatch(/as3\.schemaVersion/);
  });

  it("F5 formats: f5ip with route domain and mask, or empty; nothing else", () => {
    expect(["192.0.2.1", "10.0.0.0/8", "10.1.1.1%2", "10.1.1.1%2/24", "2001:db8::1", "2001:db8::/32", ""].every(isF5Ip)).toBe(true);
    expect(["300.1.1.1", "10.0.0.1/33", "2001:db8::/129", "host.example.com", "10.1.1.1%x"].some(isF5Ip)).toBe(false);
  });

  const vs = buildCisVirtualServer(settingsOf(f5StackConfig((raw) => (raw.f5.mode = "cis"))));
  const brokenCis = (mutate: (o: any) => void) => {
    const o: any = structuredClone(vs);
    mutate(o);
    return validateCisObject(o);
  };

  it("CIS: a value outside an enum, a misspelt field, a bad address", () => {
    expect(brokenCis((o) => (o.spec.httpTraffic = "allowed")).join("\n")).toMatch(/VirtualServer\/kong-edge\.spec\.httpTraffic: must be equal to one of the allowed values \("allow", "none", "redirect"\)/);
    expect(brokenCis((o) => (o.spec.virtualServerAdress = "192.0.2.1"))).toContain('VirtualServer/kong-edge.spec: unknown field "virtualServerAdress"');
    expect(brokenCis((o) => (o.spec.virtualServerAddress = "192.0.2"))).toEqual([
      expect.stringMatching(/VirtualServer\/kong-edge\.spec\.virtualServerAddress: must match pattern/),
    ]);
  });

  it("CIS: the f5cr label, the apiVersion and the kind", () => {
    expect(brokenCis((o) => delete o.metadata.labels.f5cr)).toEqual([
      'VirtualServer/kong-edge.metadata.labels.f5cr: CIS only watches objects labelled f5cr: "true"',
    ]);
    expect(brokenCis((o) => (o.apiVersion = "cis.f5.com/v2"))).toEqual(['VirtualServer/kong-edge: apiVersion "cis.f5.com/v2" is not a served version of cis.f5.com']);
    expect(brokenCis((o) => (o.kind = "VirtualService"))).toEqual(['VirtualService/kong-edge: no CIS CRD defines kind "VirtualService"']);
    const profile: any = structuredClone(buildCisTlsProfile(settingsOf(f5StackConfig((raw) => (raw.f5.mode = "cis")))));
    profile.spec.tls.termination = "offload";
    expect(validateCisObject(profile).join("\n")).toMatch(/spec\.tls\.termination: must be equal to one of the allowed values \("edge", "reencrypt", "passthrough"\)/);
  });
});
