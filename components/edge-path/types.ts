/**
 * The request path from caller to upstream as data: one hop per component a request crosses, each with what
 * it listens on, the certificate it presents, what it verifies of the previous hop and which identity check
 * runs there. The plan prints it, identity.md draws it and plan.json holds it.
 */

export type HopKind = "caller" | "zpa" | "f5" | "kong" | "upstream" | "sideband" | (string & {});

export interface HopTls {
  /** Where the certificate comes from (config key or Secret). */
  readonly source: string;
  /** Names the certificate covers; empty when the plan cannot know them (an existing Secret). */
  readonly names: readonly string[];
  readonly notAfter?: string;
  /** Who issued it (subject of the CA), when known. */
  readonly issuer?: string;
}

export interface HopConnection {
  /** What this hop connects to for the next hop: addresses, FQDN or Service, and port. */
  readonly target: string;
  readonly protocol: "https" | "http" | "tcp (TLS passes through)";
  /** The TLS server name sent (SNI) and checked against the next hop's certificate. */
  readonly serverName?: string;
  /** What the next hop's certificate is verified against; undefined: not verified. */
  readonly verifiesWith?: string;
  /** The source address the next hop sees as the TCP peer. */
  readonly sourceSeenByNext: string;
}

export interface EdgePathHop {
  readonly id: string;
  readonly kind: HopKind;
  readonly name: string;
  /** Where it accepts connections from the previous hop (address:port). */
  readonly listens?: string;
  /** The certificate it presents to the previous hop. */
  readonly presents?: HopTls;
  /** What it checks of the previous hop: client address, trusted headers, TLS. */
  readonly verifies: readonly string[];
  /** The identity check at this hop (sign-in, token validation, access groups). */
  readonly identity: string;
  /** How it reaches the next hop. */
  readonly next?: HopConnection;
  /** Calls this hop makes to the side during a request (e.g. a PingAccess sideband check). */
  readonly sideband?: readonly string[];
  /** Where this hop's request logs go. */
  readonly logs?: readonly string[];
}

export interface RequestPath {
  readonly hops: readonly EdgePathHop[];
  /** Facts the plan cannot establish (e.g. the names of a certificate in an existing Secret). */
  readonly unverified: readonly string[];
}
