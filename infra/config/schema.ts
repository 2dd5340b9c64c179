import { z } from "zod";
import { expected, groupName, hostname, httpUrl, intInRange, isRecord, list, oneOf, scopeName, show, slug, strictObject, text, uuid } from "./primitives";
import { F5_SECRET_KEYS, f5CrossReferences, f5Schema, secretConfigValue } from "./f5-schema";
import { zpaCrossReferences, zpaSchema } from "./zpa-schema";
import { KONG_RUNTIME_SHAPE, kongRuntimeCrossReferences } from "./kong-runtime-schema";
import { FREE_TEXT_LIMITS, freeText, UNDOCUMENTED_TEXT_LIMIT } from "./free-text";
import { KUBECONFIG_SECRET_KEY, kubernetesSchema } from "./kubernetes-schema";
import { KONG_EDGE_SHAPE, KONG_TLS_SECRET_KEYS, kongEdgeCrossReferences } from "./kong-tls-schema";
import { programClock } from "../clock";
import { pingAccessCrossReferences, pingAccessSchema } from "./pingaccess-schema";
import { signInCrossReferences, signInSchema } from "./sign-in-schema";
import { quickstartKeys } from "./quickstart-schema";
import { observabilityCrossReferences, observabilitySchema } from "./observability-schema";
import { routeAndNameRules } from "./route-rules";
import { upstreamUrl } from "./upstream-url";

/**
 * The stack configuration (`stacks/Pulumi.<env>.yaml`, keys under `kong-identity-stack:`).
 *
 * The schema checks structure and what the vendors can accept at all. Security limits that a platform team
 * tunes per environment (maximum token lifetime, leeway, secret age, https-only redirects) are the policy
 * pack's job, so a stack that is well-formed but unsafe still plans and is then refused by the policies.
 */


const named = <T extends z.ZodType<string>>(name: T) =>
  z.union([name.transform((n) => ({ name: n, description: "" })), strictObject({ name, description: freeText("a description").default("") })], {
    error: expected("a name or { name, description }"),
  });

/** JWS signature algorithms (RFC 7518 section 3.1), `none` excluded. */
export const JWS_ALGORITHMS = [
  "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512",
] as const;

// ---------------------------------------------------------------- identity providers
export const entraProviderSchema = strictObject({
  kind: z.literal("entra").describe("Which identity provider: `entra` (Microsoft Entra ID), `okta` (an Okta custom authorization server) or `cognito` (an AWS Cognito user pool)."),
  /** Distinguishes two providers during a cut-over; defaults to the kind. */
  name: slug("a provider name").optional().describe("Distinguishes two providers during a cut-over (appears in every resource name); default: the kind."),
  tenantId: uuid.describe("The Entra tenant (directory) GUID."),
  /** 2 unless a client ecosystem forces v1: the API application's requestedAccessTokenVersion. */
  // One literal with two values: a union of literals would report only its first branch ("expected 1").
  tokenVersion: z.literal([1, 2], { error: expected("1 or 2") }).default(2).describe("Access-token version the API application requests (`requestedAccessTokenVersion`): 2, or 1 only when clients force it (issuer `https://sts.windows.net/{tenant}/`). Default 2."),
});

/** Claim names an IdP lets us choose (Okta custom claims): letters, digits, `_ : . -`. */
const claimName = z
  .string({ error: expected("a claim name such as groups") })
  .regex(/^[A-Za-z_][A-Za-z0-9_:.-]{0,99}$/, { error: expected("a claim name such as groups (letters, digits, _ : . -)") });

const httpsUrl = httpUrl.refine((v) => v.startsWith("https://"), { error: expected("an https URL") });

