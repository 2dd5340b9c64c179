import { z } from "zod";
import { expected, intInRange, oneOf, show, slug, strictObject, text } from "./primitives";
import { configNamespace } from "./project-name";

/**
 * The optional `zpa` block: Zscaler Private Access in front of the API edge (App Connectors in the cluster,
 * one application segment for the edge's FQDN on 443, one access rule for the contract's access groups).
 * Credentials are never values in the stack file: the block names where they are read at deploy time.
 */

/** The ZPA clouds with a documented legacy API host (VENDOR-FACTS.md, zscaler-sdk-go `zpa/config.go`). */
export const ZPA_CLOUD_NAMES = ["PRODUCTION", "ZPATWO", "BETA", "GOV", "GOVUS", "PREVIEW"] as const;
export type ZpaCloudName = (typeof ZPA_CLOUD_NAMES)[number];


/**
 * ZPA ids are 18-19 digit numbers. YAML reads an unquoted one as a float and rounds it, so only a quoted
 * string is accepted, and a number gets a message that says why.
 */
const zpaId = (what: string) =>
  z
    .string({
      error: (issue) =>
        typeof issue.input === "number"
          ? `expected ${what} in quotes, got the number ${show(issue.input)}; YAML rounds numbers this long, write it as a string ("...")`
          : expected(`${what} (digits, in quotes)`)(issue),
    })
    .regex(/^\d{1,20}$/, { error: expected(`${what} (digits, in quotes)`) });

/** https, or http to a loopback stand-in only: credentials are sent to this URL. */
const apiUrl = z.string({ error: expected("an https URL") }).refine(
  (v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || (u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname));
    } catch {
      return false;
    }
  },
  { error: expected("an https URL (http only for a local stand-in on 127.0.0.1 or localhost)") },
);

const envName = z
  .string({ error: expected("an environment variable name such as ZPA_CLIENT_SECRET") })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: expected("an environment variable name such as ZPA_CLIENT_SECRET") });

/** A Pulumi config key outside this project's namespace (the program validates every key of its own). */
const secretConfigKey = z
  .string({ error: expected("a Pulumi config key such as zpa:clientSecret") })
  .regex(/^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+$/, { error: expected("a Pulumi config key with a namespace, such as zpa:clientSecret") })
  .refine((k) => !k.startsWith(`${configNamespace()}:`), {
    error: () => `expected a key outside the ${configNamespace()} namespace (such as zpa:clientSecret): this project's own keys are stack settings, not secrets`,
  });

/** Zscaler recommends a dated tag over `latest` (App Connector deployment guide for Kubernetes). */
const connectorImageTag = z
  .string({ error: expected("a dated zpa-connector image tag such as 2024-06-20.amd64") })
  .regex(/^\d{4}-\d{2}-\d{2}\.amd64$/, { error: expected("a dated zpa-connector image tag such as 2024-06-20.amd64 (not latest; Kubernetes App Connectors are amd64 only)") });

const coordinate = (min: number, max: number, what: string) =>
  z
    .number({ error: expected(`a ${what} from ${min} to ${max}`) })
    .min(min, { error: expected(`a ${what} from ${min} to ${max}`) })
    .max(max, { error: expected(`a ${what} from ${min} to ${max}`) });

export const zpaCredentialsSchema = strictObject({
  /** environment: read at deploy time from two environment variables. pulumi-config: from two Pulumi secrets. */
  source: oneOf(["environment", "pulumi-config"] as const).default("environment").describe("`environment`: the API client id and secret are read at deploy time from two environment variables; `pulumi-config`: from two Pulumi secrets. Default environment."),
  clientIdEnv: envName.default("ZPA_CLIENT_ID").describe("Environment variable holding the ZPA API client id. Default ZPA_CLIENT_ID."),
  clientSecretEnv: envName.default("ZPA_CLIENT_SECRET").describe("Environment variable holding the ZPA API client secret. Default ZPA_CLIENT_SECRET."),
  clientIdKey: secretConfigKey.default("zpa:clientId").describe("Pulumi secret config key (outside this project's namespace) holding the client id. Default zpa:clientId."),
  clientSecretKey: secretConfigKey.default("zpa:clientSecret").describe("Pulumi secret config key (outside this project's namespace) holding the client secret. Default zpa:clientSecret."),
});

