import { z } from "zod";
import { expected, groupName, hostname, httpUrl, intInRange, isRecord, oneOf, scopeName, show, slug, text, uuid } from "./primitives";
import { zpaCrossReferences, zpaSchema } from "./zpa-schema";

/**
 * The stack configuration (`stacks/Pulumi.<env>.yaml`, keys under `kong-identity-stack:`).
 *
 * The schema checks structure and what the vendors can accept at all. Security limits that a platform team
 * tunes per environment (maximum token lifetime, leeway, secret age, https-only redirects) are the policy
 * pack's job, so a stack that is well-formed but unsafe still plans and is then refused by the policies.
 */

const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; expected one of ${Object.keys(shape).join(", ")}`
        : issue.input === undefined
          ? `missing; expected an object with ${Object.keys(shape).join(", ")}`
          : `expected an object, got ${show(issue.input)}`,
  });

const list = <T extends z.ZodType>(item: T, what: string) => z.array(item, { error: expected(`a list of ${what}`) });

const named = <T extends z.ZodType<string>>(name: T) =>
  z.union([name.transform((n) => ({ name: n, description: "" })), strict({ name, description: text("a description").default("") })], {
    error: expected("a name or { name, description }"),
  });

// ---------------------------------------------------------------- identity providers
export const entraProviderSchema = strict({
  kind: z.literal("entra"),
  /** Distinguishes two providers during a cut-over; defaults to the kind. */
  name: slug("a provider name").optional(),
  tenantId: uuid,
  /** 2 unless a client ecosystem forces v1: the API application's requestedAccessTokenVersion. */
  // One literal with two values: a union of literals would report only its first branch ("expected 1").
  tokenVersion: z.literal([1, 2], { error: expected("1 or 2") }).default(2),
});

export const providerSchema = z.discriminatedUnion("kind", [entraProviderSchema], {
  error: (issue) => {
    const kind = isRecord(issue.input) ? issue.input["kind"] : issue.input;
    return kind === undefined
      ? 'missing; expected a provider with kind "entra"'
      : `expected a provider with kind "entra", got ${show(kind)}`;
  },
});

export const clientSchema = strict({
  name: slug("a client name"),
  /** service: client credentials (machine to machine); web: authorization code with redirect URIs. */
  kind: oneOf(["service", "web"] as const),
  redirectUris: list(httpUrl, "redirect URIs").default([]),
  /** Scopes the client is granted (delegated for web clients). */
  scopes: list(scopeName, "scope names").default([]),
  /** Access groups (app roles) the client is assigned; for service clients this is admin consent. */
  groups: list(groupName, "access group names").default([]),
});

export const identitySchema = strict({
  apiName: slug("an API name"),
  displayName: text("a display name").optional(),
  scopes: list(named(scopeName), "scopes").min(1, { error: "expected at least one scope" }),
  accessGroups: list(named(groupName), "access groups").default([]),
  clients: list(clientSchema, "clients").default([]),
  accessTokenLifetimeMinutes: intInRange(5, 1440, " minutes").default(60),
  refreshTokenLifetimeMinutes: intInRange(60, 5_256_000, " minutes").default(480),
  leewaySeconds: intInRange(0, 3600, " seconds").default(60),
  /** Each client secret is valid this long; two staggered secrets overlap by half of it. */
  secretLifetimeDays: intInRange(2, 730, " days").default(60),
  providers: list(providerSchema, "identity providers")
    .min(1, { error: "expected at least one identity provider" })
    .max(2, { error: "expected one provider, or two during a cut-over window" }),
});

// ---------------------------------------------------------------- kong
export const kongSchema = strict({
  /** enterprise: openid-connect plugin (JWKS discovery, audience, scopes). oss: static-key jwt plugin. */
  edition: oneOf(["enterprise", "oss"] as const).default("enterprise"),
  namespace: slug("a Kubernetes namespace").default("kong"),
  chartVersion: z.string({ error: expected("a chart version such as 3.4.1") }).default("3.4.1"),
  image: strict({
    repository: z.string({ error: expected("an image repository") }),
    tag: z.string({ error: expected("an image tag") }),
  }).optional(),
  replicas: intInRange(1, 50).default(2),
  proxyServiceType: oneOf(["ClusterIP", "NodePort", "LoadBalancer"] as const).default("LoadBalancer"),
  hostnames: list(hostname, "host names").min(1, { error: "expected at least one host name for the API edge" }),
  /** Existing Kubernetes secret (key `license`) holding the Enterprise licence. */
  licenseSecretName: slug("a Kubernetes secret name").default("kong-enterprise-license"),
  adminApi: strict({
    enabled: z.boolean({ error: expected("true or false") }).default(false),
    serviceType: oneOf(["ClusterIP", "NodePort", "LoadBalancer"] as const).default("ClusterIP"),
  }).default({ enabled: false, serviceType: "ClusterIP" }),
});

// ---------------------------------------------------------------- routes
const path = z
  .string({ error: expected('a path starting with "/"') })
  .regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, { error: expected('a path starting with "/"') });

export const routeSchema = strict({
  name: slug("a route name"),
  /** Defaults to kong.hostnames. */
  hosts: list(hostname, "host names").optional(),
  paths: list(path, "paths").min(1, { error: "expected at least one path" }),
  methods: list(oneOf(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const), "HTTP methods").optional(),
  upstream: httpUrl,
  /** All listed scopes are required. */
  scopes: list(scopeName, "scope names").default([]),
  /** Any one of the listed access groups is enough. */
  roles: list(groupName, "access group names").default([]),
  rateLimitPerMinute: intInRange(1, 1_000_000, " requests per minute").optional(),
  /** A route without token validation must say so. */
  anonymous: z.boolean({ error: expected("true or false") }).default(false),
});

// ---------------------------------------------------------------- stack
export const stackObjectSchema = strict({
  environment: slug("an environment name such as dev, staging or prod"),
  /** Production rules apply (no http://localhost redirect URIs, stricter policies). Default: environment is prod. */
  production: z.boolean({ error: expected("true or false") }).optional(),
  identity: identitySchema,
  kong: kongSchema,
  routes: list(routeSchema, "routes").min(1, { error: "expected at least one route" }),
  /** Zscaler Private Access in front of the edge (optional; see zpa-schema.ts). */
  zpa: zpaSchema.optional(),
});
// Cross-references only run on a structurally valid config: zod runs refinements after non-aborting issues
// too (a bad scope name, an empty list), which would add follow-on errors such as "scope ... is not declared".
export const stackConfigSchema = stackObjectSchema.superRefine(crossReferences, { when: (payload) => payload.issues.length === 0 });

export type StackConfigInput = z.input<typeof stackObjectSchema>;
type ParsedStackConfig = z.output<typeof stackObjectSchema>;
export type IdentityConfig = ParsedStackConfig["identity"];
export type ProviderConfig = IdentityConfig["providers"][number];
export type EntraProviderConfig = z.output<typeof entraProviderSchema>;
export type ClientConfig = z.output<typeof clientSchema>;
export type KongConfig = ParsedStackConfig["kong"];
export type RouteConfig = ParsedStackConfig["routes"][number];
export type StackConfig = Omit<ParsedStackConfig, "production"> & { readonly production: boolean };

/** References between blocks: a route or client may only name scopes and groups the identity block declares. */
function crossReferences(c: ParsedStackConfig, ctx: z.RefinementCtx): void {
  const scopes = new Set(c.identity.scopes.map((s) => s.name));
  const groups = new Set(c.identity.accessGroups.map((g) => g.name));
  const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

  duplicates(c.routes.map((r) => r.name)).forEach((i) =>
    fail(["routes", i, "name"], `route name ${show(c.routes[i]!.name)} is used twice; route names must be unique`),
  );
  duplicates(c.identity.clients.map((cl) => cl.name)).forEach((i) =>
    fail(["identity", "clients", i, "name"], `client name ${show(c.identity.clients[i]!.name)} is used twice`),
  );
  duplicates(c.identity.providers.map((p) => p.name ?? p.kind)).forEach((i) =>
    fail(["identity", "providers", i, "name"], "two providers share a name; give each a distinct name"),
  );

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
    if (client.kind === "web" && client.redirectUris.length === 0) {
      fail(["identity", "clients", k, "redirectUris"], "a web client needs at least one redirect URI");
    }
    if (client.kind === "service" && client.redirectUris.length > 0) {
      fail(["identity", "clients", k, "redirectUris"], "a service client (client credentials) takes no redirect URIs; remove them or use kind: web");
    }
  });
  zpaCrossReferences(c, fail);
}

function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => (seen.has(v) ? [i] : (seen.add(v), [])));
}
