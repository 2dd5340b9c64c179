import { generateKeyPairSync } from "node:crypto";
import { decodeJwt, importPKCS8, SignJWT } from "jose";
import type { IdentityContract } from "../../components/contract";
import { startStandInServer, type RecordedRequest, type StandInServer } from "./stand-in-server";

/**
 * Loopback stand-ins for `kis verify`: an IdP (discovery document + client-credentials token endpoint that
 * signs real JWTs) and an edge that answers from a fixed table of route × caller → status.
 */

export interface ClientRecord {
  readonly id: string;
  readonly secret: string;
  /** Claims the IdP puts in this client's tokens besides iss, aud, azp, exp, iat, nbf. */
  readonly claims: Record<string, unknown>;
}

export interface IdpStandIn {
  readonly server: StandInServer;
  /** Every access token the stand-in issued (to prove none is printed). */
  readonly issued: string[];
}

export async function startIdpStandIn(contract: () => IdentityContract, clients: readonly ClientRecord[]): Promise<IdpStandIn> {
  const server = await startStandInServer();
  const issued: string[] = [];
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = await importPKCS8(privateKey.export({ type: "pkcs8", format: "pem" }).toString(), "RS256");
  server.route("GET", "/.well-known/openid-configuration", () => ({
    status: 200,
    body: { issuer: contract().issuer, token_endpoint: `${server.url}/oauth2/v2.0/token`, jwks_uri: `${server.url}/keys` },
  }));
  server.route("POST", "/oauth2/v2.0/token", async (req: RecordedRequest) => {
    const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
    const [id, secret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":").map(decodeURIComponent) : [];
    const client = clients.find((c) => c.id === id && c.secret === secret);
    if (req.body?.grant_type !== "client_credentials") return { status: 400, body: { error: "unsupported_grant_type" } };
    if (!client) return { status: 401, body: { error: "invalid_client", error_description: `client ${id} secret ${secret} rejected` } };
    const c = contract();
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...client.claims, azp: client.id, [c.audience!.claim]: c.audience!.values[0], scope_requested: req.body.scope })
      .setProtectedHeader({ alg: "RS256", kid: "stand-in", typ: "JWT" })
      .setIssuer(c.issuer)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 3600)
      .sign(key);
    issued.push(token);
    return { status: 200, body: { access_token: token, token_type: "Bearer", expires_in: 3600 } };
  });
  return { server, issued };
}

/** route key `METHOD /path` → caller (client id, or "none"/"malformed") → status. */
export type EdgeTable = Record<string, Record<string, number>>;

export interface EdgeStandIn {
  readonly server: StandInServer;
  /** Most requests the edge had in flight at once. */
  maxInFlight(): number;
}

export async function startEdgeStandIn(table: () => EdgeTable): Promise<EdgeStandIn> {
  const server = await startStandInServer();
  let inFlight = 0;
  let max = 0;
  for (const key of Object.keys(table())) {
    const [method, path] = key.split(" ");
    server.route(method!, path!, async (req) => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      const auth = String(req.headers.authorization ?? "");
      let caller = "none";
      if (auth) {
        try {
          caller = String(decodeJwt(auth.replace(/^Bearer /, "")).azp);
        } catch {
          caller = "malformed";
        }
      }
      const status = table()[key]![caller] ?? table()[key]!["*"] ?? 500;
      return { status, body: { message: `stand-in edge: ${status}` } };
    });
  }
  return { server, maxInFlight: () => max };
}
