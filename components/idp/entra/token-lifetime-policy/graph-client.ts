import { createRestClient, type RestClient, type RetryPolicy } from "../../../shared/http";

/**
 * A Microsoft Graph client authenticated with the client-credentials grant (a secret or a federated client assertion)
 * (`POST {login}/{tenant}/oauth2/v2.0/token`, scope `https://graph.microsoft.com/.default`), built on the shared
 * REST client: timeouts, retries on 408/429/5xx honouring Retry-After, one re-authentication on 401, and
 * errors with the client secret and the access token redacted.
 */
export const GRAPH_BASE_URL = "https://graph.microsoft.com";
export const LOGIN_BASE_URL = "https://login.microsoftonline.com";
export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

/**
 * How the provider signs in to Entra: a client secret, or (workload identity federation, no secret anywhere) a
 * client assertion: a token another issuer (GitHub Actions' OIDC, AKS workload identity) signed for
 * `api://AzureADTokenExchange`, which Entra trusts through the app's federated credential.
 */
export type GraphCredentials =
  | { readonly clientId: string; readonly clientSecret: string }
  | { readonly clientId: string; readonly clientAssertion: () => Promise<string>; readonly assertionSource: string };

/** The audience Entra requires of a federated token. */
export const FEDERATED_TOKEN_AUDIENCE = "api://AzureADTokenExchange";

export interface GraphClientOptions {
  readonly tenantId: string;
  readonly credentials: GraphCredentials;
  readonly graphBaseUrl?: string;
  readonly loginBaseUrl?: string;
  readonly retry?: Partial<RetryPolicy>;
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log?: (line: string) => void;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the credentials come from: the environment of the process that runs the provider (`pulumi up` passes
 * its own), as the azuread provider reads it. The client id: `KIS_GRAPH_CLIENT_ID`, else `ARM_CLIENT_ID`. Then, first
 * found: a client secret (`KIS_GRAPH_CLIENT_SECRET`, `ARM_CLIENT_SECRET`); a federated token given as such
 * (`ARM_OIDC_TOKEN`) or in a file (`AZURE_FEDERATED_TOKEN_FILE`, AKS); or GitHub Actions' OIDC token, requested for
 * Entra's audience (`ACTIONS_ID_TOKEN_REQUEST_URL`/`_TOKEN`, present with `permissions: id-token: write`, or the
 * `ARM_OIDC_REQUEST_URL`/`_TOKEN` overrides). The values never enter the Pulumi state.
 */
export function graphCredentialsFromEnv(env: Env, readText: (path: string) => string = readFileText): GraphCredentials {
  const clientId = env["KIS_GRAPH_CLIENT_ID"] || env["ARM_CLIENT_ID"];
  const clientSecret = env["KIS_GRAPH_CLIENT_SECRET"] || env["ARM_CLIENT_SECRET"];
  if (clientId && clientSecret) return { clientId, clientSecret };
  const oidcToken = env["ARM_OIDC_TOKEN"];
  const tokenFile = env["AZURE_FEDERATED_TOKEN_FILE"] || env["ARM_OIDC_TOKEN_FILE_PATH"];
  const requestUrl = env["ARM_OIDC_REQUEST_URL"] || env["ACTIONS_ID_TOKEN_REQUEST_URL"];
  const requestToken = env["ARM_OIDC_REQUEST_TOKEN"] || env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"];
  if (clientId && oidcToken) return { clientId, clientAssertion: async () => oidcToken, assertionSource: "ARM_OIDC_TOKEN" };
  // Read at each sign-in: the kubelet rotates the projected token file.
  if (clientId && tokenFile) return { clientId, clientAssertion: async () => readText(tokenFile).trim(), assertionSource: `the federated token file ${tokenFile}` };
  if (clientId && requestUrl && requestToken) {
    return { clientId, clientAssertion: () => gitHubOidcToken(requestUrl, requestToken), assertionSource: "GitHub Actions' OIDC token" };
  }
  throw new Error(
    "Microsoft Graph credentials are missing: set ARM_CLIENT_ID (or KIS_GRAPH_CLIENT_ID) and either a federated token (GitHub Actions " +
      "with permissions id-token: write, ARM_OIDC_TOKEN or AZURE_FEDERATED_TOKEN_FILE; the app needs a federated credential for it) or " +
      "ARM_CLIENT_SECRET, for an application with the Graph permissions Policy.ReadWrite.ApplicationConfiguration and Application.ReadWrite.All",
  );
}

function readFileText(path: string): string {
  // Lazy: the provider's module is serialized into the state by Pulumi; keep node:fs out of its top level.
  return (require("node:fs") as typeof import("node:fs")).readFileSync(path, "utf8");
}

/** GitHub's token endpoint: GET <url>&audience=..., `Authorization: bearer <request token>`, answers `{ value }`. */
async function gitHubOidcToken(requestUrl: string, requestToken: string): Promise<string> {
  const url = new URL(requestUrl);
  url.searchParams.set("audience", FEDERATED_TOKEN_AUDIENCE);
  const github = createRestClient({ baseUrl: url.origin, service: "GitHub Actions OIDC", secrets: () => [requestToken] });
  const response = await github.request<{ value?: string }>({
    method: "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { authorization: `bearer ${requestToken}` },
    anonymous: true,
  });
  if (typeof response.body.value !== "string" || response.body.value === "") throw new Error("GitHub Actions' OIDC endpoint answered without a token");
  return response.body.value;
}

export function createGraphClient(options: GraphClientOptions): RestClient {
  const { credentials, tenantId } = options;
  let token: { value: string; expiresAt: number } | undefined;
  let assertion: string | undefined;
  const secrets = () => ["clientSecret" in credentials ? credentials.clientSecret : (assertion ?? ""), ...(token ? [token.value] : [])].filter((s) => s !== "");
  const common = { retry: options.retry, timeoutMs: options.timeoutMs, sleep: options.sleep, log: options.log, secrets };

  const login = createRestClient({ ...common, baseUrl: options.loginBaseUrl ?? LOGIN_BASE_URL, service: "Microsoft Entra sign-in" });
  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now() + 60_000) return token.value;
    // A federated token is short-lived (GitHub's: minutes): fetch one for each sign-in.
    if ("clientAssertion" in credentials) assertion = await credentials.clientAssertion();
    const proof: Record<string, string> =
      "clientSecret" in credentials
        ? { client_secret: credentials.clientSecret }
        : { client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: assertion! };
    const response = await login.request<{ access_token?: string; expires_in?: number | string }>({
      method: "POST",
      path: `/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
      form: {
        grant_type: "client_credentials",
        client_id: credentials.clientId,
        ...proof,
        scope: GRAPH_SCOPE,
      },
      anonymous: true,
    });
    const value = response.body.access_token;
    if (typeof value !== "string" || value.length === 0) throw new Error("Microsoft Entra sign-in answered without an access_token");
    token = { value, expiresAt: Date.now() + Number(response.body.expires_in ?? 3600) * 1000 };
    return value;
  }

  return createRestClient({
    ...common,
    baseUrl: options.graphBaseUrl ?? GRAPH_BASE_URL,
    service: "Microsoft Graph",
    authHeaders: async () => ({ authorization: `Bearer ${await accessToken()}` }),
    onUnauthorized: () => {
      token = undefined;
    },
  });
}
