import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listStacks } from "../../cli/plan/stack-file";
import { exampleStackRaw } from "../support/example-stacks";
import { KubernetesSchemas, containersOf, helmTemplate, renderTools, restrictedViolations, type K8sObject, type RenderTools } from "../support/helm-render";
import { REPO_ROOT, runKis, tempDir } from "../support/run-kis";

/**
 * Issue 23: the official chart rendered by a real `helm template` (helm v4.3.2 built from its Go module by
 * test/render/tools/render-tools.sh) with the values each plan records, and every object Kubernetes would get validated
 * against the Kubernetes API schemas of the version docs/kong.md names. Assertions are on the rendered objects.
 */

interface Case {
  readonly name: string;
  /** `--stack <name>` for the example stacks, `--stack-file` for the variants below. */
  readonly args: readonly string[];
  readonly config: Record<string, any>;
  /** kong.adminApi.enabled (the variant below): the Admin API listens beyond loopback, behind mTLS and a NetworkPolicy. */
  readonly adminExposed?: boolean;
}

const work = tempDir("render");
/** An example stack file with lines added under its `kong` block (text edits: `secure:` values stay as they are). */
const writeVariant = (name: string, base: string, kongLines: readonly string[]): Case => {
  const text = readFileSync(join(REPO_ROOT, "stacks", `Pulumi.${base}.yaml`), "utf8");
  const marker = "  kong-identity-stack:kong:\n";
  if (!text.includes(marker)) throw new Error(`stacks/Pulumi.${base}.yaml has no kong block`);
  const file = join(work, `Pulumi.${name}.yaml`);
  writeFileSync(file, text.replace(marker, marker + kongLines.map((l) => `    ${l}\n`).join("")));
  return { name, args: ["--stack-file", file], config: exampleStackRaw(base) };
};

const cases: Case[] = [
  ...listStacks(join(REPO_ROOT, "stacks")).map((s) => ({ name: s, args: ["--stack", s], config: exampleStackRaw(s) })),
  // kong.yml delivered gzip-compressed: the chart then renders the stack's init container too.
  writeVariant("dev-gzip", "dev", ["configDelivery: gzip"]),
  // The Admin API exposed: mutual TLS and a NetworkPolicy come with it.
  {
    ...writeVariant("dev-admin", "dev", [
      "adminApi:",
      "  enabled: true",
      "  allowedNamespaces: [platform-ops]",
      "  clientCaCertificate: |",
      ...String(exampleStackRaw("prod")["kong"].tls.caCertificate).trimEnd().split("\n").map((l) => `    ${l}`),
    ]),
    adminExposed: true,
  },
  // A Secret the stack does not own (cert-manager's) restarts Kong through Stakater Reloader.
  writeVariant("signin-dev-reloader", "signin-dev", ["reloader: stakater"]),
];

interface Rendered {
  readonly plan: any;
  readonly kongYaml: string;
  readonly chartObjects: K8sObject[];
  /** What the stack applies itself besides the chart (Namespace, ConfigMap, Secrets, NetworkPolicy...). */
  readonly stackObjects: K8sObject[];
}

let tools: RenderTools;
let schemas: KubernetesSchemas;
const rendered = new Map<string, Rendered>();

beforeAll(async () => {
  tools = renderTools();
  schemas = new KubernetesSchemas(tools.schemas);
  for (const c of cases) {
    const out = join(work, "out");
    const run = await runKis(["plan", ...c.args, "--out", out]);
    if (run.status !== 0) throw new Error(`kis plan ${c.name} exited ${run.status}: ${run.stderr}`);
    const dir = join(out, c.args[0] === "--stack" ? c.name : c.name);
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8"));
    const release = plan.resources.find((r: any) => r.type === "kubernetes:helm.sh/v3:Release");
    const chartObjects = helmTemplate(tools, { name: release.inputs.name, namespace: release.inputs.namespace, values: release.inputs.values }, work);
    const stackObjects = plan.resources
      .filter((r: any) => r.custom && r.type.startsWith("kubernetes:") && r.type !== "kubernetes:helm.sh/v3:Release")
      .map((r: any) => {
        const [, module, kind] = r.type.split(":");
        const [group, version] = module.split("/");
        const object = { apiVersion: group === "core" ? version : `${group}/${version}`, kind, ...r.inputs } as K8sObject;
        // plan.json masks secret inputs as "[secret]" (a Secret's data/stringData): validated as an empty map.
        for (const key of ["data", "stringData"]) if (object[key] === "[secret]") object[key] = {};
        return object;
      })
      // F5 CIS custom resources are no Kubernetes API types: test/conformance validates them against CIS's CRDs.
      .filter((o: K8sObject) => !o.apiVersion.startsWith("cis.f5.com/"));
    rendered.set(c.name, { plan, kongYaml: readFileSync(join(dir, "kong.yml"), "utf8"), chartObjects, stackObjects });
  }
}, 900_000);

