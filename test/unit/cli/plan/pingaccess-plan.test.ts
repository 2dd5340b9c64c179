import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments, stringify } from "yaml";
import { REPO_ROOT, runKis, tempDir, type KisRun } from "../../../support/run-kis";

describe("kis plan --stack pingaccess-dev (PingAccess as Kong's sideband, offline)", () => {
  let out: string;
  let run: KisRun;
  const read = (file: string) => readFileSync(join(out, "pingaccess-dev", file), "utf8");
  beforeAll(async () => {
    out = tempDir("pingaccess-plan");
    run = await runKis(["plan", "--stack", "pingaccess-dev", "--out", out]);
  });

  it("exits 0, passes the pack, and writes pingaccess.json beside the other artifacts", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("no violations");
    expect(readdirSync(join(out, "pingaccess-dev")).sort()).toEqual(["identity.md", "kong.yml", "manifests.yaml", "pingaccess.json", "plan.json"]);
  });

  it("pingaccess.json: the requests in dependency order, each route's decision the route's own scopes and groups", () => {
    const doc = JSON.parse(read("pingaccess.json"));
    expect(doc.objects.map((o: { kind: string }) => o.kind)).toEqual([
      "SidebandClient", "ThirdPartyService", "AccessTokenValidator", "VirtualHost", "Rule", "Rule", "Rule", "Rule", "RuleSet", "Application", "Resource", "Resource", "Resource", "ResourceOrder",
    ]);
    expect(doc.decisions).toEqual([
      { route: "orders-read", scopes: ["orders.read"], groups: [] },
      { route: "orders-reports", scopes: [], groups: ["orders-admins", "orders-readers"] },
      { route: "orders-write", scopes: ["orders.write"], groups: ["orders-admins"] },
    ]);
    expect(doc.server).toMatchObject({ password: "read at deploy time from the environment variable PINGACCESS_ADMIN_PASSWORD", headers: { "X-XSRF-Header": "PingAccess" } });
    const app = doc.objects.find((o: { kind: string }) => o.kind === "Application");
    expect(app.refs.accessValidatorId).toBe("{id of AccessTokenValidator orders-api-pingaccess-dev-jwks}");
    // Entra's JWKS is not on PingAccess's token provider: a third-party service for its host, and a path on it.
    const validator = doc.objects.find((o: { kind: string }) => o.kind === "AccessTokenValidator");
    expect(validator.request.body.configuration.path).toBe("/8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f/discovery/v2.0/keys");
    expect(validator.refs["configuration.thirdPartyService"]).toBe("{id of ThirdPartyService orders-api-pingaccess-dev-jwks-host}");
    expect(doc.objects.find((o: { kind: string }) => o.kind === "ThirdPartyService").request.body.targets).toEqual(["login.microsoftonline.com:443"]);
    expect(app.request.body.sidebandClientId).toBe("{id of SidebandClient orders-api-pingaccess-dev-kong}");
    const resource = doc.objects.find((o: { kind: string; request: { body: { name: string } } }) => o.kind === "Resource" && o.request.body.name === "orders-read");
    expect(resource.request.path).toBe("/pa-admin-api/v3/applications/{id of Application orders-api-pingaccess-dev}/resources");
    // Last: the application's manual resource order, method-specific and longer paths first (as Kong's router).
    const order = doc.objects.at(-1);
    expect(order.request).toMatchObject({ method: "PUT", path: "/pa-admin-api/v3/applications/{id of Application orders-api-pingaccess-dev}", body: { manualOrderingEnabled: true, enabled: true } });
    expect(order.refs.resourceOrder).toEqual(["{id of Resource orders-reports}", "{id of Resource orders-read}", "{id of Resource orders-write}"]);
  });

  it("no shared secret anywhere: pingaccess.json shows [secret], kong.yml a vault reference, the Secret's data [secret]", () => {
    const plan = JSON.parse(read("plan.json"));
    const generated = plan.resources.filter((r: { type: string }) => r.type === "random:index/randomPassword:RandomPassword");
    expect(generated).toHaveLength(2);
    for (const file of readdirSync(join(out, "pingaccess-dev"))) expect(read(file)).not.toMatch(/plan-only-secret/);
    expect(run.stdout + run.stderr).not.toMatch(/plan-only-secret/);
    const client = JSON.parse(read("pingaccess.json")).objects[0];
    expect(client.request.body.clientCredentials.map((c: any) => c.sharedSecretConfig.secret.value)).toEqual(["[secret]", "[secret]"]);
    expect(read("kong.yml")).toContain('shared_secret: "{vault://env/pingaccess-shared-secret}"');
    expect(read("manifests.yaml")).toMatch(/name: kong-vault-secrets\n {2}namespace: kong\nstringData: "\[secret\]"/);
    expect(read("manifests.yaml")).toContain("PINGACCESS_SHARED_SECRET:\n        valueFrom:\n          secretKeyRef:\n            key: pingaccess-shared-secret\n            name: kong-vault-secrets");
  });

  it("summarises PingAccess with its limitations, and draws the sideband hop in identity.md", () => {
    expect(run.stdout).toContain("PingAccess sideband: application orders-api-pingaccess-dev at https://pingaccess-admin.pingaccess-dev.example.com:9000\n");
    expect(run.stdout).toContain("  resource      orders-write   POST,PUT,PATCH /orders*  requires scopes orders.write, one of orders-admins\n");
    expect(run.stdout).toMatch(/limit {9}no HTTP\/2/);
    // ping-auth refuses HTTP/2: the plan says the listener serves HTTP/1.1 only, and Kong trusts PingAccess's CA.
    expect(run.stdout).toContain("  listener      Kong proxy TLS HTTP/1.1 only (h2 off, proxy.tls.parameters []): ping-auth answers 400 to HTTP/2\n");
    expect(run.stdout).toContain("  trust         Kong's TLS calls to PingAccess trust system,/etc/secrets/pingaccess-service-ca/ca.crt (lua_ssl_trusted_certificate)\n");
    expect(run.stdout).toMatch(/limit {9}fail-closed/);
    expect(read("identity.md")).toMatch(/kong -- "ping-auth on orders-read, orders-reports, orders-write: POST \/sideband\/request and \/sideband\/response.*" --> pingaccess/);
  });

  it("manifests: h2 off on the proxy TLS listener, PingAccess's CA in a Secret mounted and trusted after system", () => {
    const docs = parseAllDocuments(read("manifests.yaml")).map((d) => d.toJS());
    const values = JSON.parse(read("plan.json")).resources.find((r: { type: string }) => r.type === "kubernetes:helm.sh/v3:Release").inputs.values;
    expect(values.proxy.tls.parameters).toEqual([]);
    expect(values.env.lua_ssl_trusted_certificate).toBe("system,/etc/secrets/pingaccess-service-ca/ca.crt");
    expect(values.secretVolumes).toEqual(["kong-proxy-tls", "pingaccess-service-ca"]);
    const secret = docs.find((d) => d?.kind === "Secret" && d?.metadata?.name === "pingaccess-service-ca");
    expect(secret?.metadata?.namespace).toBe("kong");
    // The Kubernetes provider marks every Secret's data secret, so the artifact shows [secret] although a CA is public.
    expect(secret?.stringData).toBe("[secret]");
  });

  it("a pingaccess block without a plugin installation exits 2 with one line naming the key, and writes nothing", async () => {
    const stack = parse(readFileSync(join(REPO_ROOT, "stacks", "Pulumi.pingaccess-dev.yaml"), "utf8"));
    delete stack.config["kong-identity-stack:pingaccess"].plugin;
    const dir = tempDir("pingaccess-bad");
    const file = join(dir, "Pulumi.pa-bad.yaml");
    writeFileSync(file, stringify(stack));
    const bad = await runKis(["plan", "--stack-file", file, "--out", join(dir, "out")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n").filter((l) => l.startsWith("kis:"))).toEqual([
      "kis: config: pingaccess.plugin: missing; the Kong pods need the ping-auth plugin: set pingaccess.plugin.image (a Kong image with the LuaRocks package kong-plugin-ping-auth) or pingaccess.plugin.configMap (a ConfigMap with the plugin's Lua files)",
    ]);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});