export const zpaGroupsSchema = strictObject({
  /** scim: ZPA SCIM groups synced from the IdP, by name. saml: values of one SAML attribute. */
  source: oneOf(["scim", "saml"] as const).describe("`scim`: ZPA SCIM groups synced from the IdP, by name; `saml`: values of one SAML attribute."),
  /** The IdP as configured in ZPA (its id in the ZPA admin portal). */
  idpId: zpaId("the ZPA id of the identity provider").describe("The ZPA id of the IdP users sign in with (quoted)."),
  /** saml only: the SAML attribute (as named in ZPA) whose values are the access group names. */
  attributeName: text("a SAML attribute name").min(1, { error: "expected a SAML attribute name" }).optional().describe("saml only: the SAML attribute (as named in ZPA) carrying the group names."),
});

export const zpaConnectorSchema = strictObject({
  namespace: slug("a Kubernetes namespace").default("zpa-connector").describe("Kubernetes namespace of the App Connectors. Default zpa-connector."),
  /** At least two: Zscaler recommends two healthy App Connectors per group at all times. */
  replicas: intInRange(2, 10, " App Connectors").default(2).describe("App Connector pods (2 to 10; Zscaler recommends two healthy ones at all times). Default 2."),
  image: strictObject({
    repository: z.string({ error: expected("an image repository") }).default("zscaler/zpa-connector").describe("Image repository. Default zscaler/zpa-connector."),
    tag: connectorImageTag.describe("A dated image tag such as 2024-06-20.amd64 (not latest)."),
  }).describe("App Connector image `{repository, tag}`."),
  /** Full rollouts one provisioning key must survive; sizes maxUsage (see docs/zpa.md). */
  rolloutsPerKey: intInRange(1, 8, " rollouts").default(3).describe("Full rollouts one provisioning key must survive (1 to 8); sizes maxUsage = replicas x (rolloutsPerKey + 2). Default 3."),
  /** Where the App Connector group is shown on ZPA's map (required by the API). */
  location: strictObject({
    name: text("a location name such as Frankfurt, Germany").min(1, { error: "expected a location name" }).describe("Location name, such as Frankfurt, Germany."),
    latitude: coordinate(-90, 90, "latitude").describe("Latitude (-90 to 90)."),
    longitude: coordinate(-180, 180, "longitude").describe("Longitude (-180 to 180)."),
  }).describe("Where the App Connector group is shown on ZPA's map `{name, latitude, longitude}` (the API requires it)."),
});

/** Existing ZPA objects to import by id instead of creating them (the provider adopts them: Pulumi cannot import dynamic resources). */
export const zpaImportIdsSchema = strictObject({
  appConnectorGroup: zpaId("a ZPA object id").optional().describe("Id of an existing App Connector group to adopt."),
  provisioningKey: zpaId("a ZPA object id").optional().describe("Id of an existing provisioning key to adopt."),
  segmentGroup: zpaId("a ZPA object id").optional().describe("Id of an existing segment group to adopt."),
  serverGroup: zpaId("a ZPA object id").optional().describe("Id of an existing server group to adopt."),
  applicationSegment: zpaId("a ZPA object id").optional().describe("Id of an existing application segment to adopt."),
  accessPolicyRule: zpaId("a ZPA object id").optional().describe("Id of an existing access policy rule to adopt."),
});

