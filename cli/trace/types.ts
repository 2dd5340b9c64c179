/**
 * The three logs `kis trace` joins, as plain records. Times are epoch milliseconds in each source's own clock.
 */

/** One ZPA LSS user-activity record (a TCP connection from a user's device, through an App Connector). */
export interface ZpaConnection {
  readonly connectionId: string;
  readonly username: string;
  readonly clientPublicIp: string;
  readonly application: string;
  readonly connector: string;
  /** The address and port the App Connector opened the connection from: what the next hop sees as the client. */
  readonly connectorIp: string;
  readonly connectorPort: number;
  readonly serverIp: string;
  readonly serverPort: number;
  readonly start: number;
  /** undefined while the connection is active (LSS sends "" for TimestampConnectionEnd). */
  readonly end: number | undefined;
  readonly status: string;
}

/** One BIG-IP request-log line written by the stack's iRule (`kis-edge rid=... client=... vs=... ts=...`). */
export interface EdgeRequest {
  readonly requestId: string;
  readonly clientIp: string;
  readonly clientPort: number;
  readonly virtualServer: string;
  readonly time: number;
}

/** One Kong audit-log line (file-log/http-log JSON with the stack's custom fields). */
export interface KongRequest {
  readonly requestId: string | undefined;
  readonly time: number;
  readonly clientIp: string;
  readonly clientPort: number | undefined;
  readonly route: string | undefined;
  readonly service: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly status: number | undefined;
  readonly latencyMs: number | undefined;
  readonly identity: {
    readonly sub?: string;
    readonly clientId?: string;
    readonly issuer?: string;
    readonly scopes?: string;
    readonly groups?: string;
    readonly consumer?: string;
  };
}

export interface ParsedLog<T> {
  readonly records: readonly T[];
  /** Lines that are not records of this kind (other syslog traffic, Kong's access log, blank lines). */
  readonly skipped: number;
  /** Lines that look like records of this kind but could not be read, with their line numbers. */
  readonly invalid: readonly { readonly line: number; readonly reason: string }[];
}
