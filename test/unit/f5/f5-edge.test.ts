import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fillOutputs } from "../../../cli/plan/mock-outputs";
import { FAKE_CERTIFICATE, FAKE_PRIVATE_KEY, f5StackConfig } from "./fixtures";

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
}
const registered: Registered[] = [];

// Mocks first: the component modules are imported only after setMocks (dynamic import in beforeAll).
/** Mocks receive secret inputs wrapped (Pulumi's secret signature); the tests compare plain values. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const secretPaths: string[] = [];
function unwrap(value: any, path: string): any {
  if (Array.isArray(value)) return value.map((v, i) => unwrap(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    if (value["4dabf18193072939515e22adb298388d"] === SECRET_SIG) {
      secretPaths.push(path);
      return unwrap(value.value, path);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v, path ? `${path}.${k}` : k)]));
  }
  return value;
}

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push({ type: args.type, name: args.name, inputs: unwrap(args.inputs, args.name) });
      return fillOutputs(args.type, args.name, args.inputs);
    },
    call: (args) => args.inputs,
  },
  "kong-identity-stack",
  "test",
  false,
);

let f5: typeof import("../../../components/f5");
let edge: typeof import("../../../components/identity-edge");
beforeAll(async () => {
  f5 = await import("../../../components/f5");
  edge = await import("../../../components/identity-edge");
});

const valueOf = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply((v) => (resolve(v), v)));

/** Waits until no registration has arrived for a while (earlier tests' resources register late). */
async function settle(): Promise<void> {
  let last = -1;
  while (last !== registered.length) {
    last = registered.length;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function resource(name: string): Promise<Registered> {
  for (let i = 0; i < 300; i++) {
    const found = registered.find((r) => r.name === name);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`resource ${name} was never registered; saw ${registered.map((r) => r.name).join(", ")}`);
}

const secrets = { certificate: pulumi.secret(FAKE_CERTIFICATE), privateKey: pulumi.secret(FAKE_PRIVATE_KEY) };

describe("F5Edge, AS3 mode (under Pulumi mocks)", () => {
  it("registers one As3Tenant with a specific type token, the declaration, and the edge trust", async () => {
    const cfg = f5StackConfig();
    const component = new f5.F5Edge("edge-as3", { f5: cfg.f5!, kong: cfg.kong, routes: cfg.routes, environment: cfg.environment, secrets });
    const tenant = await resource("edge-as3-tenant");
    expect(tenant.type).toBe("pulumi-nodejs:dynamic/f5:As3Tenant");
    expect(tenant.inputs).toMatchObject({ host: "https://bigip.test.example.com", tenant: "kis_test", auth: "token" });
    expect(tenant.inputs.password).toBeUndefined();
    const settings = f5.resolveF5Settings({ f5: cfg.f5!, kong: cfg.kong, routes: cfg.routes, environment: cfg.environment });
    expect(tenant.inputs.declaration).toEqual(JSON.parse(JSON.stringify(f5.buildAs3Declaration(settings, { certificate: FAKE_CERTIFICATE, privateKey: FAKE_PRIVATE_KEY }))));
    // The mock monitor reports the property holding secrets as secret; that only the certificate and key
    // are (the rest readable) is checked on the serialized request by the kis plan test.
    expect(secretPaths.filter((p) => p.startsWith("edge-as3-tenant."))).toEqual(["edge-as3-tenant.declaration"]);
    expect(tenant.inputs.edgeTrust).toEqual({ headers: ["X-APM-User", "X-APM-Groups"], sources: ["10.1.20.5", "10.1.20.6", "10.1.20.50"], routes: ["reports"] });
    expect(await valueOf(component.fqdn)).toBe("api.test.example.com");
    const summary = await valueOf(component.summary);
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
    const tenant = await resource("edge-pw-tenant");
    expect(tenant.inputs).toMatchObject({ username: "automation", password: "a-bigip-password" });
    expect(secretPaths).toContain("edge-pw-tenant.password");
    expect(component.as3Tenant).toBeDefined();
  });
});

describe("F5Edge, CIS mode (under Pulumi mocks)", () => {
  it("a TLS secret, a TLSProfile and a VirtualServer, labelled f5cr, in Kong's namespace; no AS3", async () => {
    const cfg = f5StackConfig((raw) => (raw.f5.mode = "cis"));
    const component = new f5.F5Edge("edge-cis", { f5: cfg.f5!, kong: cfg.kong, routes: cfg.routes, environment: cfg.environment, secrets });
    const secret = await resource("edge-cis-tls");
    expect(secret).toMatchObject({ type: "kubernetes:core/v1:Secret", inputs: { type: "kubernetes.io/tls", metadata: { name: "kong-edge-tls", namespace: "kong" } } });
    expect(secret.inputs.stringData).toEqual({ "tls.crt": FAKE_CERTIFICATE, "tls.key": FAKE_PRIVATE_KEY });
    expect(secretPaths).toContain("edge-cis-tls.stringData");
    const profile = await resource("edge-cis-tls-profile");
    expect(profile.type).toBe("kubernetes:cis.f5.com/v1:TLSProfile");
    expect(profile.inputs.metadata.labels).toEqual({ f5cr: "true" });
    const vs = await resource("edge-cis-virtual-server");
    expect(vs.type).toBe("kubernetes:cis.f5.com/v1:VirtualServer");
    expect(vs.inputs.spec).toMatchObject({ virtualServerAddress: "192.0.2.10", tlsProfileName: "kong-edge-tls", iRules: ["/Common/kis_identity_header_hygiene"], httpTraffic: "redirect" });
    expect(component.as3Tenant).toBeUndefined();
    const summary = await valueOf(component.summary);
    expect(summary.headerHygieneIRule).toContain("HTTP::header remove $kis_name");
    expect(summary.limitations.join("\n")).toContain("CIS cannot create iRules");
  });
});

describe("IdentityEdge with f5 (under Pulumi mocks)", () => {
  it("wires F5Edge after Kong and tells Kong which headers to trust from which addresses", async () => {
    const cfg = f5StackConfig();
    const stack = new edge.IdentityEdge("f5wired", { config: cfg, now: new Date("2026-01-01T00:00:00Z"), f5Secrets: secrets });
    expect(stack.f5).toBeDefined();
    const kongYaml = parse(await valueOf(stack.gateway.kongYaml));
    const reports = kongYaml.services.find((s: any) => s.name === "reports").routes[0];
    expect(reports.plugins.find((p: any) => p.name === "ip-restriction").config.allow).toEqual(["10.1.20.5", "10.1.20.6", "10.1.20.50"]);
    const read = kongYaml.services.find((s: any) => s.name === "orders-read").routes[0];
    expect(read.plugins.find((p: any) => p.name === "request-transformer").config.remove.headers).toEqual(["X-APM-User", "X-APM-Groups"]);
    expect(await valueOf(stack.f5!.fqdn)).toBe("api.test.example.com");
  });

  it("without f5 nothing F5 is registered and Kong's config has no edge trust", async () => {
    await settle();
    const before = registered.length;
    const plain = f5StackConfig((raw) => delete raw.f5);
    const stack = new edge.IdentityEdge("nof5", { config: plain, now: new Date("2026-01-01T00:00:00Z") });
    expect(stack.f5).toBeUndefined();
    expect(await valueOf(stack.gateway.kongYaml)).not.toContain("ip-restriction");
    await settle();
    expect(registered.slice(before).filter((r) => r.type.includes("f5") || r.type.includes("cis.f5.com"))).toEqual([]);
  });
});
