import { isIP } from "node:net";
import { z } from "zod";
import { expected, hostname, intInRange, list, oneOf, show, slug, strictObject } from "./primitives";

/**
 * The optional `f5` block: an F5 BIG-IP virtual server in front of Kong (AS3, or CIS custom resources), and
 * the secret values it needs, which live under their own config keys (see F5_SECRET_KEYS).
 */


// ---------------------------------------------------------------- primitives
export const ipAddress = z
  .string({ error: expected("an IPv4 or IPv6 address such as 192.0.2.10") })
  .refine((v) => isIP(v) !== 0, { error: expected("an IPv4 or IPv6 address such as 192.0.2.10") });

/** An address or a CIDR block: what Kong's ip-restriction `allow` list takes. */
export const ipOrCidr = z
  .string({ error: expected("an IP address or CIDR block such as 10.1.20.0/24") })
  .refine(isIpOrCidr, { error: expected("an IP address or CIDR block such as 10.1.20.0/24") });

export function isIpOrCidr(value: string): boolean {
  const [address, bits, ...rest] = value.split("/");
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** An absolute BIG-IP object path such as /Common/orders-apm. */
export const bigipPath = z
  .string({ error: expected("a BIG-IP path such as /Common/my-object") })
  .regex(/^\/[A-Za-z][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/, {
    error: expected("a BIG-IP path such as /Common/my-object"),
  });

/** An HTTP header name made of letters, digits and dashes (no glob characters: the iRule matches with them). */
export const headerName = z
  .string({ error: expected("an HTTP header name such as X-APM-User") })
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/, { error: expected("an HTTP header name such as X-APM-User (letters, digits, dashes)") });

/** AS3 tenant (BIG-IP partition) name. `Common` and `Shared` belong to the BIG-IP. */
export const as3TenantName = z
  .string({ error: expected("an AS3 tenant name such as kis_dev (a letter, then letters, digits, _)") })
  .regex(/^[A-Za-z][0-9A-Za-z_]{0,63}$/, { error: expected("an AS3 tenant name such as kis_dev (a letter, then letters, digits, _)") })
  .refine((v) => !["Common", "Shared"].includes(v), { error: (i) => `${show(i.input)} belongs to the BIG-IP itself; choose another tenant name` });

/** The AS3 schemaVersion: 3.x up to the 3.56 schema the conformance tests validate against. */
export const as3SchemaVersion = z
  .string({ error: expected("an AS3 schema version from 3.0.0 to 3.56.0") })
  .regex(/^3\.([0-9]|[1-4][0-9]|5[0-6])\.[0-9]+$/, { error: expected("an AS3 schema version from 3.0.0 to 3.56.0") });

const managementUrl = z.string({ error: expected("the BIG-IP management URL, such as https://bigip.example.com") }).refine(
  (v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" && u.hostname.length > 0 && (u.pathname === "/" || u.pathname === "");
    } catch {
      return false;
    }
  },
  { error: expected("the BIG-IP management URL over https, such as https://bigip.example.com (no path)") },
);

// ---------------------------------------------------------------- the block
export const f5PoolMembersSchema = strictObject({
  /** Kong proxy addresses reachable from the BIG-IP (LoadBalancer IP, node addresses with a NodePort). */
  addresses: list(ipAddress, "IP addresses").min(1, { error: "expected at least one address" }).optional().describe("Kong proxy addresses the BIG-IP reaches (a LoadBalancer IP, or node addresses with a NodePort)."),
  /** A DNS name the BIG-IP resolves to Kong's proxy (FQDN pool members). */
  fqdn: hostname.optional().describe("A DNS name the BIG-IP resolves to Kong's proxy (FQDN pool members)."),
  /** Kong's TLS proxy port: Kong routes accept https only. */
  port: intInRange(1, 65535).default(443).describe("Kong's TLS proxy port as the BIG-IP reaches it. Default 443."),
});