const deploymentOf = (r: Rendered) => {
  const found = r.chartObjects.filter((o) => o.kind === "Deployment");
  expect(found).toHaveLength(1);
  return found[0]!;
};
const proxyContainer = (d: K8sObject) => d.spec.template.spec.containers.find((c: any) => c.name === "proxy");
const envOf = (container: any, name: string): string | undefined => container.env?.find((e: any) => e.name === name)?.value;

describe.each(cases.map((c) => c.name))("helm template kong-3.4.1 for %s", (name) => {
  const c = cases.find((x) => x.name === name)!;
  const r = () => rendered.get(name)!;

  it("renders objects that each validate against the Kubernetes API schemas", () => {
    const objects = [...r().chartObjects, ...r().stackObjects];
    expect(objects.map((o) => o.kind)).toContain("Deployment");
    expect(objects.flatMap((o) => schemas.validate(o))).toEqual([]);
  });

  it("(2) the pod template carries the sha256 of kong.yml", () => {
    const annotations = deploymentOf(r()).spec.template.metadata.annotations ?? {};
    expect(annotations["kong-identity-stack/config-checksum"]).toBe(createHash("sha256").update(r().kongYaml).digest("hex"));
  });

  it("(3) Kong Manager does not listen; the Admin API listens on loopback only", () => {
    const proxy = proxyContainer(deploymentOf(r()));
    if (c.config["kong"].edition === "enterprise") expect(envOf(proxy, "KONG_ADMIN_GUI_LISTEN")).toBe("off");
    expect(envOf(proxy, "KONG_ADMIN_GUI_LISTEN") ?? "off").toBe("off");
    if (c.adminExposed) return; // checked with its NetworkPolicy below
    const admin = envOf(proxy, "KONG_ADMIN_LISTEN") ?? "";
    expect(admin.split(",").map((l) => l.trim().split(" ")[0]!.replace(/:\d+$/, ""))).toEqual(expect.arrayContaining(["127.0.0.1"]));
    expect(admin).not.toMatch(/0\.0\.0\.0|\[::\]/);
    const ports = proxy.ports.map((p: any) => p.containerPort);
    expect(ports).not.toContain(8002);
    expect(ports).not.toContain(8445);
  });

  it("(4) every container, init containers included, passes Pod Security \"restricted\"", () => {
    const spec = deploymentOf(r()).spec.template.spec;
    expect(containersOf(spec).length).toBeGreaterThan(0);
    expect(restrictedViolations(spec)).toEqual([]);
  });
});

describe("(2) pods restart when anything Kong reads at start changes", () => {
  it("a certificate the stack owns: its sha256 is in the pod template (prod, f5-dev)", () => {
    for (const name of ["prod", "f5-dev"]) {
      const certificate: string = cases.find((c) => c.name === name)!.config["kong"].tls.certificate;
      const annotations = deploymentOf(rendered.get(name)!).spec.template.metadata.annotations;
      expect(annotations["kong-identity-stack/tls-checksum"]).toBe(createHash("sha256").update(certificate).digest("hex"));
    }
  });

  it("a CA bundle the stack makes Kong trust (pingaccess.serviceCa): in the pod template's tls-checksum too", () => {
    const c = cases.find((x) => x.name === "pingaccess-dev")!;
    const ca: string = c.config["pingaccess"].serviceCa.certificate;
    const certificate: string | undefined = c.config["kong"].tls?.certificate;
    const expected = createHash("sha256").update(certificate ?? "").update("\n--- trusted CA ---\n").update(ca).digest("hex");
    expect(deploymentOf(rendered.get("pingaccess-dev")!).spec.template.metadata.annotations["kong-identity-stack/tls-checksum"]).toBe(expected);
  });

  it("vault secrets: the pod template carries their revision (sign-in slots, ping-auth), never a value", () => {
    const signIn = deploymentOf(rendered.get("signin-dev")!).spec.template.metadata.annotations["kong-identity-stack/secrets-revision"];
    expect(signIn).toMatch(/^sign-in=entra:[01]-\d+:orders-portal\/[0-9a-f-]{36}$/);
    const ping = deploymentOf(rendered.get("pingaccess-dev")!).spec.template.metadata.annotations["kong-identity-stack/secrets-revision"];
    expect(ping).toMatch(/^ping-auth=\S+$/);
    expect(deploymentOf(rendered.get("dev")!).spec.template.metadata.annotations["kong-identity-stack/secrets-revision"]).toBeUndefined();
  });

  it("a Secret the stack does not own: Stakater Reloader's annotation on the Deployment when kong.reloader is stakater", () => {
    expect(deploymentOf(rendered.get("signin-dev-reloader")!).metadata.annotations?.["secret.reloader.stakater.com/reload"]).toBe("kong-proxy-tls,kong-enterprise-license");
    expect(deploymentOf(rendered.get("signin-dev")!).metadata.annotations?.["secret.reloader.stakater.com/reload"]).toBeUndefined();
  });
});

