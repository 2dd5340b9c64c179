import { z } from "zod";
import { configNamespace } from "./project-name";
import { parseCertificates } from "../../components/shared/certificates";
import { providerJwksHost, tokenValidationChoice, type ProviderHostInput } from "../../components/shared/token-validation";
import { expected, intInRange, oneOf, show, slug, strictObject, text } from "./primitives";

/**
 * The optional `pingaccess` block: PingAccess as a sideband policy decision point for Kong (the `ping-auth`
 * plugin). The stack creates the sideband client, a JWKS access token validator, virtual hosts, one API
 * application with a resource per route, and the scope and group rules; Kong gets `ping-auth` on the chosen
 * routes. Admin credentials are never values in the stack file: the block names where they are read.
 */

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/** https, or http to a loopback stand-in only (the admin password is sent to this URL). */
const adminUrl = z.string({ error: expected("an https URL such as https://pingaccess-admin.example.com:9000") }).refine(
  (v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || (u.protocol === "http:" && LOOPBACK.includes(u.hostname))) && (u.pathname === "/" || u.pathname === "");
    } catch {
      return false;
    }
  },
  { error: expected("an https URL of the admin host without a path, such as https://pingaccess-admin.example.com:9000 (http only for a local stand-in)") },
);

/** ping-auth's `service_url`: http(s) with a host (schema.lua's url_validator); the plugin appends /sideband/... itself. */
const sidebandUrl = z.string({ error: expected("an https URL such as https://pingaccess.example.com:3000") }).refine(
  (v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && u.hostname.length > 0 && !/\/sideband(\/|$)/.test(u.pathname);
    } catch {
      return false;
    }
  },
  { error: expected("an http(s) URL of the PingAccess engine without /sideband/... (the plugin appends /sideband/request and /sideband/response)") },
);

const envName = z
  .string({ error: expected("an environment variable name such as PINGACCESS_ADMIN_PASSWORD") })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: expected("an environment variable name such as PINGACCESS_ADMIN_PASSWORD") });

const secretConfigKey = z
  .string({ error: expected("a Pulumi config key such as pingaccess:adminPassword") })
  .regex(/^[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+$/, { error: expected("a Pulumi config key with a namespace, such as pingaccess:adminPassword") })
  .refine((k) => !k.startsWith(`${configNamespace()}:`), {
    error: () => `expected a key outside the ${configNamespace()} namespace (such as pingaccess:adminPassword): this project's own keys are stack settings, not secrets`,
  });

/** An HTTP header name (RFC 9110 token). */
const headerName = z
  .string({ error: expected("an HTTP header name such as CLIENT-TOKEN") })
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, { error: expected("an HTTP header name such as CLIENT-TOKEN (letters, digits, - and _)") });

/** PingAccess ids: digits for most objects; sideband clients have string ids. */
const numericId = z
  .string({ error: expected("a PingAccess object id in quotes, such as \"12\"") })
  .regex(/^\d{1,10}$/, { error: expected("a PingAccess object id in quotes, such as \"12\"") });

export const pingAccessCredentialsSchema = strictObject({
  source: oneOf(["environment", "pulumi-config"] as const)
    .default("environment")
    .describe("Where the admin password is read at deploy time: `environment` (a variable) or `pulumi-config` (a Pulumi secret). Default environment."),
  username: text("an admin user name such as Administrator")
    .min(1, { error: "expected an admin user name such as Administrator" })
    .default("Administrator")
    .describe("The PingAccess admin user for HTTP Basic auth. Default Administrator; use a dedicated admin account where you have one."),
  passwordEnv: envName
    .default("PINGACCESS_ADMIN_PASSWORD")
    .describe("source environment: the variable holding the admin password. Default PINGACCESS_ADMIN_PASSWORD."),
  passwordKey: secretConfigKey
    .default("pingaccess:adminPassword")
    .describe("source pulumi-config: the Pulumi secret holding the admin password (`pulumi config set --secret`). Default pingaccess:adminPassword."),
});

