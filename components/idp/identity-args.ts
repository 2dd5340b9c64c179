/**
 * The identity block every IdP registration component takes (Entra, Okta, Cognito alike, so a cut-over swaps
 * only the provider): the API, its scopes and access groups, its clients and the token lifetimes. Component
 * arguments, not the stack file: a Pulumi program of its own passes plain values and leaves the defaults out.
 */

/** A scope or access group: a name, or a name and the description shown to admins. */
export type NamedArgs = string | { readonly name: string; readonly description?: string };
export interface Named {
  readonly name: string;
  readonly description: string;
}

export interface ClientArgs {
  /** Client name (slug); names the app registration or app client. */
  readonly name: string;
  /** service: client credentials (machine to machine); web: authorization code with PKCE and redirect URIs. */
  readonly kind: "service" | "web";
  /** Default []. */
  readonly redirectUris?: readonly string[];
  /** Scopes the client is granted (delegated for web clients). Default []. */
  readonly scopes?: readonly string[];
  /** Access groups (app roles) the client is assigned; for service clients this is admin consent. Default []. */
  readonly groups?: readonly string[];
}
export type ClientSpec = Required<ClientArgs>;

export type JwsAlgorithm = "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" | "ES256" | "ES384" | "ES512" | "HS256" | "HS384" | "HS512";

export interface IdentityArgs {
  /** API name (slug); names the registrations and Kong objects. */
  readonly apiName: string;
  /** Display name of the API application. Default `<apiName>-<environment>`. */
  readonly displayName?: string;
  /** The scopes the API exposes (at least one). */
  readonly scopes: readonly NamedArgs[];
  /** Access groups (Entra app roles, Okta and Cognito groups). Default []. */
  readonly accessGroups?: readonly NamedArgs[];
  /** Default []. */
  readonly clients?: readonly ClientArgs[];
  /** Default 60. */
  readonly accessTokenLifetimeMinutes?: number;
  /** Default 480. */
  readonly refreshTokenLifetimeMinutes?: number;
  /** Clock leeway for exp/nbf/iat. Default 60. */
  readonly leewaySeconds?: number;
  /** Validity of each client secret; two staggered secrets overlap by half of it. Default 60. */
  readonly secretLifetimeDays?: number;
  /** JWS algorithms Kong accepts. Default: each provider's own (RS256). */
  readonly signingAlgorithms?: readonly JwsAlgorithm[];
}

/** The identity block with every default applied: what the registration builders read. */
export interface IdentitySpec {
  readonly apiName: string;
  readonly displayName?: string;
  readonly scopes: readonly Named[];
  readonly accessGroups: readonly Named[];
  readonly clients: readonly ClientSpec[];
  readonly accessTokenLifetimeMinutes: number;
  readonly refreshTokenLifetimeMinutes: number;
  readonly leewaySeconds: number;
  readonly secretLifetimeDays: number;
  readonly signingAlgorithms?: readonly JwsAlgorithm[];
}

/** The defaults of the identity block (the stack file's schema states the same ones; a unit test holds them equal). */
export const IDENTITY_DEFAULTS = {
  accessTokenLifetimeMinutes: 60,
  refreshTokenLifetimeMinutes: 480,
  leewaySeconds: 60,
  secretLifetimeDays: 60,
} as const;

const named = (n: NamedArgs): Named => (typeof n === "string" ? { name: n, description: "" } : { name: n.name, description: n.description ?? "" });

/** Applies the identity block's defaults. Pure; a value already complete comes back equal. */
export function identitySpec(args: IdentityArgs): IdentitySpec {
  return {
    apiName: args.apiName,
    ...(args.displayName !== undefined ? { displayName: args.displayName } : {}),
    scopes: args.scopes.map(named),
    accessGroups: (args.accessGroups ?? []).map(named),
    clients: (args.clients ?? []).map((c) => ({ name: c.name, kind: c.kind, redirectUris: c.redirectUris ?? [], scopes: c.scopes ?? [], groups: c.groups ?? [] })),
    accessTokenLifetimeMinutes: args.accessTokenLifetimeMinutes ?? IDENTITY_DEFAULTS.accessTokenLifetimeMinutes,
    refreshTokenLifetimeMinutes: args.refreshTokenLifetimeMinutes ?? IDENTITY_DEFAULTS.refreshTokenLifetimeMinutes,
    leewaySeconds: args.leewaySeconds ?? IDENTITY_DEFAULTS.leewaySeconds,
    secretLifetimeDays: args.secretLifetimeDays ?? IDENTITY_DEFAULTS.secretLifetimeDays,
    ...(args.signingAlgorithms !== undefined ? { signingAlgorithms: args.signingAlgorithms } : {}),
  };
}

/**
 * What every IdP kind needs of the identity block, checked by the component itself (the stack file's schema
 * reports the same with the config key to change). Returns the problems; the component throws them.
 */
export function identityProblems(identity: IdentitySpec): string[] {
  const problems: string[] = [];
  if (identity.scopes.length === 0) problems.push("identity: expected at least one scope");
  const scopes = new Set(identity.scopes.map((s) => s.name));
  const groups = new Set(identity.accessGroups.map((g) => g.name));
  for (const client of identity.clients) {
    for (const s of client.scopes) if (!scopes.has(s)) problems.push(`client ${JSON.stringify(client.name)}: scope ${JSON.stringify(s)} is not one of the API's scopes`);
    for (const g of client.groups) if (!groups.has(g)) problems.push(`client ${JSON.stringify(client.name)}: access group ${JSON.stringify(g)} is not one of the API's access groups`);
  }
  return problems;
}
