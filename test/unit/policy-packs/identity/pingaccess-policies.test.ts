import { describe, expect, it } from "vitest";
import { buildDeclarativeConfig, serializeKongYaml, type PingAuthOptions } from "../../../../components/kong";
import { PINGACCESS_TYPE_TOKENS, planPingAccessSideband } from "../../../../components/pingaccess";
import { pingAccessRulesMatchKong } from "../../../../policy-packs/identity/policies/pingaccess-rules-match-kong";
import { pingAuthSecretByReference } from "../../../../policy-packs/identity/policies/ping-auth-secret-by-reference";
import { pingAuthVerifiesCertificate } from "../../../../policy-packs/identity/policies/ping-auth-verifies-certificate";
import { runResourcePolicy, runStackPolicy, type PolicyFixture } from "../../../support/policy-harness";
import { entraContract, stackConfig } from "../../components/kong/fixtures";

const cfg = stackConfig();
const contract = entraContract();
const protectedRoutes = cfg.routes.filter((r) => !r.anonymous).map((r) => r.name);
const pingAuth = (edit: Partial<PingAuthOptions> = {}): PingAuthOptions => ({
  serviceUrl: "https://pingaccess.example.com:3000",
  secretId: "pingaccess-shared-secret",
  secretHeaderName: "CLIENT-TOKEN",
  connectionTimeoutMs: 10_000,
  verifyServiceCertificate: true,
  routes: protectedRoutes,
  ...edit,
});
const configMap = (options: PingAuthOptions, stack = "test"): PolicyFixture => ({
  type: "kubernetes:core/v1:ConfigMap",
  name: "kong-config",
  urn: `urn:pulumi:${stack}::kong-identity-stack::kubernetes:core/v1:ConfigMap::kong-config`,
  props: {
    data: {
      "kong.yml": serializeKongYaml(
        buildDeclarativeConfig([contract], cfg.routes, { edition: "enterprise", hostnames: cfg.kong.hostnames, environment: "test", pingAuth: options }),
      ),
    },
  },
});

/** The PingAccess resources, rules and rule sets the component registers, as the policy sees their inputs. */
const pingAccessFixtures = (overrides?: Record<string, { scopes?: string[]; groups?: string[] }>): PolicyFixture[] => {
  const plan = planPingAccessSideband(
    { apiName: "orders-api", environment: "test", routes: cfg.routes, virtualHosts: [{ host: "api.test.example.com", port: 443 }], secretHeaderName: "CLIENT-TOKEN", ruleOverrides: overrides },
    contract,
  );
  return [
    ...plan.rules.map((r) => ({ type: PINGACCESS_TYPE_TOKENS.Rule, name: `pa-rule-${r.name}`, props: { ...r } })),
    ...plan.ruleSets.map((s) => ({ type: PINGACCESS_TYPE_TOKENS.RuleSet, name: `pa-ruleset-${s.name}`, props: { ...s } })),
    ...plan.resources.map((r) => ({ type: PINGACCESS_TYPE_TOKENS.Resource, name: `pa-resource-${r.name}`, props: { ...r, policy: r.policy.map((p) => ({ ...p, id: "1" })) } })),
  ];
};