describe("(3) an exposed Admin API: mutual TLS and a NetworkPolicy", () => {
  it("listens on the pod's address only with client certificates, and only the allowed namespaces reach its port", () => {
    const r = rendered.get("dev-admin")!;
    const proxy = proxyContainer(deploymentOf(r));
    expect(envOf(proxy, "KONG_ADMIN_LISTEN")).toMatch(/0\.0\.0\.0:8444/);
    expect(envOf(proxy, "KONG_NGINX_ADMIN_SSL_VERIFY_CLIENT")).toBe("on");
    const service = r.chartObjects.find((o) => o.kind === "Service" && o.metadata.name === "kong-kong-admin")!;
    expect(service.spec.type).toBe("ClusterIP");
    const policy = r.stackObjects.find((o) => o.kind === "NetworkPolicy")!;
    // It selects the pods the chart labels, so it applies to exactly Kong's pods.
    const podLabels = deploymentOf(r).spec.template.metadata.labels;
    for (const [k, v] of Object.entries<string>(policy.spec.podSelector.matchLabels)) expect(podLabels[k]).toBe(v);
    const adminRule = policy.spec.ingress.find((rule: any) => rule.ports.some((p: any) => p.port === 8444));
    expect(adminRule.from).toEqual([{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["platform-ops"] }] } }]);
    // Every other port the pod serves stays reachable (a policy isolates the pod for ingress).
    const open = policy.spec.ingress.filter((rule: any) => !rule.from).flatMap((rule: any) => rule.ports.map((p: any) => p.port));
    const served = proxy.ports.map((p: any) => p.containerPort).filter((p: number) => p !== 8444);
    expect(open.sort()).toEqual(served.sort());
  });
});

describe("(4) production: requests, disruption budget, spread and a pinned image", () => {
  it("prod: every container requests CPU and memory, a PDB and topology spread exist, the image is pinned by digest", () => {
    const r = rendered.get("prod")!;
    const d = deploymentOf(r);
    for (const { container } of containersOf(d.spec.template.spec)) {
      expect(container.resources?.requests?.cpu, container.name).toBeDefined();
      expect(container.resources?.requests?.memory, container.name).toBeDefined();
      expect(container.image, container.name).toMatch(/@sha256:[0-9a-f]{64}$/);
    }
    const pdb = r.chartObjects.find((o) => o.kind === "PodDisruptionBudget")!;
    expect(pdb.spec.maxUnavailable).toBe(1);
    for (const [k, v] of Object.entries<string>(pdb.spec.selector.matchLabels)) expect(d.spec.template.metadata.labels[k]).toBe(v);
    const spread = d.spec.template.spec.topologySpreadConstraints;
    expect(spread.map((t: any) => t.topologyKey)).toEqual(["kubernetes.io/hostname", "topology.kubernetes.io/zone"]);
    for (const t of spread) for (const [k, v] of Object.entries<string>(t.labelSelector.matchLabels)) expect(d.spec.template.metadata.labels[k]).toBe(v);
  });
});

describe("(5) a static AS3 pool address is the proxy Service's address", () => {
  it("f5-dev: the LoadBalancer Service gets exactly the pool's address", () => {
    const c = cases.find((x) => x.name === "f5-dev")!;
    const pool: string[] = c.config["f5"].poolMembers.addresses;
    const service = rendered.get("f5-dev")!.chartObjects.find((o) => o.kind === "Service" && o.metadata.name === "kong-kong-proxy")!;
    expect(service.spec.type).toBe("LoadBalancer");
    const given = service.spec.loadBalancerIP ?? service.metadata.annotations?.[c.config["kong"].proxyLoadBalancerAddress.annotation];
    expect(pool).toEqual([given]);
  });
});

describe("the variants render what they exist for", () => {
  it("gzip delivery: the unpack init container is rendered (and so checked above)", () => {
    const spec = deploymentOf(rendered.get("dev-gzip")!).spec.template.spec;
    expect(spec.initContainers.map((c: any) => c.name)).toContain("unpack-kong-config");
  });
});