export const oktaProviderSchema = strictObject({
  kind: z.literal("okta").describe("Which identity provider: `entra` (Microsoft Entra ID), `okta` (an Okta custom authorization server) or `cognito` (an AWS Cognito user pool)."),
  /** Distinguishes two providers during a cut-over; defaults to the kind. */
  name: slug("a provider name").optional().describe("Distinguishes two providers during a cut-over (appears in every resource name); default: the kind."),
  /**
   * The Okta org (`dev-123456` in dev-123456.okta.com) and its domain: they configure the Okta provider only.
   * The token issuer is never built from them; it is the authorization server's `issuer` output.
   */
  orgName: z
    .string({ error: expected("an Okta org name such as dev-123456") })
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: expected("an Okta org name such as dev-123456 (lower case)") }).describe("The Okta org (`dev-123456` in dev-123456.okta.com); selects the Okta provider, never the token issuer (that is the authorization server's `issuer` output)."),
  baseUrl: hostname.default("okta.com").describe("The Okta org's domain (`okta.com`, `oktapreview.com`, `okta-emea.com`, ...). Default okta.com."),
  /** Name of the custom authorization server; defaults to `<apiName>-<environment>`. */
  authServerName: freeText("an authorization server name").optional().describe("Name of the custom authorization server. Default `<apiName>-<environment>`."),
  /** The authorization server's single audience (`aud`); defaults to `api://<apiName>`. */
  audience: text("an audience such as api://orders").optional().describe("The authorization server's single audience (`aud`). Default `api://<apiName>`."),
  /** How service (client credentials) apps authenticate at the token endpoint. */
  serviceClientAuth: oneOf(["client_secret_basic", "private_key_jwt"] as const).default("client_secret_basic").describe("How service (client credentials) apps authenticate at the token endpoint: `client_secret_basic` or `private_key_jwt`. Default client_secret_basic."),
  /** private_key_jwt: the JWKS URL of each service client's public key, by client name. */
  clientJwksUris: z.record(slug("a client name"), httpsUrl, { error: expected("a map of client name to https JWKS URL") }).default({}).describe("private_key_jwt only: `{<service client>: https JWKS URL}` of each service client's public key. Default `{}`."),
  /** Name of the RESOURCE claim that carries the caller's access groups. */
  groupsClaim: claimName.default("groups").describe("Name of the RESOURCE claim that carries the caller's access groups. Default groups."),
});

export const cognitoProviderSchema = strictObject({
  kind: z.literal("cognito").describe("Which identity provider: `entra` (Microsoft Entra ID), `okta` (an Okta custom authorization server) or `cognito` (an AWS Cognito user pool)."),
  /** Distinguishes two providers during a cut-over; defaults to the kind. */
  name: slug("a provider name").optional().describe("Distinguishes two providers during a cut-over (appears in every resource name); default: the kind."),
  region: z
    .string({ error: expected("an AWS region such as eu-west-1") })
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: expected("an AWS region such as eu-west-1") }).describe("AWS region of the user pool, such as eu-west-1."),
  /** Name of the user pool; defaults to `<apiName>-<environment>`. */
  userPoolName: freeText("a user pool name").optional().describe("Name of the user pool. Default `<apiName>-<environment>`."),
  /** Prefix of the Cognito domain (`<prefix>.auth.<region>.amazoncognito.com`): the token endpoint. */
  domainPrefix: z
    .string({ error: expected("a domain prefix (lower-case letters, digits and dashes)") })
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { error: expected("a domain prefix (lower-case letters, digits and dashes)") })
    .refine((v) => !/aws|amazon|cognito/.test(v), { error: expected('a domain prefix without "aws", "amazon" or "cognito"') })
    .optional().describe("Prefix of the Cognito domain (`<prefix>.auth.<region>.amazoncognito.com`, the token endpoint); required when there are clients."),
  /** Resource-server identifier: tokens carry scopes as `<identifier>/<scope>`. Defaults to the apiName. */
  identifier: z
    .string({ error: expected("a resource-server identifier such as orders-api or https://api.example.com") })
    .regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/, {
      error: expected("a resource-server identifier such as orders-api or https://api.example.com (no spaces, quotes or backslashes)"),
    })
    .optional().describe("Resource-server identifier: tokens carry scopes as `<identifier>/<scope>`. Default: the apiName."),
  issuerHost: oneOf(["cognito-idp", "issuer-cognito-idp"] as const)
    .default("cognito-idp")
    .describe(
      'Which Cognito issuer host the pool\'s tokens carry: "cognito-idp" (https://cognito-idp.<region>.amazonaws.com/<poolId>, the default) or "issuer-cognito-idp" (the newer https://issuer-cognito-idp.<region>.amazonaws.com/<poolId>). Exactly one is trusted by Kong, the contract and kis; change it only when the pool\'s tokens carry the newer host.',
    ),
});

export const PROVIDER_KINDS = ["entra", "okta", "cognito"] as const;
const kindList = 'kind "entra", "okta" or "cognito"';

