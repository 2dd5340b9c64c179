/**
 * PingAccess deciding per request through Kong's ping-auth sideband plugin: component arguments with their
 * defaults (pingAccessSpec applies them; the stack file's schema states the same, a unit test holds them equal).
 * The admin password is never a value here: the credentials name where the providers read it at deploy time.
 */
export interface PingAccessArgs {
  /** Default true. */
  readonly enabled?: boolean;
  /** The admin host (`https://host:9000`). */
  readonly adminUrl: string;
  /** Where Kong's ping-auth sends its sideband calls. */
  readonly sidebandUrl: string;
  /** Default false. */
  readonly allowHttpSideband?: boolean;
  /** Default: environment PINGACCESS_ADMIN_PASSWORD, user Administrator. */
  readonly credentials?: {
    readonly source?: "environment" | "pulumi-config";
    readonly username?: string;
    readonly passwordEnv?: string;
    readonly passwordKey?: string;
  };
  /** Routes ping-auth runs on. Default every protected route. */
  readonly routes?: readonly string[];
  /** Default CLIENT-TOKEN. */
  readonly secretHeaderName?: string;
  /** Default true. */
  readonly verifyServiceCertificate?: boolean;
  readonly version?: string;
  readonly tokenProviderHost?: string;
  readonly serviceCa?: { readonly certificate?: string; readonly secretName?: string; readonly key?: string };
  /** Default false (ping-auth answers 400 to HTTP/2). */
  readonly allowHttp2?: boolean;
  /** Default 10000. */
  readonly connectionTimeoutMs?: number;
  readonly virtualHost?: string;
  /** Default 90. */
  readonly sharedSecretLifetimeDays?: number;
  readonly sharedSecretReference?: string;
  /** How the Kong pods get the ping-auth plugin: an image or a ConfigMap. */
  readonly plugin?: { readonly image?: { readonly repository: string; readonly tag: string }; readonly configMap?: string };
  readonly applicationName?: string;
  /** Default {}. */
  readonly ruleOverrides?: Readonly<Record<string, { readonly scopes?: readonly string[]; readonly groups?: readonly string[] }>>;
  /** Default {}. */
  readonly importIds?: { readonly sidebandClient?: string; readonly accessTokenValidator?: string; readonly application?: string };
}

type Req<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]-?: Exclude<T[P], undefined> };

export type PingAccessSpec = Omit<
  Req<PingAccessArgs, "enabled" | "allowHttpSideband" | "secretHeaderName" | "verifyServiceCertificate" | "allowHttp2" | "connectionTimeoutMs" | "sharedSecretLifetimeDays" | "plugin" | "ruleOverrides" | "importIds">,
  "credentials" | "serviceCa"
> & {
  readonly credentials: Required<NonNullable<PingAccessArgs["credentials"]>>;
  readonly serviceCa?: Req<NonNullable<PingAccessArgs["serviceCa"]>, "key">;
};

export const PINGACCESS_DEFAULTS = {
  enabled: true,
  allowHttpSideband: false,
  credentials: { source: "environment", username: "Administrator", passwordEnv: "PINGACCESS_ADMIN_PASSWORD", passwordKey: "pingaccess:adminPassword" },
  secretHeaderName: "CLIENT-TOKEN",
  verifyServiceCertificate: true,
  serviceCaKey: "ca.crt",
  allowHttp2: false,
  connectionTimeoutMs: 10_000,
  sharedSecretLifetimeDays: 90,
} as const;

/** Applies the PingAccess defaults. Pure; settings already complete come back equal (same keys, same order). */
export function pingAccessSpec(a: PingAccessArgs): PingAccessSpec {
  const d = PINGACCESS_DEFAULTS;
  return {
    ...a,
    enabled: a.enabled ?? d.enabled,
    allowHttpSideband: a.allowHttpSideband ?? d.allowHttpSideband,
    credentials: { ...d.credentials, ...a.credentials },
    secretHeaderName: a.secretHeaderName ?? d.secretHeaderName,
    verifyServiceCertificate: a.verifyServiceCertificate ?? d.verifyServiceCertificate,
    ...(a.serviceCa ? { serviceCa: { ...a.serviceCa, key: a.serviceCa.key ?? d.serviceCaKey } } : {}),
    allowHttp2: a.allowHttp2 ?? d.allowHttp2,
    connectionTimeoutMs: a.connectionTimeoutMs ?? d.connectionTimeoutMs,
    sharedSecretLifetimeDays: a.sharedSecretLifetimeDays ?? d.sharedSecretLifetimeDays,
    plugin: a.plugin ?? {},
    ruleOverrides: a.ruleOverrides ?? {},
    importIds: a.importIds ?? {},
    // The spread of `a` keeps its key order (serviceCa is replaced in place above): hence the assertion.
  } as PingAccessSpec;
}
