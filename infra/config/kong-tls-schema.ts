import { z } from "zod";
import { coversName, issuedBy, parseCertificates, uncoveredNames, validityProblem } from "../../components/shared/certificates";
import { expected, oneOf, slug, strictObject } from "./primitives";

/**
 * Kong's edge-facing keys: its proxy certificate (`kong.tls`), the plain-HTTP listener and how the proxy
 * Service treats client addresses. They extend the `kong` block (schema.ts spreads KONG_EDGE_SHAPE).
 */

/** The Kong proxy's private key lives under its own secret config key (pulumi config set --secret). */
export const KONG_TLS_SECRET_KEYS = { privateKey: "kongTlsPrivateKey" } as const;

const pem = (what: string) =>
  z
    .string({ error: expected(`${what} in PEM (-----BEGIN CERTIFICATE-----)`) })
    .refine((v) => v.includes("-----BEGIN CERTIFICATE-----"), { error: expected(`${what} in PEM (-----BEGIN CERTIFICATE-----)`) });

export const kongTlsSchema = strictObject({
  secretName: slug("a Kubernetes secret name")
    .optional()
    .describe(
      "An existing kubernetes.io/tls Secret in Kong's namespace that holds Kong's proxy certificate and key. " +
        "Use it when cert-manager or another process owns the certificate; the plan cannot check its names then.",
    ),
  certificate: pem("Kong's proxy certificate (chain)")
    .optional()
    .describe(
      "Kong's proxy certificate in PEM (public; leaf first, then intermediates). The stack creates the Secret from it and " +
        "the private key under the secret config key kongTlsPrivateKey; its names must cover kong.hostnames and f5.kongTls.serverName.",
    ),
  caCertificate: pem("the CA certificate that issued Kong's certificate")
    .optional()
    .describe(
      "The CA certificate (PEM) that issued kong.tls.certificate. With an F5 in AS3 mode the BIG-IP trusts exactly this CA " +
        "(an AS3 CA_Bundle) when it verifies Kong; absent, f5.kongTls.trustCa names a bundle already on the BIG-IP.",
    ),
}).describe(
  "Kong's proxy server certificate: secretName (an existing Secret) or certificate + the secret key kongTlsPrivateKey. " +
    "Without it Kong serves a self-signed certificate it generates at start-up, which no client or BIG-IP can verify.",
);

export const KONG_EDGE_SHAPE = {
  tls: kongTlsSchema.optional(),
  proxyHttp: oneOf(["off", "redirect"] as const)
    .default("off")
    .describe(
      'Kong\'s plain-HTTP proxy listener (port 80 → 8000). "off" (default): TLS only. "redirect": open it and answer every ' +
        "request with a 308 to https; a client that sends a token over it has already sent it in clear, so the policy pack refuses it unless allowed.",
    ),
  proxyExternalTrafficPolicy: oneOf(["Local", "Cluster"] as const)
    .optional()
    .describe(
      "externalTrafficPolicy of a LoadBalancer or NodePort proxy Service. Default: Local when a route admits only edge addresses " +
        "(ip-restriction needs the real peer; Cluster would SNAT it to a node address), else Kubernetes' default Cluster.",
    ),
};

export type KongTlsConfig = z.output<typeof kongTlsSchema>;

export interface KongEdgeReferenceInput {
  readonly kong: { readonly hostnames: readonly string[]; readonly proxyServiceType: string; readonly tls?: KongTlsConfig };
  readonly f5?: {
    readonly enabled: boolean;
    readonly mode: string;
    readonly kongTls: { readonly serverName?: string | undefined };
    readonly poolMembers?: { readonly addresses?: readonly string[] | undefined; readonly port: number } | undefined;
  };
  readonly [key: string]: unknown;
}

/** Kubernetes' NodePort range (kube-apiserver --service-node-port-range default). */
export const NODE_PORT_RANGE = [30000, 32767] as const;