export const providerSchema = z.discriminatedUnion("kind", [entraProviderSchema, oktaProviderSchema, cognitoProviderSchema], {
  error: (issue) => {
    const kind = isRecord(issue.input) ? issue.input["kind"] : issue.input;
    return kind === undefined
      ? `missing; expected a provider with ${kindList}`
      : `expected a provider with ${kindList}, got ${show(kind)}`;
  },
});

export const clientSchema = strictObject({
  name: slug("a client name").describe("Client name (slug); names the app registration or app client."),
  /** service: client credentials (machine to machine); web: authorization code with redirect URIs. */
  kind: oneOf(["service", "web"] as const).describe("`service`: client credentials (machine to machine); `web`: authorization code with PKCE and redirect URIs."),
  redirectUris: list(httpUrl, "redirect URIs").default([]).describe("Redirect URIs of a web client (https; `http://localhost` only outside production). Default `[]`."),
  /** Scopes the client is granted (delegated for web clients). */
  scopes: list(scopeName, "scope names").default([]).describe("Scopes the client is granted (delegated for web clients). Default `[]`."),
  /** Access groups (app roles) the client is assigned; for service clients this is admin consent. */
  groups: list(groupName, "access group names").default([]).describe("Access groups (app roles) the client is assigned; for service clients this is admin consent. Default `[]`."),
});

export const identitySchema = strictObject({
  apiName: slug("an API name").describe("API name (slug); names the IdP registrations and Kong objects."),
  displayName: freeText("a display name").optional().describe("Display name of the API application. Default `<apiName>-<environment>`."),
  scopes: list(named(scopeName), "scopes").min(1, { error: "expected at least one scope" }).describe("The scopes the API exposes: a `name`, or `{name, description}`. At least one."),
  accessGroups: list(named(groupName), "access groups").default([]).describe("Access groups (Entra app roles, Okta groups, Cognito groups) that routes, ZPA and PingAccess use: a `name`, or `{name, description}`. Default `[]`."),
  clients: list(clientSchema, "clients").default([]).describe("The clients (`{name, kind, redirectUris, scopes, groups}`) registered at every IdP. Default `[]`."),
  accessTokenLifetimeMinutes: intInRange(5, 1440, " minutes").default(60).describe("Access-token lifetime in minutes (5 to 1440; Entra 10 to 1440; the policy pack allows at most 60 by default). Default 60."),
  refreshTokenLifetimeMinutes: intInRange(60, 5_256_000, " minutes").default(480).describe("Refresh-token lifetime in minutes (Okta with web clients: at least the access-token lifetime). Default 480."),
  leewaySeconds: intInRange(0, 3600, " seconds").default(60).describe("Clock leeway in seconds for `exp`/`nbf`/`iat` (0 to 3600; the policy pack allows at most 120 by default). Default 60."),
  /** Each client secret is valid this long; two staggered secrets overlap by half of it. */
  secretLifetimeDays: intInRange(2, 730, " days").default(60).describe("Validity of each client secret in days; two staggered secrets overlap by half of it (the policy pack allows at most 90 by default). Default 60."),
  /**
   * JWS algorithms Kong accepts for the providers' tokens. Structural only (any RFC 7518 signature
   * algorithm): the policy pack's signing-algorithms rule refuses HS* (shared secrets). Absent: each
   * provider's own algorithms (RS256 for Entra, Okta and Cognito). Applies to every provider kind alike.
   */
  signingAlgorithms: list(oneOf(JWS_ALGORITHMS), "JWS algorithms")
    .min(1, { error: "expected at least one algorithm, such as RS256" })
    .optional().describe("JWS algorithms Kong accepts (any RFC 7518 signature algorithm; the policy pack refuses HS*). Applies to every provider kind alike. Default: each provider's own (RS256 for Entra, Okta and Cognito)."),
  providers: list(providerSchema, "identity providers")
    .min(1, { error: "expected at least one identity provider" })
    .max(2, { error: "expected one provider, or two during a cut-over window" }).describe("One identity provider, or two during a cut-over window (see docs/identity-providers/cut-over.md)."),
});

