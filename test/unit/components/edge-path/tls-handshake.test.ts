import { createServer, connect, type Server, type TLSSocket } from "node:tls";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildAs3Declaration } from "../../../../components/f5/as3/declaration";
import { resolveF5Settings } from "../../../../components/f5/settings";
import { parseStackConfig, type StackConfig } from "../../../../infra/config";
import { exampleStackRaw } from "../../../support/example-stacks";
import { createCa, issueServerCertificate, type Issued } from "../../../support/tls-material";

/**
 * A real TLS handshake on loopback for the BIG-IP → Kong hop: the server holds the certificate and key the stack
 * configures for Kong (kong.tls.certificate + kongTlsPrivateKey); the client uses exactly the serverName and the CA
 * bundle the generated AS3 declaration tells the BIG-IP to use (TLS_Client serverName, trustCA → CA_Bundle).
 * node's TLS client stands in for the BIG-IP's server-side SSL profile (both verify chain and host name).
 */

let ca: Issued;
let kongCert: Issued;
let otherCa: Issued;
let servers: Server[] = [];

beforeAll(async () => {
  ca = await createCa("handshake test CA");
  kongCert = await issueServerCertificate(ca, ["api.dev.example.com"]);
  otherCa = await createCa("some other CA");
}, 30_000);

afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

/** f5-dev with Kong's certificate, key and CA replaced by test material. */
function f5DevWith(cert: Issued, caPem: string, serverName?: string): StackConfig {
  const raw = exampleStackRaw("f5-dev");
  raw["kong"].tls = { certificate: cert.certificatePem, caCertificate: caPem };
  raw["kongTlsPrivateKey"] = cert.privateKeyPem;
  if (serverName) raw["f5"].kongTls = { serverName };
  return parseStackConfig(raw);
}

/** What the AS3 declaration tells the BIG-IP: the server name to send and verify, and the CA bundle to trust. */
function bigIpSideOf(config: StackConfig): { serverName: string; ca: string } {
  const settings = resolveF5Settings({ f5: config.f5!, kong: config.kong, routes: config.routes, environment: config.environment });
  const declaration = buildAs3Declaration(settings, { certificate: "[secret]", privateKey: "[secret]" }) as Record<string, any>;
  const app = declaration[settings.tenant].kong_edge;
  const client = app.kong_tls;
  expect(client.validateCertificate).toBe(true);
  return { serverName: client.serverName, ca: app[client.trustCA.use].bundle };
}

async function kongServer(cert: string, key: string): Promise<number> {
  const server = createServer({ cert, key }, (socket) => socket.end("HTTP/1.1 404 Not Found\r\n\r\n"));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

function handshake(port: number, serverName: string, caPem: string): Promise<{ ok: true; subject: string } | { ok: false; code: string }> {
  return new Promise((resolve) => {
    const socket: TLSSocket = connect({ host: "127.0.0.1", port, servername: serverName, ca: caPem, minVersion: "TLSv1.2" }, () => {
      const subject = socket.getPeerCertificate().subject?.CN ?? "";
      socket.end();
      resolve({ ok: true, subject });
    });
    socket.on("error", (e: NodeJS.ErrnoException) => resolve({ ok: false, code: e.code ?? e.message }));
  });
}

describe("BIG-IP → Kong TLS handshake with what the stack generates", () => {
  it("succeeds with the AS3 serverName and CA bundle against Kong's configured certificate and key", async () => {
    const config = f5DevWith(kongCert, ca.certificatePem);
    const bigIp = bigIpSideOf(config);
    expect(bigIp).toEqual({ serverName: "api.dev.example.com", ca: ca.certificatePem });
    const port = await kongServer(config.kong.tls!.certificate!, kongCert.privateKeyPem);
    expect(await handshake(port, bigIp.serverName, bigIp.ca)).toEqual({ ok: true, subject: "api.dev.example.com" });
  });

  it("fails when the name the BIG-IP verifies is not in Kong's certificate", async () => {
    const config = f5DevWith(kongCert, ca.certificatePem);
    const bigIp = bigIpSideOf(config);
    const port = await kongServer(kongCert.certificatePem, kongCert.privateKeyPem);
    expect(await handshake(port, "kong.internal.example.com", bigIp.ca)).toEqual({ ok: false, code: "ERR_TLS_CERT_ALTNAME_INVALID" });
  });

  it("fails when the CA the BIG-IP trusts did not issue Kong's certificate", async () => {
    const config = f5DevWith(kongCert, ca.certificatePem);
    const bigIp = bigIpSideOf(config);
    const port = await kongServer(kongCert.certificatePem, kongCert.privateKeyPem);
    expect(await handshake(port, bigIp.serverName, otherCa.certificatePem)).toEqual({ ok: false, code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
  });

  it("fails against Kong's fallback: a self-signed certificate (what Kong serves without kong.tls)", async () => {
    const selfSigned = await createCa("localhost");
    const bigIp = bigIpSideOf(f5DevWith(kongCert, ca.certificatePem));
    const port = await kongServer(selfSigned.certificatePem, selfSigned.privateKeyPem);
    const result = await handshake(port, bigIp.serverName, bigIp.ca);
    expect(result.ok).toBe(false);
  });

  it("the config refuses the mismatches before any handshake: wrong server name, wrong CA", async () => {
    expect(() => f5DevWith(kongCert, ca.certificatePem, "kong.internal.example.com")).toThrow(/does not cover f5\.kongTls\.serverName "kong\.internal\.example\.com"/);
    expect(() => f5DevWith(kongCert, otherCa.certificatePem)).toThrow(/kong\.tls\.caCertificate: did not issue kong\.tls\.certificate/);
  });
});
