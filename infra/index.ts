/**
 * The Pulumi program: `pulumi up --stack <env>` runs it under the engine; `kis plan` runs the same file
 * under Pulumi's mocks. Config is validated before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { IdentityEdge } from "../components/identity-edge";
import { describeLogDestinations } from "../components/observability";
import { readStackConfig } from "./config";
import { programClock } from "./clock";
import { clusterProvider } from "./cluster";
import { readStackSecrets } from "./secrets";
import { identityEdgeArgs } from "./wire";

const config = readStackConfig();
// The stack file is mapped to the components' Args in one place (wire.ts); secrets are read in one place (secrets.ts).
// The stack's own cluster (its stack file names it), never the deploying machine's current context.
const cluster = clusterProvider(config);
const edge = new IdentityEdge(config.environment, identityEdgeArgs(config, readStackSecrets(config), programClock()), cluster ? { providers: [cluster] } : undefined);

const primary = edge.contracts.apply((contracts) => contracts[0]!);

/** Every trusted IdP's contract (two during a cut-over); no secrets in it. */
export const identityContracts = edge.contracts;
export const issuer = primary.issuer;
/** What callers must request a token for: the audience, or (Cognito) the allowed client ids. */
export const audience = primary.apply((c) => (c.audience ?? c.clients).values);
export const proxyEndpoint = edge.gateway.proxyEndpoint;
export const kongConfigChecksum = edge.gateway.configChecksum;
/** Checks the chosen Kong edition cannot make (all of them for OSS): said plainly rather than assumed. */
export const kongLimitations = edge.gateway.limitations;
export const clientIds = edge.clientIds;
/** What each route requires of a token (scopes, roles, anonymous): `kis explain-token --outputs` judges real tokens with it. */
export const routeRules = config.routes.map((r) => ({ name: r.name, scopes: r.scopes, roles: r.roles, anonymous: r.anonymous }));
/** Secret: `pulumi stack output clientSecrets --show-secrets` reveals it to those allowed to. */
export const clientSecrets = pulumi.secret(edge.clientSecrets);
/** The F5 BIG-IP edge (absent without `f5`): virtual server, TLS, header hygiene, the identity headers Kong trusts and from where. */
// null, not undefined, without an F5: the engine warns about every undefined stack output on each preview and up.
export const f5Edge = edge.f5?.summary ?? null;
/** The name clients use to reach the API edge; a ZPA application segment for the API should use it too. */
export const edgeFqdn = edge.f5?.fqdn ?? null;
/** What `kis verify` probes: each route's hosts, paths, methods and requirements (no secrets). */
const pingAuthRoutes = new Set(
  config.pingaccess?.enabled ? (config.pingaccess.routes ?? config.routes.filter((r) => !r.anonymous).map((r) => r.name)) : [],
);
export const edgeRoutes = config.routes.map((r) => ({
  name: r.name,
  hosts: r.hosts ?? config.kong.hostnames,
  paths: r.paths,
  methods: r.methods ?? [],
  scopes: r.scopes,
  roles: r.roles,
  anonymous: r.anonymous,
  // ping-auth answers 400 to HTTP/2: kis verify checks the edge does not offer h2 where a route runs it.
  ...(pingAuthRoutes.has(r.name) ? { pingAuth: true } : {}),
}));
/** The service clients' grants, for `kis verify` (their ids are in clientIds, their secrets only in clientSecrets). */
export const serviceClients = config.identity.clients
  .filter((c) => c.kind === "service")
  .map((c) => ({ name: c.name, scopes: c.scopes, groups: c.groups }));
/** Where each hop writes its logs, traces and metrics (kis plan shows it; kis trace reads those logs). */
export const logDestinations = describeLogDestinations(config);
/** The stack's environment and whether it is production: `kis verify` sends no write probe to production unless asked. */
export const environment = config.environment;
export const production = config.production;