// ---------------------------------------------------------------- kong
export const kongSchema = strictObject({
  /** enterprise: openid-connect plugin (JWKS discovery, audience, scopes). oss: static-key jwt plugin. */
  edition: oneOf(["enterprise", "oss"] as const).default("enterprise").describe("`enterprise` (openid-connect: JWKS discovery, audience, scopes, groups) or `oss` (static-key jwt plugin, development only). Default enterprise."),
  namespace: slug("a Kubernetes namespace").default("kong").describe("Kubernetes namespace of Kong. Default kong."),
  chartVersion: z.string({ error: expected("a chart version such as 3.4.1") }).default("3.4.1").describe("Version of the official `kong` Helm chart (https://charts.konghq.com). Default 3.4.1."),
  image: strictObject({
    repository: z.string({ error: expected("an image repository") }).describe("Image repository, such as kong/kong-gateway."),
    tag: z.string({ error: expected("an image tag") }).describe("Image tag, such as 3.9."),
    digest: z
      .string({ error: expected("an image digest sha256:<64 hex digits>") })
      .regex(/^sha256:[0-9a-f]{64}$/, { error: expected("an image digest sha256:<64 hex digits>") })
      .optional()
      .describe("Pin the image by digest (`sha256:...`, pulled as repository:tag@digest): every replica runs the same build. Required in production (policy kong-production-ready)."),
  }).optional().describe("Kong image `{repository, tag, digest}`. Default `kong/kong-gateway:3.9` (enterprise) or `kong:3.9` (oss), unpinned."),
  replicas: intInRange(1, 50).default(2).describe("Number of Kong proxy replicas (1 to 50). Default 2."),
  proxyServiceType: oneOf(["ClusterIP", "NodePort", "LoadBalancer"] as const).default("LoadBalancer").describe("Type of Kong's proxy Service: `ClusterIP`, `NodePort` or `LoadBalancer`. Default LoadBalancer."),
  hostnames: list(hostname, "host names").min(1, { error: "expected at least one host name for the API edge" }).describe("Host names of the API edge (routes default to these). At least one."),
  /** Existing Kubernetes secret (key `license`) holding the Enterprise licence. */
  licenseSecretName: slug("a Kubernetes secret name").default("kong-enterprise-license").describe("Existing Kubernetes Secret (key `license`) holding the Kong Enterprise licence. Default kong-enterprise-license."),
  configDelivery: oneOf(["auto", "inline", "gzip"] as const)
    .default("auto")
    .describe(
      "How kong.yml reaches the pods: inline (readable in the ConfigMap, at most 1 MiB, about 550 routes), gzip (compressed in binaryData and unpacked by an init container, tens of thousands of routes) or auto (default: inline up to 512 KiB, gzip beyond). See docs/scale.md.",
    ),
  adminApi: strictObject({
    enabled: z.boolean({ error: expected("true or false") }).default(false).describe("Expose the Admin API beyond the pod: a Service, a listener on the pod's address (TLS 8444) with client certificates required, and a NetworkPolicy. Default false: it listens on 127.0.0.1 only (DB-less: POST /config from any peer would replace the whole configuration)."),
    serviceType: oneOf(["ClusterIP", "NodePort", "LoadBalancer"] as const).default("ClusterIP").describe("Service type of the Admin API when enabled. Default ClusterIP."),
    clientCaCertificate: z
      .string({ error: expected("the CA certificate in PEM (-----BEGIN CERTIFICATE-----)") })
      .refine((v) => v.includes("-----BEGIN CERTIFICATE-----"), { error: expected("the CA certificate in PEM (-----BEGIN CERTIFICATE-----)") })
      .optional()
      .describe("Required with enabled: the CA (PEM, public) that issues the Admin API's client certificates; Kong then refuses a TLS client without one (mutual TLS: DB-less Kong has no RBAC users). Passed as the chart's admin.tls.client.caBundle (its secretName form needs the Secret at render time)."),
    allowedNamespaces: list(slug("a Kubernetes namespace"), "namespaces").optional().describe("Required with enabled: namespaces whose pods may reach the Admin API's port (NetworkPolicy on Kong's pods; the proxy and status ports stay open)."),
  }).default({ enabled: false, serviceType: "ClusterIP" }).describe("Kong's Admin API `{enabled, serviceType, clientCaCertificate, allowedNamespaces}`; off by default and then bound to loopback (the policy pack refuses LoadBalancer/NodePort). Default off."),
  /**
   * Escape hatch: hand-typed values Kong validates tokens against instead of the primary provider's
   * derived contract (e.g. while validation still points at a registration this stack does not manage).
   * The policy pack (issuer-consistency, audience-required) refuses any value that no IdP registration in
   * the stack produces, which is exactly the drift it exists to catch.
   */
  tokenValidationOverride: strictObject({
    issuer: httpUrl.optional().describe("Issuer Kong accepts instead of the contract's."),
    discoveryUrl: httpUrl.optional().describe("Discovery URL Kong uses instead of the contract's."),
    audiences: list(text("an audience value"), "audience values").min(1, { error: "expected at least one audience" }).optional().describe("Audiences Kong accepts instead of the contract's."),
  }).optional().describe("Escape hatch: issuer, discovery URL and audiences typed by hand for Kong instead of the primary provider's contract. The policy pack refuses any value no registration in the stack produces. Default: none."),
  /** Proxy certificate, plain-HTTP listener, client-address policy (see kong-tls-schema.ts). */
  ...KONG_EDGE_SHAPE,
  /** Resources, restarts on external Secrets, the proxy's LoadBalancer address (see kong-runtime-schema.ts). */
  ...KONG_RUNTIME_SHAPE,
});

