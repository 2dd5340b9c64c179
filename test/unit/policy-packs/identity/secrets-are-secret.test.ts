import { describe, expect, it } from "vitest";
import { SECRET_PLACEHOLDER as RECORDER_PLACEHOLDER } from "../../../../cli/plan/offline-runtime";
import { SECRET_PLACEHOLDER, secretsAreSecret } from "../../../../policy-packs/identity/policies";
import { baselineStack, configMap, expectViolations, kongRelease, runAll } from "./fixtures";

const dynamicSegment = (props: Record<string, unknown>, secretInputs?: string[]) => ({
  type: "pulumi-nodejs:dynamic/zpa:ApplicationSegment",
  name: "orders-segment",
  props: { name: "orders", domainNames: ["api.example.com"], ...props },
  ...(secretInputs ? { secretInputs } : {}),
});

describe("secrets-are-secret", () => {
  it("uses the recorder's placeholder", () => {
    expect(SECRET_PLACEHOLDER).toBe(RECORDER_PLACEHOLDER);
  });

  it("passes the generated stack (no credentials in inputs, ConfigMap or Helm values)", async () => {
    const planned = baselineStack().map((r) => ({ ...r, secretInputs: [] }));
    expect(await runAll(secretsAreSecret, planned)).toEqual([]);
  });

  it("kis plan (secretness known): reports a plain-text client secret, passes a Pulumi secret", async () => {
    const plain = dynamicSegment({ credentials: { clientId: "id", clientSecret: "s3cr3t" } }, []);
    const [m] = expectViolations(await runAll(secretsAreSecret, [plain]), "orders-segment");
    expect(m).toContain("credentials.clientSecret is not a Pulumi secret");
    expect(m).toContain("pulumi.secret");
    expect(m).not.toContain("s3cr3t");
    const wrapped = dynamicSegment({ credentials: { clientId: "id", clientSecret: SECRET_PLACEHOLDER } }, ["credentials"]);
    expect(await runAll(secretsAreSecret, [wrapped])).toEqual([]);
    const whole = dynamicSegment({ credentials: SECRET_PLACEHOLDER }, ["credentials"]);
    expect(await runAll(secretsAreSecret, [whole])).toEqual([]);
  });

  it("does not take Cognito's token validity units for tokens", async () => {
    const client = {
      type: "aws:cognito/userPoolClient:UserPoolClient",
      name: "cognito-billing",
      props: { tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "minutes" }, clientSecret: "plain" },
      secretInputs: [],
    };
    const [m] = expectViolations(await runAll(secretsAreSecret, [client]), "cognito-billing");
    expect(m).toContain("sensitive input clientSecret is not a Pulumi secret");
    expect(m).not.toContain("tokenValidityUnits");
  });

  it("recognises passwords, licences, keys and extra configured names", async () => {
    const r = dynamicSegment({ password: "p", license: "{...}", provisioningKey: "k", apiKey: "a" }, []);
    expect(expectViolations(await runAll(secretsAreSecret, [r]), "orders-segment")[0]).toContain("password, license, provisioningKey, apiKey");
    const custom = dynamicSegment({ enrollmentToken2: "t" }, []);
    expect(await runAll(secretsAreSecret, [custom])).toEqual([]);
    expectViolations(await runAll(secretsAreSecret, [custom], { extraSensitiveKeys: ["enrollment_token2"] }), "orders-segment");
  });

  it("under the engine (secretness unknown) says nothing about inputs it cannot judge", async () => {
    expect(await runAll(secretsAreSecret, [dynamicSegment({ clientSecret: "looks-plain" })])).toEqual([]);
  });

  it("reports credentials in kong.yml (not vault references) and private keys in a ConfigMap, under the engine too", async () => {
    const cm = configMap((d) =>
      d.services[0].routes[0].plugins.push({ name: "ping-auth", config: { service_url: "https://pa", shared_secret: "abc", secret_header_name: "x" } }),
    );
    const [m] = expectViolations(await runAll(secretsAreSecret, [cm]), "kong-config");
    expect(m).toContain("shared_secret");
    const vault = configMap((d) =>
      d.services[0].routes[0].plugins.push({ name: "ping-auth", config: { shared_secret: "{vault://env/ping-secret}" } }),
    );
    expect(await runAll(secretsAreSecret, [vault])).toEqual([]);
    const pem = { type: "kubernetes:core/v1:ConfigMap", name: "tls", props: { data: { "key.pem": "-----BEGIN PRIVATE KEY-----\nMII..." } } };
    expect(expectViolations(await runAll(secretsAreSecret, [pem]), "tls")[0]).toContain("PEM private key");
  });

  it("accepts the unused secret of RS256 jwt credentials but not of HS256 ones", async () => {
    const rs = configMap((d) => d.consumers.push({ username: "idp", jwt_secrets: [{ key: "k", algorithm: "RS256", rsa_public_key: "pem", secret: "unused" }] }));
    expect(await runAll(secretsAreSecret, [rs])).toEqual([]);
    const hs = configMap((d) => d.consumers.push({ username: "idp", jwt_secrets: [{ key: "k", algorithm: "HS256", secret: "shared" }] }));
    expectViolations(await runAll(secretsAreSecret, [hs]), "kong-config");
  });

  it("reports credentials in the Kong Helm values, not the licence secret's name", async () => {
    expect(await runAll(secretsAreSecret, [kongRelease()])).toEqual([]);
    const release = kongRelease((v) => (v.env = { ...v.env, password: "kong-admin-pw" }));
    expect(expectViolations(await runAll(secretsAreSecret, [release]), "kong-release")[0]).toContain("values.env.password");
  });
});
