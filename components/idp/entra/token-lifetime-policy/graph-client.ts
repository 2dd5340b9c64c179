import { createRestClient, type RestClient, type RetryPolicy } from "../../../shared/http";

/**
 * A Microsoft Graph client authenticated with the client-credentials grant
 * (`POST {login}/{tenant}/oauth2/v2.0/token`, scope `https://graph.microsoft.com/.default`), built on the shared
 * REST client: timeouts, retries on 408/429/5xx honouring Retry-After, one re-authentication on 401, and
 * errors with the client secret and the access token redacted.
 */
export const GRAPH_BASE_URL = "https://graph.microsoft.com";
export const LOGIN_BASE_URL = "https://login.microsoftonline.com";
export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

export interface GraphCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

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

/**
 * Where the credentials come from: the environment of the process that runs the provider (`pulumi up` passes
 * its own). `KIS_GRAPH_CLIENT_ID` / `KIS_GRAPH_CLIENT_SECRET`, else the azuread provider's service-principal
 * variables `ARM_CLIENT_ID` / `ARM_CLIENT_SECRET`. The values never enter the Pulumi state.
 */
export function graphCredentialsFromEnv(env: Readonly<Record<string, string | undefined>>): GraphCredentials {
  const clientId = env["KIS_GRAPH_CLIENT_ID"] || env["ARM_CLIENT_ID"];
  const clientSecret = env["KIS_GRAPH_CLIENT_SECRET"] || env["ARM_CLIENT_SECRET"];
  if (!clientId || !clientSecret) {
    throw new Error(
      "Microsoft Graph credentials are missing: set KIS_GRAPH_CLIENT_ID and KIS_GRAPH_CLIENT_SECRET (or ARM_CLIENT_ID and " +
        "ARM_CLIENT_SECRET) for an application with the Graph permissions Policy.ReadWrite.ApplicationConfiguration and " +
        "Application.ReadWrite.All",
    );
  }
  return { clientId, clientSecret };
}

export function createGraphClient(options: GraphClientOptions): RestClient {
  const { credentials, tenantId } = options;
  let token: { value: string; expiresAt: number } | undefined;
  const secrets = () => [credentials.clientSecret, ...(token ? [token.value] : [])];
  const common = { retry: options.retry, timeoutMs: options.timeoutMs, sleep: options.sleep, log: options.log, secrets };

  const login = createRestClient({ ...common, baseUrl: options.loginBaseUrl ?? LOGIN_BASE_URL, service: "Microsoft Entra sign-in" });
  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now() + 60_000) return token.value;
    const response = await login.request<{ access_token?: string; expires_in?: number | string }>({
      method: "POST",
      path: `/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
      form: {
        grant_type: "client_credentials",
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
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