// ---------------------------------------------------------------- routes
const path = z
  .string({ error: expected('a path starting with "/"') })
  // nginx in front of Kong refuses a request line beyond 8 KB (large_client_header_buffers): a longer path never matches.
  .max(1024, { error: (i) => `expected a path of at most 1024 characters, got ${show(i.input)}` })
  .regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, { error: expected('a path starting with "/"') });

export const routeSchema = strictObject({
  name: slug("a route name").describe("Route name (slug); unique. Names the Kong service and route."),
  /** Defaults to kong.hostnames. */
  hosts: list(hostname, "host names").optional().describe("Host names the route matches. Default: kong.hostnames."),
  paths: list(path, "paths").min(1, { error: "expected at least one path" }).describe("Path prefixes the route matches (each starts with `/`, at most 1024 characters). At least one. Two routes that can match the same request must have the same protection (see docs/input-safety.md)."),
  methods: list(oneOf(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const), "HTTP methods")
    // Kong reads an empty list as "no method condition" (every method): written out, that is a route open to all.
    .min(1, { error: "expected at least one method; leave methods out to match every method" })
    .optional()
    .describe("HTTP methods the route matches. Default: all methods. An empty list is refused (Kong would read it as all methods)."),
  upstream: upstreamUrl.describe("Upstream URL Kong proxies to (http or https). No credentials in it (user:password@ or ?api_key=...): Kong would store them in clear."),
  /** All listed scopes are required. */
  scopes: list(scopeName, "scope names").default([]).describe("Scopes a token must carry; all are required. Names without any IdP prefix. Default `[]`."),
  /** Any one of the listed access groups is enough. */
  roles: list(groupName, "access group names").default([]).describe("Access groups a caller must be in; any one is enough (ACL allow list). Default `[]`."),
  rateLimitPerMinute: intInRange(1, 1_000_000, " requests per minute").optional().describe("Requests per minute per caller (Kong rate-limiting). Default 600."),
  /** A route without token validation must say so. */
  anonymous: z.boolean({ error: expected("true or false") }).default(false).describe("`true` only for a route that takes no token; then it requires no scopes or roles. Default false."),
  signIn: signInSchema
    .optional()
    .describe("Browser sign-in at the gateway (authorization code + PKCE + Kong session, Enterprise only); see docs/browser-sign-in.md. Default: none (bearer tokens only)."),
});