export const pingAccessPluginSchema = strictObject({
  image: strictObject({
    repository: text("an image repository").min(1, { error: "expected an image repository" }).describe("The image repository, e.g. registry.example.com/kong-gateway-ping-auth."),
    tag: text("an image tag").min(1, { error: "expected an image tag" }).describe("The image tag; pin one (the plugin version is part of what you deploy)."),
  })
    .optional()
    .describe("A Kong image that already has the LuaRocks package kong-plugin-ping-auth installed; it replaces kong.image. Set this or configMap."),
  configMap: slug("a ConfigMap name")
    .optional()
    .describe("A ConfigMap (in Kong's namespace, created outside the stack) with the plugin's Lua files, mounted through the chart's plugins.configMaps. Set this or image."),
});

export const pingAccessImportIdsSchema = strictObject({
  sidebandClient: text("a sideband client id").min(1, { error: "expected a sideband client id" }).optional()
    .describe("Adopt this existing sideband client (its credentials are replaced by the stack's) instead of creating one."),
  accessTokenValidator: numericId.optional().describe("Adopt this existing access token validator instead of creating one."),
  application: numericId.optional().describe("Adopt this existing application instead of creating one; its resources are still the stack's."),
});

export const pingAccessSchema = strictObject({
  enabled: z.boolean({ error: expected("true or false") }).default(true).describe("Turns the PingAccess sideband on. Default true when the block is present."),
  adminUrl: adminUrl.describe("The PingAccess admin host, e.g. https://pingaccess-admin:9000; the stack calls /pa-admin-api/v3 below it."),
  sidebandUrl: sidebandUrl.describe(
    "What Kong's ping-auth calls (its service_url): the PingAccess engine listener, without /sideband. https unless allowHttpSideband is true.",
  ),
  allowHttpSideband: z
    .boolean({ error: expected("true or false") })
    .default(false)
    .describe("Allows an http:// sidebandUrl (the shared secret and every request then cross the network in clear). Default false; only for a lab."),
  credentials: pingAccessCredentialsSchema.prefault({}).describe("Where the admin credentials are read at deploy time (never values in the stack file)."),
  routes: z
    .array(slug("a route name"), { error: expected("a list of route names") })
    .min(1, { error: "expected at least one route name, or leave routes out for every protected route" })
    .optional()
    .describe("The routes PingAccess decides on, by name. Default: every protected (non-anonymous) route."),
  secretHeaderName: headerName
    .default("CLIENT-TOKEN")
    .describe("The header carrying the shared secret from Kong to PingAccess (ping-auth secret_header_name). Default CLIENT-TOKEN, PingAccess's own default."),
  verifyServiceCertificate: z
    .boolean({ error: expected("true or false") })
    .default(true)
    .describe("Whether Kong verifies PingAccess's TLS certificate (ping-auth verify_service_certificate). Default true; the policy pack refuses false outside dev."),
  version: z
    .string({ error: expected('the PingAccess version such as "9.0.1" (in quotes)') })
    .regex(/^\d{1,2}\.\d{1,2}(\.\d{1,3})?$/, { error: expected('the PingAccess version such as "9.0.1" (in quotes)') })
    .optional()
    .describe(
      "The PingAccess server's version, such as \"9.0.1\". Decides what the token validator may use: a third-party service for a JWKS host that is not PingAccess's token provider (8.3.2+), and skipping audience validation for tokens without aud (Cognito; 8.0+). Required when either applies; an older version is refused with the reason.",
    ),
  tokenProviderHost: z
    .string({ error: expected("host or host:port such as login.microsoftonline.com") })
    .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, { error: expected("host or host:port such as login.microsoftonline.com") })
    .optional()
    .describe(
      "The host[:port] of the token provider PingAccess is configured with (PingFederate or a common OIDC provider). When it is the IdP's JWKS host, the validator's path is read on it; otherwise (the default) the stack creates a third-party service for the JWKS host and the validator names it (PingAccess 8.3.2+).",
    ),
  serviceCa: strictObject({
    certificate: z
      .string({ error: expected("PingAccess's CA certificate(s) in PEM (-----BEGIN CERTIFICATE-----)") })
      .refine((v) => v.includes("-----BEGIN CERTIFICATE-----"), { error: expected("PingAccess's CA certificate(s) in PEM (-----BEGIN CERTIFICATE-----)") })
      .optional()
      .describe("The CA certificate(s), PEM, that issued PingAccess's engine certificate; the stack writes them to the Secret pingaccess-service-ca in Kong's namespace. Set this or secretName."),
    secretName: slug("a Kubernetes secret name")
      .optional()
      .describe("An existing Secret in Kong's namespace holding the CA bundle (e.g. cert-manager's), under key. Set this or certificate."),
    key: text("a Secret key such as ca.crt").min(1, { error: "expected a Secret key such as ca.crt" }).default("ca.crt").describe("The key of secretName holding the PEM bundle. Default ca.crt."),
  })
    .optional()
    .describe(
      "PingAccess's CA bundle: mounted into the Kong pods and added to Kong's lua_ssl_trusted_certificate (after `system`), so ping-auth can verify an engine certificate no public CA issues (an in-cluster *.svc name). The policy pack refuses verification of an in-cluster sidebandUrl without it.",
    ),
  allowHttp2: z
    .boolean({ error: expected("true or false") })
    .default(false)
    .describe(
      "Keeps HTTP/2 (ALPN h2) on Kong's proxy TLS listener although ping-auth 1.2.0 answers 400 to every HTTP/2 request. Default false: the stack sets the chart's proxy.tls.parameters to [] (HTTP/1.1 only); the policy pack refuses true.",
    ),
  connectionTimeoutMs: intInRange(100, 120_000, " ms")
    .default(10_000)
    .describe("ping-auth connection_timeout_ms: how long Kong waits for PingAccess before failing the request closed (500). Default 10000."),
  virtualHost: z
    .string({ error: expected("host:port such as api.example.com:443") })
    .regex(/^[^:\s]+:\d{1,5}$/, { error: expected("host:port such as api.example.com:443") })
    .optional()
    .describe(
      "The host:port the sideband requests name (ping-auth sends Kong's forwarded host and port). Default: each of kong.hostnames on 443, the port the chart maps to Kong's TLS listener.",
    ),
  sharedSecretLifetimeDays: intInRange(2, 730, " days")
    .default(90)
    .describe("Each sideband shared secret lives this long; two staggered secrets overlap by half of it (rotation without downtime). Default 90."),
  sharedSecretReference: text("a Kong vault reference such as {vault://hcv/pingaccess/shared-secret}")
    .min(1, { error: "expected a Kong vault reference such as {vault://hcv/pingaccess/shared-secret}" })
    .optional()
    .describe(
      "Where Kong reads the shared secret instead of the stack's env vault: a reference to a copy of the stack's secret that you keep in another Kong vault (HashiCorp Vault, AWS). Default: {vault://env/pingaccess-shared-secret}, a Kubernetes Secret the stack writes. The policy pack refuses a literal.",
    ),
  plugin: pingAccessPluginSchema.prefault({}).describe("How the ping-auth plugin gets into the Kong pods: an image with it installed, or a ConfigMap with its Lua files."),
  applicationName: text("an application name").optional().describe("Name of the PingAccess API application. Default <apiName>-<environment>."),
  ruleOverrides: z
    .record(
      slug("a route name"),
      strictObject({
        scopes: z.array(text("a scope name"), { error: expected("a list of scope names") }).optional(),
        groups: z.array(text("an access group name"), { error: expected("a list of access group names") }).optional(),
      }),
      { error: expected("a map of route name to { scopes, groups }") },
    )
    .default({})
    .describe(
      "Escape hatch for a migration: per route, the scopes and groups PingAccess requires instead of the route's own. The policy pack's pingaccess-rules-match-kong refuses any difference from Kong. Default none.",
    ),
  importIds: pingAccessImportIdsSchema.prefault({}).describe("Existing PingAccess objects to adopt by id instead of creating them."),
});