export const f5ApmSchema = strictObject({
  /** Existing APM access profile (per-session sign-in), e.g. /Common/orders-apm. */
  accessProfile: bigipPath.describe("Existing APM access profile (per-session sign-in), such as /Common/orders-apm."),
  /** Headers APM adds after sign-in (username, groups, a JWT...). Kong accepts them only from the F5 addresses. */
  forwardedHeaders: list(headerName, "HTTP header names").default([]).describe("Identity headers APM adds after sign-in; Kong accepts them only from the F5 addresses. Default `[]`."),
  /** Routes whose upstreams read the forwarded headers (default: every route). Other routes get them removed. */
  trustedRoutes: list(slug("a route name"), "route names").optional().describe("Routes whose upstreams read the forwarded headers; other routes get them removed. Default: every route."),
});

export const f5CisSchema = strictObject({
  /**
   * CIS cannot create iRules: the header-hygiene iRule must exist on the BIG-IP under this path
   * (its text is the stack output f5Edge.headerHygieneIRule).
   */
  headerHygieneIRule: bigipPath.default("/Common/kis_identity_header_hygiene").describe("BIG-IP path of the header-hygiene iRule (CIS cannot create iRules: create it from the `f5Edge.headerHygieneIRule` output). Default /Common/kis_identity_header_hygiene."),
  /** Server-side (BIG-IP to Kong) TLS profile on the BIG-IP. */
  serverSslProfile: bigipPath.default("/Common/serverssl").describe("Server-side (BIG-IP to Kong) TLS profile on the BIG-IP. Default /Common/serverssl."),
  /** A SNAT pool on the BIG-IP; default "auto" (the self IPs). */
  snatPool: bigipPath.optional().describe("A SNAT pool on the BIG-IP. Default: automap (the self IPs)."),
});

/** Where the iRule's per-request log lines go: high-speed logging (HSL) to a pool of log servers. */
export const f5RequestLogSchema = strictObject({
  pool: bigipPath.optional().describe("An existing BIG-IP pool of log servers, such as /Common/syslog_pool (required in CIS mode). Set this or members."),
  members: list(ipAddress, "IP addresses").min(1, { error: "expected at least one address" }).optional().describe("Log server addresses: the AS3 tenant declares a pool of them (AS3 mode). Set this or pool."),
  port: intInRange(1, 65535).default(514).describe("The log servers' port (members). Default 514."),
  protocol: oneOf(["udp", "tcp"] as const).default("udp").describe("HSL transport to the pool. Default udp (syslog); tcp where lines must not be dropped."),
}).describe("The BIG-IP request log through high-speed logging (HSL::open/HSL::send), which F5 documents for per-request volume; `log local0` (syslog) throttles.");