// ---------------------------------------------------------------- stack
export const stackObjectSchema = strictObject({
  environment: slug("an environment name such as dev, staging or prod").describe("Environment name (slug), such as dev, staging or prod; names resources and the AS3 tenant."),
  /** Production rules apply (no http://localhost redirect URIs, stricter policies). Default: environment is prod. */
  production: z
    .boolean({ error: expected("true or false: whether this stack is production (production: true turns on production rules and selects policy-packs/identity/config/prod.json)") })
    .describe("Required: whether this stack is production. It decides production defaults (30-minute tokens, three Kong replicas), which policy config `kis plan` and the workflows apply (policy-packs/identity/config/prod.json or dev.json) and the deploy order; the stack's name plays no part."),
  identity: identitySchema.describe("The API, its scopes, access groups, clients, token lifetimes and identity providers."),
  kong: kongSchema.describe("Kong Gateway on Kubernetes: edition, chart, image, proxy Service and host names."),
  routes: list(routeSchema, "routes").min(1, { error: "expected at least one route" }).describe("The API's routes and the scopes and roles each requires. At least one."),
  /** F5 BIG-IP edge in front of Kong (see f5-schema.ts). */
  f5: f5Schema.optional().describe("F5 BIG-IP virtual server in front of Kong, AS3 or CIS (docs/f5.md). Default: absent, no F5."),
  // Secret values the f5 block uses, read with pulumi.Config.requireSecret; parsed to "[secret]" only.
  [F5_SECRET_KEYS.certificate]: secretConfigValue.optional().describe("Secret config key: the F5 virtual server's TLS certificate chain, PEM (`pulumi config set --secret f5TlsCertificate < cert.pem`). Required with `f5`."),
  [F5_SECRET_KEYS.privateKey]: secretConfigValue.optional().describe("Secret config key: the F5 virtual server's TLS private key, PEM (`pulumi config set --secret f5TlsPrivateKey < key.pem`). Required with `f5`."),
  [F5_SECRET_KEYS.password]: secretConfigValue.optional().describe("Secret config key: the BIG-IP password (else env F5_PASSWORD at deploy time, which keeps it out of the state)."),
  [KONG_TLS_SECRET_KEYS.privateKey]: secretConfigValue
    .optional()
    .describe("Secret config key: the private key (PEM) of kong.tls.certificate (`pulumi config set --secret kongTlsPrivateKey < tls.key`). Required with kong.tls.certificate."),
  kubernetes: kubernetesSchema
    .optional()
    .describe("The Kubernetes cluster this stack deploys to (one provider per stack): `context`, and/or the `kubeconfig` secret key. Required by `pulumi up`; kis plan shows it."),
  [KUBECONFIG_SECRET_KEY]: secretConfigValue
    .optional()
    .describe("Secret config key: a kubeconfig for this stack's cluster (`pulumi config set --secret kubeconfig < kubeconfig.yaml`, or from a Pulumi ESC environment). Default: the deploying machine's KUBECONFIG with `kubernetes.context`."),
  /** Zscaler Private Access in front of the edge (optional; see zpa-schema.ts). */
  zpa: zpaSchema.optional().describe("Zscaler Private Access in front of the edge (docs/zpa.md). Default: absent, no ZPA."),
  ...quickstartKeys, // pulumi new / kis init scalars (quickstart-schema.ts)
  /** Audit log, traces and metrics (optional; see observability-schema.ts). */
  observability: observabilitySchema.optional().describe("Audit log, OpenTelemetry traces and Prometheus metrics of the edge (docs/operations.md). Default: absent, all off."),
  /** PingAccess as a sideband policy decision point for Kong (optional; see pingaccess-schema.ts). */
  pingaccess: pingAccessSchema.optional().describe("PingAccess deciding per request through Kong's ping-auth sideband plugin (docs/pingaccess.md). Default: absent, no PingAccess."),
});
// Cross-references only run on a structurally valid config: zod runs refinements after non-aborting issues
// too (a bad scope name, an empty list), which would add follow-on errors such as "scope ... is not declared".
export const stackConfigSchema = stackObjectSchema.superRefine(crossReferences, { when: (payload) => payload.issues.length === 0 });

export type StackConfigInput = z.input<typeof stackObjectSchema>;
type ParsedStackConfig = z.output<typeof stackObjectSchema>;
export type IdentityConfig = ParsedStackConfig["identity"];
export type ProviderConfig = IdentityConfig["providers"][number];
export type EntraProviderConfig = z.output<typeof entraProviderSchema>;
export type OktaProviderConfig = z.output<typeof oktaProviderSchema>;
export type CognitoProviderConfig = z.output<typeof cognitoProviderSchema>;
export type ClientConfig = z.output<typeof clientSchema>;
export type KongConfig = ParsedStackConfig["kong"];
export type RouteConfig = ParsedStackConfig["routes"][number];
export type { F5Config } from "./f5-schema";
export type StackConfig = ParsedStackConfig;