export type PingAccessConfig = z.output<typeof pingAccessSchema>;

type Fail = (path: (string | number)[], message: string) => void;

interface PingAccessReferenceInput {
  readonly pingaccess?: PingAccessConfig;
  readonly routes: readonly { readonly name: string; readonly anonymous: boolean }[];
  readonly kong: { readonly image?: unknown; readonly hostnames: readonly string[] };
  readonly identity: { readonly providers: readonly unknown[] };
}

/** References inside the pingaccess block and to the routes, kong and identity blocks. */
export function pingAccessCrossReferences(c: PingAccessReferenceInput, fail: Fail): void {
  const pa = c.pingaccess;
  if (!pa || !pa.enabled) return;
  if (pa.sidebandUrl.startsWith("http:") && !pa.allowHttpSideband) {
    fail(["pingaccess", "sidebandUrl"], `expected an https URL, got ${show(pa.sidebandUrl)}; the shared secret travels in a header: use https, or set allowHttpSideband: true for a lab`);
  }
  const routes = new Map(c.routes.map((r) => [r.name, r]));
  (pa.routes ?? []).forEach((name, i) => {
    const route = routes.get(name);
    if (!route) fail(["pingaccess", "routes", i], `route ${show(name)} is not in routes; name a configured route`);
    else if (route.anonymous) fail(["pingaccess", "routes", i], `route ${show(name)} is anonymous; PingAccess decides on token scopes and groups, so name a protected route`);
  });
  if (!pa.routes && c.routes.every((r) => r.anonymous)) {
    fail(["pingaccess", "routes"], "every route is anonymous, so PingAccess would protect nothing; add a protected route or remove the pingaccess block");
  }
  Object.keys(pa.ruleOverrides).forEach((name) => {
    if (!routes.has(name)) fail(["pingaccess", "ruleOverrides", name], `route ${show(name)} is not in routes; name a configured route`);
  });
  const { image, configMap } = pa.plugin;
  if (!image && !configMap) {
    fail(
      ["pingaccess", "plugin"],
      "missing; the Kong pods need the ping-auth plugin: set pingaccess.plugin.image (a Kong image with the LuaRocks package kong-plugin-ping-auth) or pingaccess.plugin.configMap (a ConfigMap with the plugin's Lua files)",
    );
  }
  if (pa.serviceCa && !pa.serviceCa.certificate === !pa.serviceCa.secretName) {
    fail(["pingaccess", "serviceCa"], "set certificate (PEM; the stack writes the Secret) or secretName (an existing Secret), exactly one");
  }
  if (pa.serviceCa?.certificate) {
    try {
      const certs = parseCertificates(pa.serviceCa.certificate);
      const notCa = certs.filter((c) => !c.ca);
      if (notCa.length > 0) fail(["pingaccess", "serviceCa", "certificate"], `${show(notCa[0]!.subject.replace(/\n/g, ", "))} is not a CA certificate (basicConstraints CA:FALSE); give the CA that issued PingAccess's engine certificate`);
    } catch (err) {
      fail(["pingaccess", "serviceCa", "certificate"], `cannot be read as PEM certificates (${(err as Error).message}); paste the CA's -----BEGIN CERTIFICATE----- block`);
    }
  }
  if (image && configMap) fail(["pingaccess", "plugin"], "set image or configMap, not both: the plugin must be installed once");
  if (image && c.kong.image) fail(["pingaccess", "plugin", "image"], "kong.image is set too; put the image with the plugin in one place (pingaccess.plugin.image replaces kong.image)");
  const provider = c.identity.providers[0] as ProviderHostInput | undefined;
  const jwksHost = provider ? providerJwksHost(provider) : undefined;
  if (jwksHost && c.identity.providers.length === 1) {
    const choice = tokenValidationChoice({ jwksHost, tokenProviderHost: pa.tokenProviderHost, version: pa.version, audience: provider!.kind !== "cognito" });
    if ("problem" in choice) fail(["pingaccess", choice.key], choice.problem);
  }
  if (c.identity.providers.length > 1) {
    fail(
      ["pingaccess", "enabled"],
      "a PingAccess application has one access token validator, so it cannot accept both providers of a cut-over; finish the cut-over first, or disable pingaccess",
    );
  }
}
