import type { IdentityContract, RouteAuthRequirements } from "../../components/contract";
import { UsageError } from "../errors";

/**
 * What `kis verify` probes, read from a plan (`kis plan` → plan.json) or from a deployed stack's outputs
 * (`pulumi stack output --json`): both carry the stack's exports (edgeRoutes, serviceClients,
 * identityContracts, clientIds, proxyEndpoint). No secret is read from either.
 */
export interface VerifyRoute extends RouteAuthRequirements {
  readonly hosts: readonly string[];
  readonly paths: readonly string[];
  readonly methods: readonly string[];
  /** The route runs ping-auth (PingAccess sideband), which answers 400 to HTTP/2. */
  readonly pingAuth?: boolean;
}

export interface VerifyClient {
  readonly name: string;
  /** The identity provider entry (contract name) the client is registered with. */
  readonly provider: string;
  readonly clientId: string | undefined;
  readonly scopes: readonly string[];
}

export interface VerifyTarget {
  readonly routes: readonly VerifyRoute[];
  readonly contracts: readonly IdentityContract[];
  readonly clients: readonly VerifyClient[];
  /** https://<first host name>: where the edge answers (override with --base-url). */
  readonly proxyEndpoint: string | undefined;
  /**
   * A production stack gets no write probe unless asked: plan.json's `production`, or the output `production`;
   * a target that says neither is treated as production (older outputs).
   */
  readonly production: boolean;
  readonly stack?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export function readVerifyTarget(doc: unknown, source: string): VerifyTarget {
  if (!isObject(doc)) throw new UsageError(`${source}: expected a kis plan (plan.json) or \`pulumi stack output --json\``);
  const outputs = doc["kind"] === "kis-plan" && isObject(doc["outputs"]) ? (doc["outputs"] as Json) : doc;
  const rawRoutes = Array.isArray(outputs["edgeRoutes"]) ? outputs["edgeRoutes"] : doc["kind"] === "kis-plan" ? doc["routes"] : undefined;
  if (!Array.isArray(rawRoutes) || rawRoutes.length === 0) {
    throw new UsageError(`${source}: no routes (output edgeRoutes); plan or deploy the stack with this version of the program first`);
  }
  const contracts = (Array.isArray(outputs["identityContracts"]) ? outputs["identityContracts"] : (doc["identityContracts"] ?? [])) as IdentityContract[];
  if (!Array.isArray(contracts) || contracts.length === 0) throw new UsageError(`${source}: no identity contracts (output identityContracts)`);
  const routes: VerifyRoute[] = rawRoutes.filter(isObject).map((r) => ({
    name: String(r["name"]),
    hosts: strings(r["hosts"]),
    paths: strings(r["paths"]),
    methods: strings(r["methods"]),
    scopes: strings(r["scopes"]),
    roles: strings(r["roles"]),
    anonymous: r["anonymous"] === true,
    ...(r["pingAuth"] === true ? { pingAuth: true } : {}),
  }));
  const ids = isObject(outputs["clientIds"]) ? (outputs["clientIds"] as Json) : {};
  const grants = Array.isArray(outputs["serviceClients"]) ? outputs["serviceClients"].filter(isObject) : [];
  const clients: VerifyClient[] = contracts.flatMap((c) =>
    grants.map((g) => ({
      name: String(g["name"]),
      provider: c.name,
      clientId: isObject(ids[c.name]) ? (ids[c.name] as Json)[String(g["name"])] as string | undefined : undefined,
      scopes: strings(g["scopes"]),
    })),
  );
  const production = typeof doc["production"] === "boolean" && doc["kind"] === "kis-plan" ? doc["production"] : typeof outputs["production"] === "boolean" ? outputs["production"] : true;
  const stack = doc["kind"] === "kis-plan" && typeof doc["stack"] === "string" ? doc["stack"] : typeof outputs["environment"] === "string" ? outputs["environment"] : undefined;
  return {
    routes,
    contracts,
    clients,
    proxyEndpoint: typeof outputs["proxyEndpoint"] === "string" ? outputs["proxyEndpoint"] : undefined,
    production,
    ...(stack ? { stack } : {}),
  };
}

/** The environment variables a client's credentials are read from: KIS_VERIFY_<CLIENT>_ID / _SECRET. */
export function credentialEnv(client: string): { id: string; secret: string } {
  const base = `KIS_VERIFY_${client.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
  return { id: `${base}_ID`, secret: `${base}_SECRET` };
}