/** References between blocks: a route or client may only name scopes and groups the identity block declares. */
function crossReferences(c: ParsedStackConfig, ctx: z.RefinementCtx): void {
  const scopes = new Set(c.identity.scopes.map((s) => s.name));
  const groups = new Set(c.identity.accessGroups.map((g) => g.name));
  const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  freeTextWithinLimits(c, fail);

  duplicates(c.routes.map((r) => r.name)).forEach((i) =>
    fail(["routes", i, "name"], `route name ${show(c.routes[i]!.name)} is used twice; route names must be unique`),
  );
  duplicates(c.identity.clients.map((cl) => cl.name)).forEach((i) =>
    fail(["identity", "clients", i, "name"], `client name ${show(c.identity.clients[i]!.name)} is used twice`),
  );
  duplicates(c.identity.providers.map((p) => p.name ?? p.kind)).forEach((i) =>
    fail(["identity", "providers", i, "name"], "two providers share a name; give each a distinct name"),
  );
  providerCrossReferences(c, fail);

  c.routes.forEach((route, r) => {
    route.scopes.forEach((s, i) => {
      if (!scopes.has(s)) fail(["routes", r, "scopes", i], `scope ${show(s)} is not declared in identity.scopes; declare it there or fix the name`);
    });
    route.roles.forEach((g, i) => {
      if (!groups.has(g)) fail(["routes", r, "roles", i], `access group ${show(g)} is not declared in identity.accessGroups; declare it there or fix the name`);
    });
    if (route.anonymous && (route.scopes.length > 0 || route.roles.length > 0)) {
      fail(["routes", r, "anonymous"], "an anonymous route cannot require scopes or roles; remove them or set anonymous: false");
    }
  });
  c.identity.clients.forEach((client, k) => {
    client.scopes.forEach((s, i) => {
      if (!scopes.has(s)) fail(["identity", "clients", k, "scopes", i], `scope ${show(s)} is not declared in identity.scopes`);
    });
    client.groups.forEach((g, i) => {
      if (!groups.has(g)) fail(["identity", "clients", k, "groups", i], `access group ${show(g)} is not declared in identity.accessGroups`);
    });
    // A web client bound to a sign-in route gets its redirect URI derived from that route.
    if (client.kind === "web" && client.redirectUris.length === 0 && !c.routes.some((r) => r.signIn?.client === client.name)) {
      fail(["identity", "clients", k, "redirectUris"], "a web client needs at least one redirect URI (or a route whose signIn.client names it)");
    }
    if (client.kind === "service" && client.redirectUris.length > 0) {
      fail(["identity", "clients", k, "redirectUris"], "a service client (client credentials) takes no redirect URIs; remove them or use kind: web");
    }
  });
  f5CrossReferences(c, fail);
  zpaCrossReferences(c, fail);
  kongEdgeCrossReferences(c, fail, programClock());
  pingAccessCrossReferences(c, fail);
  signInCrossReferences(c, fail);
  kongRuntimeCrossReferences(c, fail);
  observabilityCrossReferences(c, fail);
  routeAndNameRules(c, ctx);
}

/**
 * What one IdP kind needs of the shared identity block (the block itself stays the same for every IdP, so a
 * cut-over only swaps the provider entry), and what two providers in one stack must not share.
 */
