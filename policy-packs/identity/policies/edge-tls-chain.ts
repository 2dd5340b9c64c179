import type { StackValidationPolicy } from "@pulumi/policy";
import { coversName, issuedBy, parseCertificates } from "../../../components/shared/certificates";
import { as3KongLinks, kongCertificates, kongProxies } from "./edge-facts";
import { quote, violation } from "./violation";

/**
 * edge-tls-chain: the certificate Kong presents is the one the hop in front of it verifies. Kong's proxy has a
 * configured certificate (env.ssl_cert; without it Kong generates a self-signed one at start-up that no client
 * or BIG-IP can verify); where the BIG-IP verifies Kong (AS3 TLS_Client validateCertificate), the certificate
 * covers the TLS_Client's serverName and was issued by the CA_Bundle it trusts.
 */
export const edgeTlsChain: StackValidationPolicy = {
  name: "edge-tls-chain",
  description: "Kong presents a configured certificate, and it matches the server name and CA the BIG-IP verifies it with.",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Set kong.tls (certificate + kongTlsPrivateKey, or secretName) with a certificate whose names cover kong.hostnames and f5.kongTls.serverName, " +
    "issued by kong.tls.caCertificate (or the bundle f5.kongTls.trustCa names).",
  validateStack: (args, report) => {
    const links = as3KongLinks(args.resources);
    const verifying = links.filter((l) => l.validateCertificate);
    for (const proxy of kongProxies(args.resources)) {
      if (proxy.sslCert) continue;
      const problem = verifying.length
        ? `Kong's proxy has no certificate (kong.tls is not set, so no env.ssl_cert) and serves its auto-generated self-signed one, while the BIG-IP verifies it (${verifying.map((l) => l.path).join(", ")}, f5.kongTls / kong.tls.caCertificate): every BIG-IP to Kong handshake fails`
        : "Kong's proxy has no certificate (kong.tls is not set, so no env.ssl_cert) and serves its auto-generated self-signed one, which no client can verify";
      report(violation(proxy.resource, problem, "set kong.tls.certificate (and kongTlsPrivateKey) or kong.tls.secretName to a certificate for kong.hostnames"), proxy.resource.urn);
    }
    for (const cert of kongCertificates(args.resources)) {
      if (!cert.certificate) continue;
      let leaf;
      try {
        leaf = parseCertificates(cert.certificate)[0]!;
      } catch {
        report(violation(cert.resource, "kong.tls.certificate is not a readable PEM certificate", "give the PEM certificate (leaf first)"), cert.resource.urn);
        continue;
      }
      for (const link of verifying) {
        if (link.serverName && !coversName(leaf, link.serverName)) {
          report(
            violation(
              link.resource,
              `TLS_Client ${link.path} verifies Kong as ${quote(link.serverName)} (f5.kongTls.serverName), but kong.tls.certificate covers ${leaf.subjectAltName ?? "no DNS name"}`,
              "issue Kong's certificate for that name, or set f5.kongTls.serverName to a name the certificate covers",
            ),
            link.resource.urn,
          );
        }
        if (link.caBundle) {
          const cas = safeParse(link.caBundle);
          if (!cas.some((ca) => issuedBy(leaf, ca))) {
            report(
              violation(
                link.resource,
                `TLS_Client ${link.path} trusts a CA bundle (kong.tls.caCertificate) that did not issue Kong's certificate (kong.tls.certificate, issuer ${quote(leaf.issuer.replace(/\n/g, ", "))})`,
                "set kong.tls.caCertificate to the CA that issued kong.tls.certificate",
              ),
              link.resource.urn,
            );
          }
        }
      }
    }
  },
};

function safeParse(pem: string) {
  try {
    return parseCertificates(pem);
  } catch {
    return [];
  }
}