export const f5Schema = strictObject({
  enabled: z.boolean({ error: expected("true or false") }).default(true).describe("Turn the block off without deleting it. Default true."),
  /** as3: the stack posts an AS3 tenant. cis: F5 Container Ingress Services custom resources in the cluster. */
  mode: oneOf(["as3", "cis"] as const).default("as3").describe("`as3`: the stack posts an AS3 tenant; `cis`: F5 Container Ingress Services custom resources in the cluster. Default as3."),
  /** BIG-IP management URL (AS3 mode). Its certificate must be trusted by Node (NODE_EXTRA_CA_CERTS). */
  host: managementUrl.optional().describe("BIG-IP management URL, https, no path (AS3 mode); its certificate must be trusted by Node (NODE_EXTRA_CA_CERTS)."),
  /** token: POST /mgmt/shared/authn/login then X-F5-Auth-Token; basic: Authorization: Basic on every call. */
  auth: oneOf(["token", "basic"] as const).default("token").describe("`token`: login, then X-F5-Auth-Token; `basic`: Basic auth on every call. Default token."),
  /** BIG-IP user (else env F5_USERNAME). The password: env F5_PASSWORD or the secret config key f5Password. */
  username: z.string({ error: expected("a BIG-IP user name") }).min(1, { error: "expected a BIG-IP user name" }).optional().describe("BIG-IP user. Default: env F5_USERNAME at deploy time."),
  /** AS3 tenant (BIG-IP partition), one per environment. Default: kis_<environment>. */
  tenant: as3TenantName.optional().describe("AS3 tenant (BIG-IP partition), one per environment; not Common or Shared. Default `kis_<environment>`."),
  schemaVersion: as3SchemaVersion.default("3.50.0").describe("AS3 `schemaVersion` (3.0.0 to 3.56.0): at most the AS3 version on the BIG-IP. Default 3.50.0."),
  /** The name clients use to reach the edge (and a ZPA segment's FQDN). Default: kong.hostnames[0]. */
  fqdn: hostname.optional().describe("The name clients (and a ZPA segment) use for the edge. Default kong.hostnames[0]."),
  virtualAddress: ipAddress.describe("The virtual server's IP address."),
  /** Answer plain HTTP on port 80 with a redirect to https (nothing else is served in clear). */
  redirectHttp: z.boolean({ error: expected("true or false") }).default(true).describe("Answer port 80 with a redirect to https (else port 80 is closed). Default true."),
  /** BIG-IP self IPs Kong sees as the source of health monitors (and of traffic with snat "auto"). */
  selfIps: list(ipOrCidr, "IP addresses or CIDR blocks").default([]).describe("BIG-IP self IPs (IP or CIDR): monitor source, SNAT automap; Kong trusts APM headers from them. Default `[]`."),
  /** SNAT pool addresses the BIG-IP uses towards Kong; empty: SNAT automap (the self IPs). */
  snatAddresses: list(ipAddress, "IP addresses").default([]).describe("SNAT pool addresses towards Kong (else automap); in CIS mode list the addresses of f5.cis.snatPool here. Default `[]`."),
  /** Kong proxy endpoints (AS3 mode). Default: the FQDN of Kong's proxy Service, port 443. */
  poolMembers: f5PoolMembersSchema.optional().describe("Kong's proxy as the BIG-IP reaches it: `{addresses[] | fqdn, port}`. Default `kong-kong-proxy.<namespace>.svc.cluster.local:443`."),
  /** TLS from the BIG-IP to Kong. Without trustCa the BIG-IP does not verify Kong's certificate. */
  kongTls: strictObject({
    serverName: hostname.optional().describe("SNI the BIG-IP sends to Kong. Default kong.hostnames[0]."),
    /** CA bundle on the BIG-IP that signs Kong's proxy certificate, e.g. /Common/kong-ca-bundle. */
    trustCa: bigipPath.optional().describe("CA bundle on the BIG-IP that signs Kong's proxy certificate, such as /Common/kong-ca-bundle."),
  }).default({}).describe("TLS from the BIG-IP to Kong `{serverName, trustCa}`. Without trustCa the BIG-IP does not verify Kong's certificate."),
  requestLog: f5RequestLogSchema.optional().describe("Where the iRule sends one `kis-edge` line per request (kis trace reads them): HSL to `pool` or to a declared pool of `members`. Default: absent, no per-request log line."),
  apm: f5ApmSchema.optional().describe("APM sign-in and the identity headers it forwards `{accessProfile, forwardedHeaders, trustedRoutes}`. Default: absent."),
  cis: f5CisSchema.default({ headerHygieneIRule: "/Common/kis_identity_header_hygiene", serverSslProfile: "/Common/serverssl" }).describe("CIS mode: BIG-IP paths `{headerHygieneIRule, serverSslProfile, snatPool}`."),
});

export type F5Config = z.output<typeof f5Schema>;

/**
 * Secret values the f5 block needs, each under its own config key (`pulumi config set --secret <key>`), read by
 * the program with pulumi.Config.requireSecret. The parsed config never holds them: SECRET_CONFIG_VALUE does.
 */
export const F5_SECRET_KEYS = {
  certificate: "f5TlsCertificate",
  privateKey: "f5TlsPrivateKey",
  password: "f5Password",
} as const;

export const SECRET_CONFIG_VALUE = "[secret]";