describe("pingaccess-rules-match-kong", () => {
  it("is a mandatory stack policy", () => {
    expect(pingAccessRulesMatchKong).toMatchObject({ name: "pingaccess-rules-match-kong", enforcementLevel: "mandatory" });
  });

  it("passes PingAccess built from the same routes as Kong (scopes, one group, any of several groups)", async () => {
    expect(await runStackPolicy(pingAccessRulesMatchKong, [configMap(pingAuth()), ...pingAccessFixtures()])).toEqual([]);
  });

  it("catches a resource whose scope rule drifts from Kong's scopes", async () => {
    const violations = await runStackPolicy(pingAccessRulesMatchKong, [configMap(pingAuth()), ...pingAccessFixtures({ "orders-read": { scopes: ["orders.write"] } })]);
    expect(violations.map((v) => v.message)).toEqual([
      'pulumi-nodejs:Resource "pa-resource-orders-read": PingAccess resource "orders-read" requires the scopes ["orders.write"] but Kong\'s route "orders-read" requires ["orders.read"]: one of them admits tokens the other refuses. Fix: remove pingaccess.ruleOverrides.orders-read, so PingAccess requires the route\'s own scopes (routes[].scopes)',
    ]);
  });

  it("catches a resource that admits other groups than Kong's acl", async () => {
    const violations = await runStackPolicy(pingAccessRulesMatchKong, [configMap(pingAuth()), ...pingAccessFixtures({ reports: { groups: ["orders-readers"] } })]);
    expect(violations).toHaveLength(1);
    expect(violations[0]!.message).toMatch(/^pulumi-nodejs:Resource "pa-resource-reports": PingAccess resource "reports" admits the groups \["orders-readers"\] but Kong's route "reports" admits \["orders-admins", "orders-readers"\].*\. Fix: \S/);
  });

  it("catches a resource for a route kong.yml does not have", async () => {
    const stray: PolicyFixture = { type: PINGACCESS_TYPE_TOKENS.Resource, name: "pa-stray", props: { name: "gone", route: "gone", policy: [] } };
    const violations = await runStackPolicy(pingAccessRulesMatchKong, [configMap(pingAuth()), stray]);
    expect(violations[0]!.message).toMatch(/PingAccess resource "gone" decides on route "gone", which kong\.yml does not have\. Fix: \S/);
  });
});

describe("ping-auth-verifies-certificate", () => {
  it("is a mandatory resource policy", () => {
    expect(pingAuthVerifiesCertificate).toMatchObject({ name: "ping-auth-verifies-certificate", enforcementLevel: "mandatory" });
  });

  it("passes a verified certificate on any stack, and an unverified one on dev stacks only", async () => {
    expect(await runResourcePolicy(pingAuthVerifiesCertificate, configMap(pingAuth(), "prod"))).toEqual([]);
    for (const stack of ["dev", "pingaccess-dev", "dev-eu"]) {
      expect(await runResourcePolicy(pingAuthVerifiesCertificate, configMap(pingAuth({ verifyServiceCertificate: false }), stack))).toEqual([]);
    }
  });

  it("catches verify_service_certificate: false outside dev", async () => {
    const violations = await runResourcePolicy(pingAuthVerifiesCertificate, configMap(pingAuth({ verifyServiceCertificate: false, routes: ["orders-read"] }), "staging"));
    expect(violations.map((v) => v.message)).toEqual([
      'kubernetes:ConfigMap "kong-config": ping-auth on route orders-read does not verify PingAccess\'s certificate (verify_service_certificate: false) on stack "staging": whoever answers the sideband calls receives the shared secret and decides access. Fix: set pingaccess.verifyServiceCertificate: true and give PingAccess\'s engine listener a certificate Kong trusts (allowed off only on dev stacks)',
    ]);
  });
});

describe("ping-auth-secret-by-reference", () => {
  it("is a mandatory resource policy", () => {
    expect(pingAuthSecretByReference).toMatchObject({ name: "ping-auth-secret-by-reference", enforcementLevel: "mandatory" });
  });

  it("passes the env-vault reference the stack writes, and a reference to another vault", async () => {
    expect(await runResourcePolicy(pingAuthSecretByReference, configMap(pingAuth()))).toEqual([]);
    expect(await runResourcePolicy(pingAuthSecretByReference, configMap(pingAuth({ secretReference: "{vault://hcv/pingaccess/secret}" })))).toEqual([]);
  });

  it("catches a literal shared secret", async () => {
    const violations = await runResourcePolicy(pingAuthSecretByReference, configMap(pingAuth({ secretReference: "s3cr3t-literal", routes: ["reports"] })));
    expect(violations.map((v) => v.message)).toEqual([
      'kubernetes:ConfigMap "kong-config": ping-auth on route reports holds a literal shared_secret: the PingAccess sideband secret would sit in clear in kong.yml and every plan artifact. Fix: use a vault reference (the stack writes {vault://env/pingaccess-shared-secret}, backed by a Kubernetes Secret exposed to the Kong pods)',
    ]);
  });
});
