/**
 * The F5 BIG-IP edge in front of Kong (AS3 or CIS): component arguments with their defaults (f5Spec applies them;
 * the stack file's schema states the same, a unit test holds them equal). Secrets are not here: F5EdgeArgs.secrets.
 */
export interface F5Args {
  /** Default true. */
  readonly enabled?: boolean;
  /** as3: the stack posts an AS3 declaration; cis: F5 CIS in the cluster builds it from custom resources. Default as3. */
  readonly mode?: "as3" | "cis";
  /** BIG-IP management host (AS3). */
  readonly host?: string;
  readonly username?: string;
  /** Default token. */
  readonly auth?: "token" | "basic";
  /** AS3 schema version of the declaration. Default 3.50.0. */
  readonly schemaVersion?: string;
  /** AS3 tenant (partition). Default derived from the environment. */
  readonly tenant?: string;
  /** The virtual server's address. */
  readonly virtualAddress: string;
  /** The name clients use. Default the first Kong host name. */
  readonly fqdn?: string;
  /** Default true. */
  readonly redirectHttp?: boolean;
  readonly poolMembers?: { readonly port?: number; readonly addresses?: readonly string[]; readonly fqdn?: string };
  /** Addresses Kong accepts identity headers from. Default []. */
  readonly selfIps?: readonly string[];
  /** Default []. */
  readonly snatAddresses?: readonly string[];
  /** How the BIG-IP verifies Kong. Default {}. */
  readonly kongTls?: { readonly serverName?: string; readonly trustCa?: string };
  readonly cis?: { readonly headerHygieneIRule?: string; readonly serverSslProfile?: string; readonly snatPool?: string };
  readonly requestLog?: { readonly port?: number; readonly protocol?: "udp" | "tcp"; readonly pool?: string; readonly members?: readonly string[] };
  readonly apm?: { readonly accessProfile: string; readonly forwardedHeaders?: readonly string[]; readonly trustedRoutes?: readonly string[] };
}

type Req<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]-?: Exclude<T[P], undefined> };

/** The F5 settings with every default applied: what the builders read. */
export type F5Spec = Omit<Req<F5Args, "enabled" | "mode" | "auth" | "schemaVersion" | "redirectHttp" | "selfIps" | "snatAddresses" | "kongTls">, "cis" | "poolMembers" | "requestLog" | "apm"> & {
  readonly cis: Req<NonNullable<F5Args["cis"]>, "headerHygieneIRule" | "serverSslProfile">;
  readonly poolMembers?: Req<NonNullable<F5Args["poolMembers"]>, "port">;
  readonly requestLog?: Req<NonNullable<F5Args["requestLog"]>, "port" | "protocol">;
  readonly apm?: Req<NonNullable<F5Args["apm"]>, "forwardedHeaders">;
};

export const F5_DEFAULTS = {
  enabled: true,
  mode: "as3",
  auth: "token",
  schemaVersion: "3.50.0",
  redirectHttp: true,
  poolMemberPort: 443,
  cis: { headerHygieneIRule: "/Common/kis_identity_header_hygiene", serverSslProfile: "/Common/serverssl" },
  requestLog: { port: 514, protocol: "udp" },
} as const;

/** Applies the F5 defaults. Pure; settings already complete come back equal (same keys, same order). */
export function f5Spec(a: F5Args): F5Spec {
  const d = F5_DEFAULTS;
  const { poolMembers, requestLog, apm } = a;
  return {
    ...a,
    enabled: a.enabled ?? d.enabled,
    mode: a.mode ?? d.mode,
    auth: a.auth ?? d.auth,
    schemaVersion: a.schemaVersion ?? d.schemaVersion,
    redirectHttp: a.redirectHttp ?? d.redirectHttp,
    selfIps: a.selfIps ?? [],
    snatAddresses: a.snatAddresses ?? [],
    kongTls: a.kongTls ?? {},
    cis: { ...a.cis, headerHygieneIRule: a.cis?.headerHygieneIRule ?? d.cis.headerHygieneIRule, serverSslProfile: a.cis?.serverSslProfile ?? d.cis.serverSslProfile },
    ...(poolMembers ? { poolMembers: { ...poolMembers, port: poolMembers.port ?? d.poolMemberPort } } : {}),
    ...(requestLog ? { requestLog: { ...requestLog, port: requestLog.port ?? d.requestLog.port, protocol: requestLog.protocol ?? d.requestLog.protocol } } : {}),
    ...(apm ? { apm: { ...apm, forwardedHeaders: apm.forwardedHeaders ?? [] } } : {}),
    // The spread of `a` keeps its key order (the optional blocks are replaced in place above): hence the assertion.
  } as F5Spec;
}