function providerCrossReferences(c: ParsedStackConfig, fail: (path: (string | number)[], message: string) => void): void {
  const { identity } = c;
  const service = identity.clients.filter((cl) => cl.kind === "service").map((cl) => cl.name);
  identity.providers.forEach((p, i) => {
    const at = (...rest: (string | number)[]) => ["identity", "providers", i, ...rest];
    if (p.kind === "entra" && identity.accessTokenLifetimeMinutes < 10) {
      fail(
        ["identity", "accessTokenLifetimeMinutes"],
        `Entra ID token-lifetime policies accept 10 to 1440 minutes, got ${identity.accessTokenLifetimeMinutes}; raise it to at least 10`,
      );
    }
    if (p.kind === "okta") {
      if (identity.clients.some((cl) => cl.kind === "web") && identity.refreshTokenLifetimeMinutes < identity.accessTokenLifetimeMinutes) {
        fail(
          ["identity", "refreshTokenLifetimeMinutes"],
          `Okta needs refresh tokens to live at least as long as access tokens (${identity.accessTokenLifetimeMinutes} minutes); raise it or lower accessTokenLifetimeMinutes`,
        );
      }
      if (p.serviceClientAuth === "private_key_jwt") {
        service
          .filter((name) => !(name in p.clientJwksUris))
          .forEach((name) =>
            fail(at("clientJwksUris"), `service client ${show(name)} uses private_key_jwt and needs its JWKS URL here (clientJwksUris.${name})`),
          );
      }
      Object.keys(p.clientJwksUris)
        .filter((name) => !service.includes(name))
        .forEach((name) => fail(at("clientJwksUris", name), `${show(name)} is not a service client in identity.clients`));
    }
    if (p.kind === "cognito") {
      if (identity.clients.length > 0 && p.domainPrefix === undefined) {
        fail(at("domainPrefix"), "missing; Cognito issues OAuth tokens only through a user-pool domain: set domainPrefix");
      }
      identity.clients.forEach((cl, k) => {
        if (cl.kind === "service" && cl.scopes.length === 0) {
          fail(
            ["identity", "clients", k, "scopes"],
            "a Cognito service client (client credentials) needs at least one scope: its tokens carry resource-server scopes and no groups",
          );
        }
      });
    }
  });
  // Two providers of one kind in one account must not claim the same globally named things.
  const clash = (key: (p: ProviderConfig) => string | undefined, what: string, path: string) =>
    duplicates(identity.providers.map((p, i) => key(p) ?? `\u0000${i}`)).forEach((i) =>
      fail(["identity", "providers", i, path], `both providers would create the same ${what}; give each its own ${path}`),
    );
  clash((p) => (p.kind === "okta" ? `${p.orgName}.${p.baseUrl}/${p.authServerName ?? ""}` : undefined), "Okta authorization server", "authServerName");
  clash((p) => (p.kind === "cognito" && p.domainPrefix ? `${p.region}/${p.domainPrefix}` : undefined), "Cognito domain", "domainPrefix");
  // Kong and checkClaims tell the providers of a cut-over apart by issuer: two Entra APIs of one tenant and
  // token version would share it.
  duplicates(identity.providers.map((p, i) => (p.kind === "entra" ? `${p.tenantId}/v${p.tokenVersion}` : `\u0000${i}`))).forEach((i) =>
    fail(
      ["identity", "providers", i, "tokenVersion"],
      "both Entra providers would issue tokens with the same issuer (same tenant and token version), which Kong cannot tell apart; use another tenant or token version",
    ),
  );
}

function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => (seen.has(v) ? [i] : (seen.add(v), [])));
}

/** Each free text within the documented limit of every IdP the stack registers it with (free-text.ts), naming both. */
function freeTextWithinLimits(c: ParsedStackConfig, fail: (path: (string | number)[], message: string) => void): void {
  const kinds = new Set(c.identity.providers.map((p) => p.kind));
  const check = (path: (string | number)[], value: string | undefined, limits: [idp: string, limit: number, what: string][]) => {
    if (value === undefined) return;
    const length = [...value].length;
    const broken = limits.filter(([, limit]) => length > limit).sort((a, b) => a[1] - b[1])[0];
    if (broken) fail(path, `is ${length} characters; ${broken[0]} takes at most ${broken[1]} for ${broken[2]}: shorten it`);
  };
  const has = (k: "entra" | "okta" | "cognito") => kinds.has(k);
  check(["identity", "displayName"], c.identity.displayName, [
    ...(has("entra") ? [["Entra ID", FREE_TEXT_LIMITS.entra.displayName, "an application's displayName"] as [string, number, string]] : []),
    ["kong-identity-stack", UNDOCUMENTED_TEXT_LIMIT, "a display name"],
  ]);
  c.identity.scopes.forEach((s, i) =>
    check(["identity", "scopes", i, "description"], s.description, [
      ...(has("cognito") ? [["Cognito", FREE_TEXT_LIMITS.cognito.scopeDescription, "a scope description"] as [string, number, string]] : []),
      ["kong-identity-stack", UNDOCUMENTED_TEXT_LIMIT, "a scope's consent text (Entra and Okta document no limit)"],
    ]),
  );
  c.identity.accessGroups.forEach((g, i) =>
    check(["identity", "accessGroups", i, "description"], g.description, [
      ...(has("okta") ? [["Okta", FREE_TEXT_LIMITS.okta.groupDescription, "a group description"] as [string, number, string]] : []),
      ["kong-identity-stack", UNDOCUMENTED_TEXT_LIMIT, "an app role's description (Entra documents no limit)"],
    ]),
  );
  c.identity.providers.forEach((p, i) => {
    if (p.kind === "cognito") check(["identity", "providers", i, "userPoolName"], p.userPoolName, [["Cognito", FREE_TEXT_LIMITS.cognito.userPoolName, "a user pool name"]]);
  });
}
