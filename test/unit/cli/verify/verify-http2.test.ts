import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readVerifyTarget, renderVerify, runVerify } from "../../../../cli/verify";
import { createCa, issueServerCertificate, type Issued } from "../../../support/tls-material";
import { entraContract } from "../../components/kong/fixtures";

/**
 * ping-auth answers 400 to every HTTP/2 request, and Node's HTTP client never offers h2: kis verify asks the
 * edge's TLS listener by ALPN (h2, http/1.1) what it would pick, on stacks whose routes run ping-auth.
 */
let ca: Issued;
const servers: Server[] = [];
const start = async (alpn: string[]) => {
  const leaf = await issueServerCertificate(ca, ["api.example.com"]);
  const server = createServer({ key: leaf.privateKeyPem, cert: leaf.certificatePem, ALPNProtocols: alpn }, (_req, res) => {
    res.writeHead(401).end();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  ca = await createCa("verify-http2 test CA");
});
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
});

const target = (pingAuth: boolean) =>
  readVerifyTarget(
    {
      identityContracts: [entraContract()],
      edgeRoutes: [{ name: "orders-read", hosts: ["api.example.com"], paths: ["/orders"], methods: ["GET"], scopes: ["orders.read"], roles: [], anonymous: false, ...(pingAuth ? { pingAuth: true } : {}) }],
      proxyEndpoint: "https://api.example.com",
      production: false,
    },
    "outputs.json",
  );
const verify = (baseUrl: string, pingAuth = true) =>
  runVerify(target(pingAuth), { baseUrl, expectUnreachable: false, concurrency: 1, timeoutMs: 3000, ca: ca.certificatePem, credentials: {}, now: Math.floor(Date.now() / 1000) });

describe("kis verify: HTTP/2 on ping-auth routes", () => {
  it("an edge that picks h2 (the chart's default listener) is a mismatch naming the ping-auth routes", async () => {
    const report = await verify(await start(["h2", "http/1.1"]));
    expect(report.http2).toEqual({ routes: ["orders-read"], protocol: "h2", ok: false });
    expect(report.mismatches).toBe(1);
    expect(renderVerify(report)).toContain("MISMATCH HTTP/2: the edge picks h2 when a client offers it, so browsers and HTTP/2 clients would get 400 from ping-auth on orders-read");
  });

  it("an HTTP/1.1-only listener (proxy.tls.parameters []) passes", async () => {
    const report = await verify(await start(["http/1.1"]));
    expect(report.http2).toMatchObject({ protocol: "http/1.1", ok: true });
    expect(report.mismatches).toBe(0);
  });

  it("a stack without ping-auth is not asked", async () => {
    const report = await verify(await start(["h2", "http/1.1"]), false);
    expect(report.http2).toBeUndefined();
    expect(report.mismatches).toBe(0);
  });
});
