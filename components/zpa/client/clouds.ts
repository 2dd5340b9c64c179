import type { ZpaConnection } from "./connection";

/** Legacy API hosts per cloud (VENDOR-FACTS.md; zscaler-sdk-go `zscaler/zpa/config.go`). */
export const ZPA_CLOUD_BASE_URLS = {
  PRODUCTION: "https://config.private.zscaler.com",
  ZPATWO: "https://config.zpatwo.net",
  BETA: "https://config.zpabeta.net",
  GOV: "https://config.zpagov.net",
  GOVUS: "https://config.zpagov.us",
  PREVIEW: "https://config.zpapreview.net",
} as const satisfies Readonly<Record<string, string>>;
/** The ZPA clouds with a documented legacy API host: the names the zpa cloud setting accepts. */
export type ZpaCloudName = keyof typeof ZPA_CLOUD_BASE_URLS;
export const ZPA_CLOUD_NAMES = Object.keys(ZPA_CLOUD_BASE_URLS) as ZpaCloudName[];

/** OneAPI: one gateway host for all products; ZPA's paths sit under `/zpa`. */
export const ONEAPI_BASE_URL = "https://api.zsapi.net";
export const ONEAPI_PATH_PREFIX = "/zpa";
export const ONEAPI_AUDIENCE = "https://api.zscaler.com";
export const LEGACY_SIGNIN_PATH = "/signin";
export const ONEAPI_TOKEN_PATH = "/oauth2/v1/token";

export const oneApiTokenUrl = (vanityDomain: string): string => `https://${vanityDomain}.zslogin.net${ONEAPI_TOKEN_PATH}`;

export type ZpaAuthEndpoint =
  | { readonly kind: "legacy"; readonly baseUrl: string; readonly path: string }
  | { readonly kind: "oneapi"; readonly baseUrl: string; readonly path: string };

export interface ZpaEndpoints {
  /** Host every API path is relative to. */
  readonly apiBaseUrl: string;
  /** "" for the legacy API, "/zpa" for OneAPI. */
  readonly pathPrefix: string;
  /** Where tokens come from: `{base}/signin` (legacy) or the ZIdentity token endpoint (OneAPI). */
  readonly auth: ZpaAuthEndpoint;
}

/** Resolves hosts and the path prefix for a connection: the cloud map, OneAPI, or a custom base URL. */
export function zpaEndpoints(connection: ZpaConnection): ZpaEndpoints {
  if (connection.auth === "legacy") {
    const base = trimSlash(connection.baseUrl ?? ZPA_CLOUD_BASE_URLS[connection.cloud]);
    if (!base) throw new Error(`ZPA: unknown cloud ${JSON.stringify(connection.cloud)}; expected one of ${Object.keys(ZPA_CLOUD_BASE_URLS).join(", ")}`);
    return { apiBaseUrl: base, pathPrefix: "", auth: { kind: "legacy", baseUrl: base, path: LEGACY_SIGNIN_PATH } };
  }
  const tokenUrl = connection.tokenUrl ?? (connection.vanityDomain ? oneApiTokenUrl(connection.vanityDomain) : undefined);
  if (!tokenUrl) throw new Error("ZPA: auth oneapi needs zpa.vanityDomain (or zpa.tokenUrl)");
  const token = new URL(tokenUrl);
  return {
    apiBaseUrl: trimSlash(connection.baseUrl ?? ONEAPI_BASE_URL),
    pathPrefix: ONEAPI_PATH_PREFIX,
    auth: { kind: "oneapi", baseUrl: token.origin, path: token.pathname },
  };
}

const trimSlash = (url: string | undefined): string => (url ?? "").replace(/\/+$/, "");
