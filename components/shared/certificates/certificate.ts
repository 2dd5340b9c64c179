import { X509Certificate } from "node:crypto";

/**
 * Facts about a PEM certificate that the config checks, the request path and the policies read. Pure: the
 * certificate is public (the private key never comes near these functions).
 */
export interface CertificateFacts {
  readonly subject: string;
  readonly issuer: string;
  /** DNS names of the subjectAltName extension (what TLS clients match a server name against, RFC 6125). */
  readonly dnsNames: readonly string[];
  readonly validFrom: string;
  readonly validTo: string;
  /** SHA-256 fingerprint, colon separated, as openssl prints it. */
  readonly fingerprint256: string;
  readonly isCa: boolean;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM bundle, first (the leaf) first; throws on text that holds none or a bad one. */
export function parseCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new Error("no PEM certificate (-----BEGIN CERTIFICATE-----) found");
  return blocks.map((b) => new X509Certificate(b));
}

export function certificateFacts(cert: X509Certificate): CertificateFacts {
  return {
    subject: cert.subject.replace(/\n/g, ", "),
    issuer: cert.issuer.replace(/\n/g, ", "),
    dnsNames: dnsNamesOf(cert),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
    isCa: cert.ca,
  };
}

/** `DNS:a, DNS:b, IP Address:...` → [a, b]. */
export function dnsNamesOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? "")
    .split(/,\s*/)
    .filter((entry) => entry.startsWith("DNS:"))
    .map((entry) => entry.slice(4).toLowerCase());
}

/**
 * Whether the certificate is valid for `name` as a TLS client checks it: subjectAltName DNS entries only
 * (the common name is ignored when SANs exist, and node never falls back to it: subject: "never"), one
 * left-most wildcard label at most.
 */
export function coversName(cert: X509Certificate, name: string): boolean {
  return cert.checkHost(name, { subject: "never", wildcards: true, partialWildcards: false }) !== undefined;
}

/** Names among `names` the certificate does not cover. */
export function uncoveredNames(cert: X509Certificate, names: readonly string[]): string[] {
  return [...new Set(names)].filter((n) => !coversName(cert, n));
}

/** The certificate `ca` issued `leaf` and its signature verifies with the CA's key. */
export function issuedBy(leaf: X509Certificate, ca: X509Certificate): boolean {
  return leaf.checkIssued(ca) && leaf.verify(ca.publicKey);
}

/** Days before a client should be warned: a certificate closer than this to expiry is refused by the config. */
export const CERTIFICATE_MIN_REMAINING_DAYS = 30;

/** Why the certificate is not usable at `now` (not yet valid, expired, expiring within the margin), or undefined. */
export function validityProblem(cert: X509Certificate, now: Date, minRemainingDays = CERTIFICATE_MIN_REMAINING_DAYS): string | undefined {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  if (from.getTime() > now.getTime()) return `is not valid before ${day(from)}`;
  if (to.getTime() <= now.getTime()) return `expired on ${day(to)}`;
  const margin = now.getTime() + minRemainingDays * 86_400_000;
  if (to.getTime() <= margin) return `expires on ${day(to)}, within ${minRemainingDays} days`;
  return undefined;
}