/** Checks of kong.tls against the host names Kong serves and the name the BIG-IP verifies, at `now`. */
export function kongEdgeCrossReferences(
  c: KongEdgeReferenceInput,
  fail: (path: (string | number)[], message: string) => void,
  now: Date,
): void {
  const tls = c.kong.tls;
  const key = c[KONG_TLS_SECRET_KEYS.privateKey];
  if (tls) {
    if ((tls.secretName === undefined) === (tls.certificate === undefined)) {
      fail(["kong", "tls"], "expected exactly one of secretName (an existing kubernetes.io/tls Secret) or certificate (PEM)");
    }
    if (tls.certificate !== undefined && key === undefined) {
      fail([KONG_TLS_SECRET_KEYS.privateKey], `missing; kong.tls.certificate needs its private key: pulumi config set --secret ${KONG_TLS_SECRET_KEYS.privateKey} < tls.key`);
    }
    if (tls.caCertificate !== undefined && tls.certificate === undefined) {
      fail(["kong", "tls", "caCertificate"], "only checked and used with kong.tls.certificate; set the certificate or remove caCertificate");
    }
  } else if (key !== undefined) {
    fail([KONG_TLS_SECRET_KEYS.privateKey], "is set but kong.tls.certificate is not; add the certificate or remove the key");
  }
  if (tls?.certificate !== undefined) certificateChecks(c, tls.certificate, tls.caCertificate, fail, now);

  const f5 = c.f5?.enabled ? c.f5 : undefined;
  const members = f5?.mode === "as3" ? f5.poolMembers : undefined;
  if (members?.addresses && c.kong.proxyServiceType === "NodePort") {
    const [low, high] = NODE_PORT_RANGE;
    if (members.port < low || members.port > high) {
      fail(
        ["f5", "poolMembers", "port"],
        `expected Kong's TLS NodePort (${low}-${high}) because kong.proxyServiceType is NodePort and the pool lists node addresses, got ${members.port}`,
      );
    }
  }
}

function certificateChecks(
  c: KongEdgeReferenceInput,
  certificate: string,
  caCertificate: string | undefined,
  fail: (path: (string | number)[], message: string) => void,
  now: Date,
): void {
  const at = ["kong", "tls", "certificate"];
  let leaf;
  try {
    leaf = parseCertificates(certificate)[0]!;
  } catch (e) {
    fail(at, `expected a PEM certificate node can read: ${(e as Error).message}`);
    return;
  }
  const validity = validityProblem(leaf, now);
  if (validity) fail(at, `${validity}; renew it (a client refuses an expired certificate)`);
  c.kong.hostnames.forEach((host, i) => {
    if (!coversName(leaf, host)) fail(at, `does not cover kong.hostnames[${i}] ${JSON.stringify(host)} (its names: ${namesOf(leaf)}); issue it with that name`);
  });
  const f5 = c.f5?.enabled ? c.f5 : undefined;
  const serverName = f5?.kongTls.serverName;
  if (serverName !== undefined && uncoveredNames(leaf, [serverName]).length > 0) {
    fail(at, `does not cover f5.kongTls.serverName ${JSON.stringify(serverName)}, the name the BIG-IP verifies (its names: ${namesOf(leaf)}); change one of the two`);
  }
  if (caCertificate !== undefined) {
    let ca;
    try {
      ca = parseCertificates(caCertificate)[0]!;
    } catch (e) {
      fail(["kong", "tls", "caCertificate"], `expected a PEM certificate node can read: ${(e as Error).message}`);
      return;
    }
    if (!issuedBy(leaf, ca)) {
      fail(["kong", "tls", "caCertificate"], `did not issue kong.tls.certificate (issuer ${JSON.stringify(leaf.issuer.replace(/\n/g, ", "))}); give the CA that signed it`);
    }
    const caValidity = validityProblem(ca, now);
    if (caValidity) fail(["kong", "tls", "caCertificate"], `${caValidity}; renew the CA`);
  }
}

const namesOf = (cert: { subjectAltName?: string | undefined }) => cert.subjectAltName ?? "none";
