/**
 * The subset of an AS3 declaration (`class: ADC`, schema 3.x) this stack writes. Property names follow
 * `../shared/schemas/f5/as3/as3-schema-3.56.0.json`; the conformance tests validate generated declarations
 * against it. `S` is the type of secret values (a Pulumi Output in the component, a string in tests and plans).
 */

export interface As3Use {
  readonly use: string;
}
export interface As3BigIp {
  readonly bigip: string;
}

export interface As3Monitor {
  readonly class: "Monitor";
  readonly monitorType: "https";
  readonly send: string;
  readonly receive: string;
  readonly interval: number;
  readonly timeout: number;
  readonly clientTLS: As3Use;
}

export type As3PoolMember =
  | { readonly servicePort: number; readonly serverAddresses: readonly string[] }
  | { readonly servicePort: number; readonly addressDiscovery: "fqdn"; readonly hostname: string; readonly autoPopulate: true };

export interface As3Pool {
  readonly class: "Pool";
  readonly remark: string;
  readonly loadBalancingMode: "least-connections-member" | "round-robin";
  /** Absent: no health monitor (the request-log pool: UDP log servers answer no monitor). */
  readonly monitors?: readonly As3Use[];
  readonly members: readonly As3PoolMember[];
}

export interface As3Certificate<S> {
  readonly class: "Certificate";
  readonly remark: string;
  readonly certificate: S;
  readonly privateKey: S;
}

interface As3TlsProtocols {
  readonly sslEnabled: false;
  readonly ssl3Enabled: false;
  readonly tls1_0Enabled: false;
  readonly tls1_1Enabled: false;
  readonly tls1_2Enabled: true;
}

export interface As3TlsServer extends As3TlsProtocols {
  readonly class: "TLS_Server";
  readonly certificates: readonly { readonly certificate: string }[];
  readonly renegotiationEnabled: false;
}

export interface As3TlsClient extends As3TlsProtocols {
  readonly class: "TLS_Client";
  readonly sendSNI: string;
  readonly serverName: string;
  readonly validateCertificate: boolean;
  readonly trustCA?: As3BigIp | { readonly use: string };
}

export interface As3CaBundle {
  readonly class: "CA_Bundle";
  readonly remark: string;
  /** PEM certificates the BIG-IP trusts. */
  readonly bundle: string;
}

export interface As3HttpProfile {
  readonly class: "HTTP_Profile";
  readonly remark: string;
  /** Inserts X-Forwarded-For with the client address the BIG-IP saw (client copies are removed by the iRule). */
  readonly xForwardedFor: true;
  readonly trustXFF: false;
}

export interface As3IRule {
  readonly class: "iRule";
  readonly remark: string;
  /** No backquote expansion: the TCL text goes to the BIG-IP as written. */
  readonly expand: false;
  readonly iRule: string;
}

export interface As3SnatPool {
  readonly class: "SNAT_Pool";
  readonly snatAddresses: readonly string[];
}

export interface As3ServiceHttps {
  readonly class: "Service_HTTPS";
  readonly remark: string;
  readonly virtualAddresses: readonly string[];
  readonly virtualPort: 443;
  /** AS3 adds a port-80 virtual that only redirects to https. */
  readonly redirect80: boolean;
  readonly pool: string;
  readonly serverTLS: string;
  readonly clientTLS: string;
  readonly profileHTTP: As3Use;
  readonly iRules: readonly string[];
  readonly snat: "auto" | As3Use;
  /** An API needs no session stickiness (and no BIG-IP cookie in responses). */
  readonly persistenceMethods: readonly [];
  readonly profileAccess?: As3BigIp;
}

export type As3ApplicationObject<S> =
  | As3ServiceHttps
  | As3Pool
  | As3Monitor
  | As3Certificate<S>
  | As3TlsServer
  | As3TlsClient
  | As3CaBundle
  | As3HttpProfile
  | As3IRule
  | As3SnatPool;

export interface As3Application<S> {
  readonly class: "Application";
  readonly [name: string]: As3ApplicationObject<S> | "Application";
}

export interface As3TenantObject<S> {
  readonly class: "Tenant";
  readonly remark: string;
  readonly [application: string]: As3Application<S> | string;
}

export interface As3Declaration<S = string> {
  readonly class: "ADC";
  readonly schemaVersion: string;
  readonly id: string;
  readonly label: string;
  readonly remark: string;
  /** Always selective: a complete update would delete every other tenant on the BIG-IP (CIS's included). */
  readonly updateMode: "selective";
  readonly [tenant: string]: As3TenantObject<S> | string;
}
