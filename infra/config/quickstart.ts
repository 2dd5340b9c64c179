import { show } from "./primitives";
import { PLACEHOLDER, QUICKSTART_DEFAULTS, TENANT_BY_KIND, quickstartObject } from "./quickstart-schema";

export interface QuickstartAnswers {
  readonly environment: string;
  /** The stack's `production` setting (never guessed from a name): 30-minute tokens and three replicas when true. */
  readonly production: boolean;
  readonly idp: keyof typeof TENANT_BY_KIND;
  readonly idpTenant: string;
  readonly apiName: string;
  readonly hostname: string;
  readonly upstream: string;
}

/** Fills the defaults of the quick-start keys; `environment` names the stack's environment. */
export function quickstartAnswers(
  input: { environment: string; production: boolean } & Partial<Record<Exclude<keyof QuickstartAnswers, "production">, string>>,
): QuickstartAnswers {
  const idp = (input.idp ?? QUICKSTART_DEFAULTS.idp) as QuickstartAnswers["idp"];
  const tenant = input.idpTenant === undefined || input.idpTenant === PLACEHOLDER ? undefined : input.idpTenant;
  return {
    environment: input.environment,
    production: input.production,
    idp,
    idpTenant: tenant ?? TENANT_BY_KIND[idp]?.placeholder ?? "",
    apiName: input.apiName ?? QUICKSTART_DEFAULTS.apiName,
    hostname: input.hostname ?? `api.${input.environment}.example.com`,
    upstream: input.upstream ?? QUICKSTART_DEFAULTS.upstream,
  };
}

/** The idpTenant problem for this kind, in the config-error style, or undefined. */
export function tenantProblem(idp: QuickstartAnswers["idp"], tenant: string): string | undefined {
  const t = TENANT_BY_KIND[idp];
  return t && !t.pattern.test(tenant) ? `idpTenant: expected ${t.what} for idp ${show(idp)}, got ${show(tenant)}` : undefined;
}

/**
 * The identity, kong and routes blocks a first stack gets from the quick-start answers: one API with a read
 * and a write scope, a readers and an admins group, one service client, and three routes (read, write for
 * admins, an anonymous health check). Production environments get 30-minute tokens and three Kong replicas.
 * Pure: `pulumi new` (through the program) and `kis init` (written to the stack file) build the same blocks.
 */
export function quickstartBlocks(a: QuickstartAnswers): { identity: Record<string, unknown>; kong: Record<string, unknown>; routes: Record<string, unknown>[] } {
  const production = a.production;
  const base = a.apiName.replace(/-api$/, "") || a.apiName;
  const read = `${base}.read`;
  const write = `${base}.write`;
  const readers = `${base}-readers`;
  const admins = `${base}-admins`;
  const provider =
    a.idp === "entra"
      ? { kind: "entra", tenantId: a.idpTenant, tokenVersion: 2 }
      : a.idp === "okta"
        ? { kind: "okta", orgName: a.idpTenant.split(".")[0], baseUrl: a.idpTenant.split(".").slice(1).join(".") || "okta.com" }
        : // The Cognito domain serves the token endpoint; its prefix is global per region: change it if taken.
          { kind: "cognito", region: a.idpTenant, domainPrefix: cognitoDomainPrefix(`${a.apiName}-${a.environment}`), identifier: a.apiName };
  // Entra service clients carry app roles (groups); Okta and Cognito service clients carry scopes.
  const client = a.idp === "entra" ? { name: `${base}-service`, kind: "service", groups: [readers] } : { name: `${base}-service`, kind: "service", scopes: [read] };
  return {
    identity: {
      apiName: a.apiName,
      scopes: [
        { name: read, description: `Read ${base}` },
        { name: write, description: `Create and change ${base}` },
      ],
      accessGroups: [
        { name: readers, description: `May read ${base}` },
        { name: admins, description: `May administer ${base}` },
      ],
      clients: [client],
      accessTokenLifetimeMinutes: production ? 30 : 60,
      refreshTokenLifetimeMinutes: 480,
      leewaySeconds: 60,
      secretLifetimeDays: 60,
      providers: [provider],
    },
    kong: {
      edition: "enterprise",
      namespace: "kong",
      replicas: production ? 3 : 2,
      proxyServiceType: "LoadBalancer",
      hostnames: [a.hostname],
      // Kong's proxy certificate from an existing kubernetes.io/tls Secret for the host name (docs/edge-path.md);
      // without one Kong serves a self-signed certificate and edge-tls-chain refuses the stack.
      tls: { secretName: "kong-proxy-tls" },
    },
    routes: [
      { name: `${base}-read`, paths: [`/${base}`], methods: ["GET"], upstream: a.upstream, scopes: [read], rateLimitPerMinute: 600 },
      { name: `${base}-write`, paths: [`/${base}`], methods: ["POST", "PUT", "PATCH", "DELETE"], upstream: a.upstream, scopes: [write], roles: [admins], rateLimitPerMinute: 120 },
      { name: "health", paths: ["/healthz"], methods: ["GET"], upstream: a.upstream, anonymous: true, rateLimitPerMinute: 60 },
    ],
  };
}

/**
 * `pulumi new` leaves only the quick-start scalars in the stack file: build the blocks the file does not
 * have. Explicit blocks win, each on its own (a file may write routes and let identity be built). Without
 * `idp` nothing is built, so a stack file that is missing a block still gets the usual "missing" error.
 */
export function expandQuickstart(raw: Record<string, unknown>): { config: Record<string, unknown>; problems: string[] } {
  if (raw["idp"] === undefined || (raw["identity"] !== undefined && raw["kong"] !== undefined && raw["routes"] !== undefined && (raw["kubernetes"] !== undefined || raw["kubernetesContext"] === undefined))) {
    return { config: raw, problems: [] };
  }
  const parsed = quickstartObject.safeParse(raw);
  // Shape errors of the scalars are reported by the stack schema, once, with the usual paths.
  if (!parsed.success || typeof raw["environment"] !== "string") return { config: raw, problems: [] };
  // Without a production answer the schema reports the missing key; build as non-production meanwhile.
  const answers = quickstartAnswers({ environment: raw["environment"], production: raw["production"] === true, ...definedStrings(parsed.data) });
  const problem = tenantProblem(answers.idp, answers.idpTenant);
  if (problem) return { config: raw, problems: [problem] };
  const blocks = quickstartBlocks(answers);
  const context = typeof raw["kubernetesContext"] === "string" ? raw["kubernetesContext"] : undefined;
  return {
    config: {
      ...raw,
      ...(raw["kubernetes"] === undefined && context !== undefined ? { kubernetes: { context } } : {}),
      identity: raw["identity"] ?? blocks.identity,
      kong: raw["kong"] ?? blocks.kong,
      routes: raw["routes"] ?? blocks.routes,
    },
    problems: [],
  };
}

function definedStrings(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

/** Cognito refuses domain prefixes containing aws, amazon or cognito: drop those words (and stray dashes). */
function cognitoDomainPrefix(name: string): string {
  const prefix = name.replace(/aws|amazon|cognito/g, "").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "");
  return prefix || "api";
}