/** A secret config value: present, non-empty; replaced by SECRET_CONFIG_VALUE so nothing downstream sees it. */
export const secretConfigValue = z
  .string({ error: (i) => (i.input === undefined ? "missing" : "expected a secret string (pulumi config set --secret)") })
  .min(1, { error: "expected a non-empty secret (pulumi config set --secret)" })
  .transform((): typeof SECRET_CONFIG_VALUE => SECRET_CONFIG_VALUE);

/** Cross-references of the f5 block with the routes, the Kong block and the secret keys. */
export interface F5ReferenceInput {
  readonly f5?: F5Config;
  readonly routes: readonly { readonly name: string }[];
  readonly [key: string]: unknown;
}

/** Headers Kong or the edge set themselves: APM may not forward them (they would be overwritten or removed). */
export const RESERVED_HEADER_PATTERNS: readonly RegExp[] = [
  /^x-authenticated-/i,
  /^x-consumer-/i,
  /^x-credential-/i,
  /^x-anonymous-/i,
  /^x-userinfo$/i,
  /^x-forwarded-/i,
  /^forwarded$/i,
  /^x-real-ip$/i,
  /^x-request-id$/i,
];

export function f5CrossReferences(c: F5ReferenceInput, fail: (path: (string | number)[], message: string) => void): void {
  const f5 = c.f5;
  if (!f5 || !f5.enabled) return;
  if (f5.mode === "as3" && !f5.host) {
    fail(["f5", "host"], "missing; AS3 mode needs the BIG-IP management URL, such as https://bigip.example.com");
  }
  for (const key of [F5_SECRET_KEYS.certificate, F5_SECRET_KEYS.privateKey]) {
    if (c[key] === undefined) {
      fail([key], `missing; the F5 virtual server's TLS ${key === F5_SECRET_KEYS.certificate ? "certificate" : "private key"} (PEM): pulumi config set --secret ${key} < file.pem`);
    }
  }
  const log = f5.requestLog;
  if (log && (log.pool === undefined) === (log.members === undefined)) fail(["f5", "requestLog"], "expected exactly one of pool (an existing BIG-IP pool) or members (log server addresses)");
  if (log?.members && f5.mode === "cis") fail(["f5", "requestLog", "members"], "CIS cannot declare a pool for the iRule: create the log pool on the BIG-IP and name it in f5.requestLog.pool");
  const members = f5.poolMembers;
  if (members && (members.addresses === undefined) === (members.fqdn === undefined)) {
    fail(["f5", "poolMembers"], "expected exactly one of addresses or fqdn");
  }
  const apm = f5.apm;
  if (apm && apm.forwardedHeaders.length > 0) {
    if (f5.selfIps.length === 0 && f5.snatAddresses.length === 0) {
      fail(
        ["f5", "selfIps"],
        "APM forwards identity headers, so Kong must accept them only from the BIG-IP: list its self IPs (and snatAddresses if a SNAT pool is used)",
      );
    }
    apm.forwardedHeaders.forEach((h, i) => {
      if (RESERVED_HEADER_PATTERNS.some((p) => p.test(h))) {
        fail(["f5", "apm", "forwardedHeaders", i], `${show(h)} is set by Kong or the edge itself; choose another name such as X-APM-User`);
      }
    });
    const seen = new Set<string>();
    apm.forwardedHeaders.forEach((h, i) => {
      if (seen.has(h.toLowerCase())) fail(["f5", "apm", "forwardedHeaders", i], `${show(h)} is listed twice`);
      seen.add(h.toLowerCase());
    });
  }
  const routeNames = new Set(c.routes.map((r) => r.name));
  apm?.trustedRoutes?.forEach((r, i) => {
    if (!routeNames.has(r)) fail(["f5", "apm", "trustedRoutes", i], `route ${show(r)} is not declared in routes; declare it there or fix the name`);
  });
  if (apm?.trustedRoutes && apm.forwardedHeaders.length === 0) {
    fail(["f5", "apm", "trustedRoutes"], "no forwardedHeaders are trusted, so no route can trust them; remove trustedRoutes or list the headers");
  }
}
