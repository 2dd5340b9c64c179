import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../../../infra/config";
import { RAW_STACK_CONFIG } from "../../components/kong/fixtures";
import { RAW_ZPA } from "../../components/zpa/fixtures";
import { configProblems } from "../../../support/config-problems";
import { exampleStackRaw } from "../../../support/example-stacks";

const stackFile = exampleStackRaw;

const withZpa = (edit: (zpa: any, raw: any) => void = () => {}) => {
  const raw: any = structuredClone(RAW_STACK_CONFIG);
  raw.zpa = structuredClone(RAW_ZPA);
  edit(raw.zpa, raw);
  return raw;
};

describe("the zpa block", () => {
  it("stacks/Pulumi.zpa-dev.yaml parses, with defaults filled in", () => {
    const cfg = parseStackConfig(stackFile("zpa-dev"));
    expect(cfg.zpa).toEqual({
      enabled: true,
      cloud: "PRODUCTION",
      customerId: "216196257331281920",
      auth: "legacy",
      credentials: {
        source: "environment",
        clientIdEnv: "ZPA_CLIENT_ID",
        clientSecretEnv: "ZPA_CLIENT_SECRET",
        clientIdKey: "zpa:clientId",
        clientSecretKey: "zpa:clientSecret",
      },
      groups: { source: "scim", idpId: "216196257331281933" },
      connector: {
        namespace: "zpa-connector",
        replicas: 2,
        image: { repository: "zscaler/zpa-connector", tag: "2024-06-20.amd64" },
        rolloutsPerKey: 3,
        location: { name: "Frankfurt, Germany", latitude: 50.1109, longitude: 8.6821 },
      },
      importIds: {},
    });
    expect(cfg.kong.proxyServiceType).toBe("ClusterIP");
  });

  it("is optional: the dev stack has none", () => {
    expect(parseStackConfig(stackFile("dev")).zpa).toBeUndefined();
  });

  it("accepts OneAPI with a vanity domain, and SAML groups with an attribute", () => {
    const cfg = parseStackConfig(
      withZpa((z) => {
        z.auth = "oneapi";
        z.vanityDomain = "acme";
        z.groups = { source: "saml", idpId: "123", attributeName: "AppRoles" };
        z.credentials = { source: "pulumi-config" };
      }),
    );
    expect(cfg.zpa).toMatchObject({ auth: "oneapi", vanityDomain: "acme", groups: { attributeName: "AppRoles" }, credentials: { source: "pulumi-config", clientSecretKey: "zpa:clientSecret" } });
  });

  it.each([
    [
      "an unquoted customer id",
      (z: any) => (z.customerId = 216196257331281920),
      'zpa.customerId: expected a ZPA customer id in quotes, got the number 216196257331281920; YAML rounds numbers this long, write it as a string ("...")',
    ],
    ["a customer id with letters", (z: any) => (z.customerId = "acme"), 'zpa.customerId: expected a ZPA customer id (digits, in quotes), got "acme"'],
    ["an unknown cloud", (z: any) => (z.cloud = "ZSCALERTHREE"), 'zpa.cloud: expected one of "PRODUCTION", "ZPATWO", "BETA", "GOV", "GOVUS", "PREVIEW", got "ZSCALERTHREE"'],
    ["oneapi without a vanity domain", (z: any) => (z.auth = "oneapi"), "zpa.vanityDomain: needed with auth: oneapi (tokens come from https://{vanityDomain}.zslogin.net/oauth2/v1/token)"],
    [
      "oneapi on a government cloud",
      (z: any) => Object.assign(z, { auth: "oneapi", vanityDomain: "acme", cloud: "GOV" }),
      "zpa.cloud: auth: oneapi is wired for the commercial cloud (api.zsapi.net); for GOV use auth: legacy, or set zpa.baseUrl and zpa.tokenUrl",
    ],
    ["a vanity domain with legacy auth", (z: any) => (z.vanityDomain = "acme"), "zpa.vanityDomain: only used with auth: oneapi; remove it or set auth: oneapi"],
    [
      "saml without an attribute",
      (z: any) => (z.groups = { source: "saml", idpId: "1" }),
      "zpa.groups.attributeName: needed with source: saml: the SAML attribute (as named in ZPA) whose values are the access group names",
    ],
    ["scim with an attribute", (z: any) => (z.groups.attributeName = "x"), "zpa.groups.attributeName: only used with source: saml; SCIM groups are matched by name"],
    [
      "the latest image tag",
      (z: any) => (z.connector.image.tag = "latest.amd64"),
      'zpa.connector.image.tag: expected a dated zpa-connector image tag such as 2024-06-20.amd64 (not latest; Kubernetes App Connectors are amd64 only), got "latest.amd64"',
    ],
    ["a single App Connector", (z: any) => (z.connector.replicas = 1), "zpa.connector.replicas: expected a whole number from 2 to 10 App Connectors, got 1"],
    ["too many rollouts per key", (z: any) => (z.connector.rolloutsPerKey = 9), "zpa.connector.rolloutsPerKey: expected a whole number from 1 to 8 rollouts, got 9"],
    ["a latitude off the globe", (z: any) => (z.connector.location.latitude = 91), "zpa.connector.location.latitude: expected a latitude from -90 to 90, got 91"],
    [
      "a secret key in the project's namespace",
      (z: any) => (z.credentials = { source: "pulumi-config", clientSecretKey: "kong-identity-stack:zpaSecret" }),
      "zpa.credentials.clientSecretKey: expected a key outside the kong-identity-stack namespace (such as zpa:clientSecret): this project's own keys are stack settings, not secrets",
    ],
    [
      "a plain-http base URL that is not a local stand-in",
      (z: any) => (z.baseUrl = "http://config.private.zscaler.com"),
      'zpa.baseUrl: expected an https URL (http only for a local stand-in on 127.0.0.1 or localhost), got "http://config.private.zscaler.com"',
    ],
    [
      "a credential value where its name belongs",
      (z: any) => (z.credentials = { clientSecret: "s3cr3t" }),
      'zpa.credentials: unknown key "clientSecret"; expected one of source, clientIdEnv, clientSecretEnv, clientIdKey, clientSecretKey',
    ],
    [
      "no access groups to admit",
      (_z: any, raw: any) => {
        raw.identity.accessGroups = [];
        raw.routes.forEach((r: any) => (r.roles = []));
      },
      "zpa.enabled: ZPA admits users by access group, but identity.accessGroups is empty; declare the groups Kong's routes use (an access rule without groups would admit every ZPA user)",
    ],
  ])("%s: one line naming the key", (_name, edit, message) => {
    expect(configProblems(withZpa(edit))).toEqual([message]);
  });

  it("never echoes a secret value it rejects", () => {
    const lines = configProblems(withZpa((z) => (z.credentials = { clientSecret: "s3cr3t-value" })));
    expect(lines.join("\n")).not.toContain("s3cr3t-value");
  });
});
