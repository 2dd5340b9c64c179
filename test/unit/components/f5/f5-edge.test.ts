import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { identityEdgeArgs } from "../../../../infra/wire";
import { outputValue, startRecordingMocks } from "../../../support/pulumi-mocks";
import { FAKE_CERTIFICATE, FAKE_PRIVATE_KEY, f5StackConfig } from "./fixtures";

// Mocks first: the component modules are imported only after setMocks (dynamic import in beforeAll).
// The recorded inputs have secrets unwrapped; secretPaths says which were secret.
const { registrations, secretPaths, ready, registered } = startRecordingMocks();

let f5: typeof import("../../../../components/f5");
let edge: typeof import("../../../../components/identity-edge");
beforeAll(async () => {
  await ready;
  f5 = await import("../../../../components/f5");
  edge = await import("../../../../components/identity-edge");
});

/** Waits until no registration has arrived for a while (earlier tests' resources register late). */
async function settle(): Promise<void> {
  let last = -1;
  while (last !== registrations.length) {
    last = registrations.length;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const secrets = { certificate: pulumi.secret(FAKE_CERTIFICATE), privateKey: pulumi.secret(FAKE_PRIVATE_KEY) };

describe("F5Edge, AS3 mode (under Pulumi mocks)", () => {
  it("registers one As3Tenant with a specific type token, the declaration, and the edge trust", async () => {
    const cfg = f5StackConfig();
    const component = new f5.F5Edge("edge-as3", { f5: cfg.f5!, kong: cfg.kong, routes: cfg.routes, environment: cfg.environment, secrets });
    const tenant = await registered("edge-as3-tenant");
    expect(tenant.type).toBe("pulumi-nodejs:dynamic/f5:As3Tenant");
    expect(tenant.inputs).toMatchObject({ host: "https://bigip.test.example.com", tenant: "kis_test", auth: "token" });
    expect(tenant.inputs.password).toBeUndefined();
    const settings = f5.resolveF5Settings({ f5: cfg.f5!, kong: cfg.kong, routes: cfg.routes, environment: cfg.environment });
    expect(tenant.inputs.declaration).toEqual(JSON.parse(JSON.stringify(f5.buildAs3Declaration(settings, { certificate: FAKE_CERTIFICATE, privateKey: FAKE_PRIVATE_KEY }))));
    // The mock monitor reports the property holding secrets as secret; that only the certificate and key
    // are (the rest readable) is checked on the serialized request by the kis plan test.
    expect(secretPaths.filter((p) => p.startsWith("edge-as3-tenant."))).toEqual(["edge-as3-tenant.declaration"]);
    expect(tenant.inputs.edgeTrust).toEqual({ headers: ["X-APM-User", "X-APM-Groups"], sources: ["10.1.20.5", "10.1.20.6", "10.1.20.50"], routes: ["reports"] });
    expect(await outputValue(component.fqdn)).toBe("api.test.example.com");
    const summary = await outputValue(component.summary);
    expect(summary).toMatchObject({
      mode: "as3",
      virtualServer: "/kis_test/kong_edge/kong_https",
      trustedHeaders: { headers: ["X-APM-User", "X-APM-Groups"], from: ["10.1.20.5", "10.1.20.6", "10.1.20.50"], routes: ["reports"] },
      headerHygiene: { inserts: "X-Request-ID", iRule: "/kis_test/kong_edge/identity_header_hygiene" },
    });
    expect(JSON.stringify(summary)).not.toContain("fakePRIVATE");
  });

  it("passes a configured password as a Pulumi secret", async () => {
    const cfg = f5StackConfig((raw) => (raw.f5.username = "automation"));
    const password = pulumi.secret("a-bigip-password");
    const component = new f5.F5Edge("edge-pw", { f5: cfg.f5!, kong: cfg.kong, routes: cfg.routes, environment: cfg.environment, secrets: { ...secrets, password } });
    const tenant = await registered("edge-pw-tenant");
    expect(tenant.inputs).toMatchObject({ username: "automation", password: "a-bigip-password" });
    expect(secretPaths).toContain("edge-pw-tenant.password");
    expect(component.as3Tenant).toBeDefined();
  });
});

describe("F5Edge, CIS mode (under Pulumi mocks)", () => {
  it("a TLS secret, a TLSProfile and a VirtualServer, labelled f5cr, in Kong's namespace; no AS3", async () => {
    const cfg = f5StackConfig((raw) => (raw.f5.mode = "cis"));
    const component = new f5.F5Edge("edge-cis", { f5: cfg.f5!, kong: cfg.kong, routes: cfg.routes, environment: cfg.environment, secrets });
    const secret = await registered("edge-cis-tls");
    expect(secret).toMatchObject({ type: "kubernetes:core/v1:Secret", inputs: { type: "kubernetes.io/tls", metadata: { name: "kong-edge-tls", namespace: "kong" } } });
    expect(secret.inputs.stringData).toEqual({ "tls.crt": FAKE_CERTIFICATE, "tls.key": FAKE_PRIVATE_KEY });
    expect(secretPaths).toContain("edge-cis-tls.stringData");
    const profile = await registered("edge-cis-tls-profile");
    expect(profile.type).toBe("kubernetes:cis.f5.com/v1:TLSProfile");
    expect(profile.inputs.metadata.labels).toEqual({ f5cr: "true" });
    const vs = await registered("edge-cis-virtual-server");
    expect(vs.type).toBe("kubernetes:cis.f5.com/v1:VirtualServer");
    expect(vs.inputs.spec).toMatchObject({ virtualServerAddress: "192.0.2.10", tlsProfileName: "kong-edge-tls", iRules: ["/Common/kis_identity_header_hygiene"], httpTraffic: "redirect" });
    expect(component.as3Tenant).toBeUndefined();
    const summary = await outputValue(component.summary);
    expect(summary.headerHygieneIRule).toContain("HTTP::header remove $kis_name");
    expect(summary.limitations.join("\n")).toContain("CIS cannot create iRules");
  });
});

describe("IdentityEdge with f5 (under Pulumi mocks)", () => {
  it("wires F5Edge after Kong and tells Kong which headers to trust from which addresses", async () => {
    const cfg = f5StackConfig();
    const stack = new edge.IdentityEdge("f5wired", identityEdgeArgs(cfg, { f5Secrets: secrets }, new Date("2026-01-01T00:00:00Z")));
    expect(stack.f5).toBeDefined();
    const kongYaml = parse(await outputValue(stack.gateway.kongYaml));
    const reports = kongYaml.services.find((s: any) => s.name === "reports").routes[0];
    expect(reports.plugins.find((p: any) => p.name === "ip-restriction").config.allow).toEqual(["10.1.20.5", "10.1.20.6", "10.1.20.50"]);
    const read = kongYaml.services.find((s: any) => s.name === "orders-read").routes[0];
    expect(read.plugins.find((p: any) => p.name === "request-transformer").config.remove.headers).toEqual(["X-APM-User", "X-APM-Groups"]);
    expect(await outputValue(stack.f5!.fqdn)).toBe("api.test.example.com");
  });

  it("without f5 nothing F5 is registered and Kong's config has no edge trust", async () => {
    await settle();
    const before = registrations.length;
    const plain = f5StackConfig((raw) => delete raw.f5);
    const stack = new edge.IdentityEdge("nof5", identityEdgeArgs(plain, {}, new Date("2026-01-01T00:00:00Z")));
    expect(stack.f5).toBeUndefined();
    expect(await outputValue(stack.gateway.kongYaml)).not.toContain("ip-restriction");
    await settle();
    expect(registrations.slice(before).filter((r) => r.type.includes("f5") || r.type.includes("cis.f5.com"))).toEqual([]);
  });
});
