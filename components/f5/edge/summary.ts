import { AS3_OBJECTS } from "../as3/names";
import { EDGE_REQUEST_ID_HEADER } from "../as3/identity-headers";
import { buildHeaderHygieneIRule, strippedPatterns } from "../as3/irule";
import type { F5EdgeSettings } from "../settings";

/** What the F5 edge does, as a stack output and in the plan summary. No secret in it. */
export interface F5EdgeSummary {
  readonly mode: "as3" | "cis";
  /** The name clients use (and a ZPA application segment's FQDN). */
  readonly fqdn: string;
  readonly virtualAddress: string;
  /** AS3: the BIG-IP path of the virtual server; CIS: namespace/name of the VirtualServer resource. */
  readonly virtualServer: string;
  readonly tenant?: string;
  readonly port80: "redirect to https" | "closed";
  readonly towardsKong: string;
  /** CIS: the server-side SSL profile on the BIG-IP decides. */
  readonly verifiesKongCertificate: boolean | "per the BIG-IP server-side profile";
  /** Header patterns removed from every client request, and the header inserted. */
  readonly headerHygiene: { readonly removes: readonly string[]; readonly inserts: string; readonly iRule: string };
  readonly apmAccessProfile?: string;
  /** The identity headers Kong accepts, only from these addresses, on these routes. */
  readonly trustedHeaders: { readonly headers: readonly string[]; readonly from: readonly string[]; readonly routes: readonly string[] | "every route" };
  /** CIS mode: the iRule text to create on the BIG-IP under headerHygiene.iRule (CIS cannot create it). */
  readonly headerHygieneIRule?: string;
  /** What this edge does not do, said plainly. */
  readonly limitations: readonly string[];
}

export function summarizeF5Edge(settings: F5EdgeSettings): F5EdgeSummary {
  const trust = settings.edgeTrust;
  const forwardedHeaders = settings.apm?.forwardedHeaders ?? [];
  const target =
    settings.mode === "cis"
      ? `Kong's proxy Service ${settings.kongNamespace}/${settings.kongProxyService}:${settings.kong.port}`
      : settings.kong.kind === "addresses"
        ? settings.kong.addresses.map((a) => `${a}:${settings.kong.port}`).join(", ")
        : `${settings.kong.fqdn}:${settings.kong.port}`;
  const limitations = [
    ...(settings.mode === "cis"
      ? [`the BIG-IP verifies Kong's certificate only if the server-side profile ${settings.cis.serverSslProfile} does (the built-in /Common/serverssl does not)`]
      : settings.kongTls.trustCa || settings.kongTls.caBundle
        ? []
        : ["the BIG-IP does not verify Kong's certificate (set kong.tls.caCertificate, or f5.kongTls.trustCa to a CA bundle on the BIG-IP)"]),
    ...(settings.mode === "as3" && settings.kong.kind === "fqdn" && settings.kong.fqdn.endsWith(".svc.cluster.local")
      ? [`pool members resolve ${settings.kong.fqdn}: the BIG-IP must resolve cluster DNS; otherwise set f5.poolMembers`]
      : []),
    ...(settings.mode === "cis"
      ? [`CIS cannot create iRules: create ${settings.cis.headerHygieneIRule} on the BIG-IP from f5Edge.headerHygieneIRule before traffic flows`]
      : []),
    "Kong sees the BIG-IP's self/SNAT address as the client; X-Forwarded-For carries the address the BIG-IP saw, and rate limits by ip count per BIG-IP address",
  ];
  return {
    mode: settings.mode,
    fqdn: settings.fqdn,
    virtualAddress: settings.virtualAddress,
    virtualServer: settings.virtualServer,
    ...(settings.mode === "as3" ? { tenant: settings.tenant } : {}),
    port80: settings.redirectHttp ? "redirect to https" : "closed",
    towardsKong: `TLS (re-encrypted) to ${target}, SNI ${settings.kongTls.serverName}`,
    verifiesKongCertificate: settings.mode === "as3" ? settings.kongTls.trustCa !== undefined || settings.kongTls.caBundle !== undefined : "per the BIG-IP server-side profile",
    headerHygiene: {
      removes: strippedPatterns({ forwardedHeaders }),
      inserts: EDGE_REQUEST_ID_HEADER,
      iRule: settings.mode === "as3" ? `${settings.virtualServer.replace(/\/[^/]+$/, "")}/${AS3_OBJECTS.iRule}` : settings.cis.headerHygieneIRule,
    },
    ...(settings.apm ? { apmAccessProfile: settings.apm.accessProfile } : {}),
    trustedHeaders: { headers: trust?.headers ?? [], from: trust?.sources ?? [], routes: trust?.routes ?? "every route" },
    ...(settings.mode === "cis"
      ? { headerHygieneIRule: buildHeaderHygieneIRule({ forwardedHeaders, ...(settings.requestLog ? { requestLog: { pool: settings.requestLog.pool, protocol: settings.requestLog.protocol } } : {}) }) }
      : {}),
    limitations,
  };
}
