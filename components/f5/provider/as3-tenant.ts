import { AS3_DYNAMIC_MODULE, AS3_TENANT_KIND, AS3_TENANT_TYPE } from "../type-tokens";
import * as pulumi from "@pulumi/pulumi";
import type { EdgeTrustedHeaders } from "../settings";
import { createAs3Client, tenantDeclarationProblems, type As3AuthMethod, type As3Client, type As3Credentials } from "../client/as3-client";

/** The type token policies and the plan recognise the tenant by. */
export { AS3_TENANT_TYPE };

/** What the provider receives (Pulumi secrets arrive unwrapped). */
export interface As3TenantInputs {
  /** BIG-IP management URL. */
  readonly host: string;
  readonly tenant: string;
  /** An ADC declaration holding exactly `tenant`. */
  readonly declaration: Record<string, unknown>;
  readonly auth: As3AuthMethod;
  /** Else env F5_USERNAME at operation time. */
  readonly username?: string;
  /** Else env F5_PASSWORD at operation time (then the password never enters the state). */
  readonly password?: string;
  /** The identity headers this edge forwards and the addresses it connects from (read by the policy pack). */
  readonly edgeTrust?: EdgeTrustedHeaders;
}

export interface As3TenantOutputs extends As3TenantInputs {
  /** AS3's last answer: "success", "no change". */
  readonly result: string;
}

export interface As3TenantProviderOptions {
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log?: (line: string) => void;
  readonly pollIntervalMs?: number;
  /** Where F5_USERNAME / F5_PASSWORD are read from (default process.env, at operation time). */
  readonly env?: () => Readonly<Record<string, string | undefined>>;
}

/** Keys whose string values are secret anywhere, and those secret in a Certificate object. */
const SECRET_KEYS = new Set(["passphrase", "password"]);
const CERTIFICATE_SECRET_KEYS = new Set(["privateKey", "certificate"]);

/** The secret strings inside a declaration (TLS keys and certificates, passphrases), so no message repeats them. */
export function declarationSecrets(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(declarationSecrets);
  if (!value || typeof value !== "object") return [];
  const obj = value as Record<string, unknown>;
  const secretHere = (k: string) => SECRET_KEYS.has(k) || (obj["class"] === "Certificate" && CERTIFICATE_SECRET_KEYS.has(k));
  return Object.entries(obj).flatMap(([k, v]) => (secretHere(k) && typeof v === "string" ? [v] : declarationSecrets(v)));
}

/** JSON with sorted keys: two declarations are the same when their canonical forms are. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return JSON.stringify(sort(value ?? null));
}

/**
 * The dynamic provider for one AS3 tenant: create and update POST the tenant's declaration, delete removes the
 * tenant, read checks it still exists. A changed host or tenant replaces the resource, deleting first (the
 * virtual address cannot be held by two tenants at once).
 */
export function createAs3TenantProvider(options: As3TenantProviderOptions = {}): pulumi.dynamic.ResourceProvider {
  const clientFor = (props: As3TenantInputs): As3Client => {
    const env = options.env ? options.env() : process.env;
    const credentials: As3Credentials = {
      username: props.username ?? env["F5_USERNAME"] ?? "",
      password: props.password ?? env["F5_PASSWORD"] ?? "",
    };
    if (!credentials.username || !credentials.password) {
      throw new Error(
        "BIG-IP AS3: no credentials; set F5_USERNAME and F5_PASSWORD in the environment, or f5.username and the secret config key f5Password",
      );
    }
    return createAs3Client({
      host: props.host,
      credentials,
      auth: props.auth,
      secrets: declarationSecrets(props.declaration),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.log ? { log: options.log } : {}),
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    });
  };

  const apply = async (props: As3TenantInputs): Promise<As3TenantOutputs> => {
    const outcome = await clientFor(props).declareTenant(props.tenant, props.declaration);
    return { ...props, result: outcome.message };
  };

  return {
    async check(_olds: As3TenantInputs, news: As3TenantInputs) {
      const failures = [
        ...(typeof news.host === "string" && /^https:\/\//.test(news.host) ? [] : [{ property: "host", reason: "expected the BIG-IP management URL (https)" }]),
        ...tenantDeclarationProblems(news.tenant, news.declaration).map((reason) => ({ property: "declaration", reason })),
      ];
      return { inputs: news, failures };
    },

    async diff(_id: string, olds: As3TenantOutputs, news: As3TenantInputs) {
      const replaces = (["host", "tenant"] as const).filter((k) => olds[k] !== news[k]);
      const changed = (["auth", "username", "password"] as const).some((k) => olds[k] !== news[k]);
      const declarationChanged = canonicalJson(olds.declaration) !== canonicalJson(news.declaration);
      const trustChanged = canonicalJson(olds.edgeTrust) !== canonicalJson(news.edgeTrust);
      return {
        changes: replaces.length > 0 || changed || declarationChanged || trustChanged,
        replaces: [...replaces],
        deleteBeforeReplace: replaces.length > 0,
      };
    },

    async create(inputs: As3TenantInputs) {
      return { id: inputs.tenant, outs: await apply(inputs) };
    },

    async update(_id: string, _olds: As3TenantOutputs, news: As3TenantInputs) {
      return { outs: await apply(news) };
    },

    async read(id: string, props: As3TenantOutputs) {
      const current = await clientFor(props).getTenant(props.tenant);
      // A tenant removed on the BIG-IP shows as a changed declaration: the next update posts it again.
      return { id, props: current ? props : { ...props, declaration: {}, result: "missing" } };
    },

    async delete(_id: string, props: As3TenantOutputs) {
      await clientFor(props).deleteTenant(props.tenant);
    },
  };
}

const AS3_TENANT_PROVIDER = createAs3TenantProvider();

export interface As3TenantArgs {
  readonly host: pulumi.Input<string>;
  readonly tenant: pulumi.Input<string>;
  /** May hold Pulumi secrets at its leaves (certificate, key): the rest stays readable in plans. */
  readonly declaration: pulumi.Input<Record<string, unknown>>;
  readonly auth: pulumi.Input<As3AuthMethod>;
  readonly username?: pulumi.Input<string>;
  /** Wrapped in pulumi.secret here; omit it to use env F5_PASSWORD. */
  readonly password?: pulumi.Input<string>;
  readonly edgeTrust?: pulumi.Input<EdgeTrustedHeaders>;
}

/** One AS3 tenant on a BIG-IP, managed through the AS3 REST API. */
export class As3Tenant extends pulumi.dynamic.Resource {
  declare readonly host: pulumi.Output<string>;
  declare readonly tenant: pulumi.Output<string>;
  declare readonly result: pulumi.Output<string>;

  constructor(name: string, args: As3TenantArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      AS3_TENANT_PROVIDER,
      name,
      { ...args, ...(args.password !== undefined ? { password: pulumi.secret(args.password) } : {}), result: undefined },
      { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "password", "declaration"] },
      AS3_DYNAMIC_MODULE,
      AS3_TENANT_KIND,
    );
  }
}