export const zpaSchema = strictObject({
  enabled: z.boolean({ error: expected("true or false") }).default(true).describe("Create the ZPA objects and the App Connectors. Default true."),
  cloud: oneOf(ZPA_CLOUD_NAMES).default("PRODUCTION").describe("ZPA cloud of the legacy API host: PRODUCTION, ZPATWO, BETA, GOV, GOVUS or PREVIEW. Default PRODUCTION."),
  /** Overrides the cloud's API host (a stand-in in tests, a private deployment). */
  baseUrl: apiUrl.optional().describe("Overrides the cloud's API host (https; http only for a local stand-in)."),
  /** oneapi only: overrides https://{vanityDomain}.zslogin.net/oauth2/v1/token. */
  tokenUrl: apiUrl.optional().describe("oneapi only: overrides https://{vanityDomain}.zslogin.net/oauth2/v1/token."),
  customerId: zpaId("a ZPA customer id").describe("ZPA customer id, quoted (YAML rounds 18-digit numbers)."),
  auth: oneOf(["legacy", "oneapi"] as const).default("legacy").describe("`legacy` (POST /signin) or `oneapi` (ZIdentity client credentials, api.zsapi.net/zpa). Default legacy."),
  /** oneapi only: the ZIdentity vanity domain (`acme` in acme.zslogin.net). */
  vanityDomain: z
    .string({ error: expected("a ZIdentity vanity domain such as acme") })
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { error: expected("a ZIdentity vanity domain such as acme (the part before .zslogin.net)") })
    .optional().describe("oneapi only: the ZIdentity vanity domain (`acme` in acme.zslogin.net)."),
  credentials: zpaCredentialsSchema.prefault({}).describe("Where the ZPA API credentials are read at deploy time (never values in the stack file)."),
  groups: zpaGroupsSchema.describe("Which groups the access rule matches: `{source, idpId, attributeName}`."),
  connector: zpaConnectorSchema.describe("The App Connectors in the cluster: namespace, replicas, image, rolloutsPerKey, location."),
  importIds: zpaImportIdsSchema.prefault({}).describe("Import (adopt) existing ZPA objects by id when the resource is created (Pulumi cannot import dynamic resources)."),
});

export type ZpaConfig = z.output<typeof zpaSchema>;
export type ZpaCredentialsConfig = ZpaConfig["credentials"];
export type ZpaGroupsConfig = ZpaConfig["groups"];
export type ZpaConnectorConfig = ZpaConfig["connector"];
export type ZpaImportIds = ZpaConfig["importIds"];

type Fail = (path: (string | number)[], message: string) => void;

/** References inside the zpa block and to the identity block; runs only on a structurally valid config. */
export function zpaCrossReferences(c: { zpa?: ZpaConfig; identity: { accessGroups: readonly { name: string }[] } }, fail: Fail): void {
  const zpa = c.zpa;
  if (!zpa) return;
  if (zpa.auth === "oneapi") {
    if (!zpa.vanityDomain && !zpa.tokenUrl) {
      fail(["zpa", "vanityDomain"], "needed with auth: oneapi (tokens come from https://{vanityDomain}.zslogin.net/oauth2/v1/token)");
    }
    if (zpa.cloud !== "PRODUCTION" && !zpa.baseUrl) {
      fail(["zpa", "cloud"], `auth: oneapi is wired for the commercial cloud (api.zsapi.net); for ${zpa.cloud} use auth: legacy, or set zpa.baseUrl and zpa.tokenUrl`);
    }
  } else {
    if (zpa.vanityDomain) fail(["zpa", "vanityDomain"], "only used with auth: oneapi; remove it or set auth: oneapi");
    if (zpa.tokenUrl) fail(["zpa", "tokenUrl"], "only used with auth: oneapi; remove it or set auth: oneapi");
  }
  if (zpa.groups.source === "saml" && !zpa.groups.attributeName) {
    fail(["zpa", "groups", "attributeName"], "needed with source: saml: the SAML attribute (as named in ZPA) whose values are the access group names");
  }
  if (zpa.groups.source === "scim" && zpa.groups.attributeName) {
    fail(["zpa", "groups", "attributeName"], "only used with source: saml; SCIM groups are matched by name");
  }
  if (zpa.enabled && c.identity.accessGroups.length === 0) {
    fail(
      ["zpa", "enabled"],
      "ZPA admits users by access group, but identity.accessGroups is empty; declare the groups Kong's routes use (an access rule without groups would admit every ZPA user)",
    );
  }
}
