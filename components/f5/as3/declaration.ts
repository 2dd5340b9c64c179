import type { F5EdgeSettings } from "../settings";
import { buildHeaderHygieneIRule } from "./irule";
import { AS3_APPLICATION, AS3_OBJECTS } from "./names";
import type { As3Application, As3Declaration, As3PoolMember, As3ServiceHttps, As3TenantObject, As3TlsClient } from "./types";

/** The TLS certificate and key the virtual server presents to clients (Pulumi secrets in the component). */
export interface EdgeTlsMaterial<S> {
  readonly certificate: S;
  readonly privateKey: S;
}

export type As3EdgeInput = Pick<
  F5EdgeSettings,
  "tenant" | "schemaVersion" | "hostnames" | "virtualAddress" | "redirectHttp" | "snatAddresses" | "kong" | "kongTls" | "apm" | "requestLog"
>;

const TLS_PROTOCOLS = {
  // sslEnabled/ssl3Enabled off: SSL 3.0 and older are refused; TLS 1.0 and 1.1 as well.
  sslEnabled: false,
  ssl3Enabled: false,
  tls1_0Enabled: false,
  tls1_1Enabled: false,
  tls1_2Enabled: true,
} as const;

/**
 * One AS3 tenant for one environment: an HTTPS virtual server in front of Kong.
 *
 * - `Service_HTTPS` on virtualAddress:443; with `redirectHttp`, AS3's `redirect80` adds a port-80 virtual that
 *   only redirects to https (nothing is proxied in clear).
 * - Pool of Kong proxy endpoints (addresses or an FQDN) on Kong's TLS port, with an HTTPS monitor that asks
 *   Kong for `/` (Kong answers 404 itself when no route matches: no upstream or IdP is involved).
 * - `serverTLS` (client side) presents the stack's certificate; `clientTLS` re-encrypts to Kong, whose routes
 *   accept https only; with `kongTls.trustCa` the BIG-IP also verifies Kong's certificate.
 * - HTTP profile inserting X-Forwarded-For; the header-hygiene iRule removes every identity header a client
 *   could send (and any copy of the APM-forwarded ones) and inserts X-Request-ID.
 * - SNAT: a pool of `snatAddresses`, or automap (the self IPs) — the addresses Kong sees.
 * - Optional APM access profile (`profileAccess`, an existing profile on the BIG-IP).
 *
 * Pure and deterministic; `S` is whatever holds the secrets (Pulumi Outputs, or "[secret]" in a plan).
 */
export function buildAs3Declaration<S>(input: As3EdgeInput, tls: EdgeTlsMaterial<S>): As3Declaration<S> {
  const o = AS3_OBJECTS;
  const primaryHost = input.hostnames[0];
  if (!primaryHost) throw new Error("the F5 virtual server needs at least one Kong host name");

  const service: As3ServiceHttps = {
    class: "Service_HTTPS",
    remark: "API edge: TLS, header hygiene, Kong",
    virtualAddresses: [input.virtualAddress],
    virtualPort: 443,
    redirect80: input.redirectHttp,
    pool: o.pool,
    serverTLS: o.tlsServer,
    clientTLS: o.tlsClient,
    profileHTTP: { use: o.httpProfile },
    iRules: [o.iRule],
    snat: input.snatAddresses.length > 0 ? { use: o.snatPool } : "auto",
    persistenceMethods: [],
    ...(input.apm ? { profileAccess: { bigip: input.apm.accessProfile } } : {}),
  };

  const members: As3PoolMember[] =
    input.kong.kind === "addresses"
      ? [{ servicePort: input.kong.port, serverAddresses: [...input.kong.addresses] }]
      : [{ servicePort: input.kong.port, addressDiscovery: "fqdn", hostname: input.kong.fqdn, autoPopulate: true }];

  // The CA the BIG-IP verifies Kong with: one already on the BIG-IP (trustCa), or kong.tls.caCertificate declared here.
  const trustCA = input.kongTls.trustCa ? { bigip: input.kongTls.trustCa } : input.kongTls.caBundle ? { use: o.kongCa } : undefined;
  const tlsClient: As3TlsClient = {
    class: "TLS_Client",
    sendSNI: input.kongTls.serverName,
    serverName: input.kongTls.serverName,
    validateCertificate: trustCA !== undefined,
    ...(trustCA ? { trustCA } : {}),
    ...TLS_PROTOCOLS,
  };

  const application: As3Application<S> = {
    class: "Application",
    [o.service]: service,
    [o.pool]: {
      class: "Pool",
      remark: "Kong proxy (TLS)",
      loadBalancingMode: "least-connections-member",
      monitors: [{ use: o.monitor }],
      members,
    },
    [o.monitor]: {
      class: "Monitor",
      monitorType: "https",
      // AS3 takes the escape sequences literally (backslash-r backslash-n) and expands them on the BIG-IP.
      send: `GET / HTTP/1.1\\r\\nHost: ${primaryHost}\\r\\nUser-Agent: kis-f5-monitor\\r\\nConnection: close\\r\\n\\r\\n`,
      receive: "HTTP/1.",
      interval: 5,
      timeout: 16,
      clientTLS: { use: o.tlsClient },
    },
    [o.certificate]: { class: "Certificate", remark: "API edge certificate", certificate: tls.certificate, privateKey: tls.privateKey },
    [o.tlsServer]: { class: "TLS_Server", certificates: [{ certificate: o.certificate }], renegotiationEnabled: false, ...TLS_PROTOCOLS },
    [o.tlsClient]: tlsClient,
    ...(input.kongTls.caBundle && !input.kongTls.trustCa
      ? { [o.kongCa]: { class: "CA_Bundle" as const, remark: "CA of Kong's proxy certificate", bundle: input.kongTls.caBundle } }
      : {}),
    [o.httpProfile]: { class: "HTTP_Profile", remark: "X-Forwarded-For from the edge", xForwardedFor: true, trustXFF: false },
    [o.iRule]: {
      class: "iRule",
      remark: "Strips client identity headers",
      expand: false,
      iRule: buildHeaderHygieneIRule({
        forwardedHeaders: input.apm?.forwardedHeaders ?? [],
        ...(input.requestLog ? { requestLog: { pool: input.requestLog.pool, protocol: input.requestLog.protocol } } : {}),
      }),
    },
    ...(input.requestLog?.members
      ? {
          [o.requestLogPool]: {
            class: "Pool" as const,
            remark: "Request log servers (HSL from the iRule)",
            loadBalancingMode: "round-robin",
            members: [{ servicePort: input.requestLog.port, serverAddresses: [...input.requestLog.members] }],
          },
        }
      : {}),
    ...(input.snatAddresses.length > 0 ? { [o.snatPool]: { class: "SNAT_Pool", snatAddresses: [...input.snatAddresses] } } : {}),
  };

  const tenant: As3TenantObject<S> = {
    class: "Tenant",
    remark: "kong-identity-stack",
    [AS3_APPLICATION]: application,
  };

  return {
    class: "ADC",
    schemaVersion: input.schemaVersion,
    id: `kong-identity-stack-${input.tenant}`,
    label: "kong-identity-stack",
    remark: "API edge in front of Kong",
    updateMode: "selective",
    [input.tenant]: tenant,
  };
}
