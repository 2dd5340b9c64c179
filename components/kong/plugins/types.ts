/**
 * Typed `config` blocks of the Kong plugins the stack emits. Every field name and enum value here exists in
 * Kong Gateway's plugin schemas (`../shared/schemas/kong/plugins/3.15/<Plugin>.json`, `properties.config`);
 * the conformance tests validate the generated configs against those files.
 */

export interface OpenidConnectConfig {
  /** Discovery document URL; the plugin finds the JWKS through it and re-discovers on an unknown `kid`. */
  readonly issuer: string;
  readonly issuers_allowed: readonly string[];
  readonly extra_jwks_uris?: readonly string[];
  /** ["bearer"] for API routes; authorization_code + session (+ bearer) for browser sign-in routes. */
  readonly auth_methods: readonly OidcAuthMethod[];
  readonly bearer_token_param_type: readonly ["header"];
  readonly audience_claim: readonly string[];
  /** Alternatives (OR): a token passes when its claim holds one of them. */
  readonly audience_required: readonly string[];
  readonly scopes_claim: readonly string[];
  /** Alternatives (OR) of space-joined scope sets (AND within one string). */
  readonly scopes_required?: readonly string[];
  readonly leeway: number;
  readonly verify_claims: true;
  readonly verify_signature: true;
  /** true only when a contract lists HS* (refused by the policy pack's signing-algorithms rule). */
  readonly enable_hs_signatures: boolean;
  readonly authenticated_groups_claim: readonly string[];
  readonly credential_claim: readonly string[];
  readonly upstream_headers_claims: readonly string[];
  readonly upstream_headers_names: readonly string[];
  readonly cache_ttl: number;
  readonly rediscovery_lifetime: number;
}

export type OidcAuthMethod = "authorization_code" | "session" | "bearer";

/** The fields a browser sign-in route adds (see openid-connect-sign-in.ts). */
export interface OpenidConnectSignInConfig {
  readonly client_id: readonly string[];
  /** Vault references only (`{vault://env/...}`): the policy client-secret-by-reference refuses literals. */
  readonly client_secret: readonly string[];
  readonly client_auth: readonly ["client_secret_basic"];
  readonly redirect_uri: readonly string[];
  readonly scopes: readonly string[];
  readonly require_proof_key_for_code_exchange: true;
  readonly response_mode: "query";
  readonly session_secret: string;
  readonly session_cookie_name: string;
  readonly session_cookie_secure: true;
  readonly session_cookie_http_only: true;
  readonly session_cookie_same_site: "Lax";
  readonly session_absolute_timeout: number;
  readonly session_idling_timeout: number;
  readonly session_rolling_timeout: number;
  readonly authorization_cookie_name: string;
  readonly authorization_cookie_secure: true;
  readonly authorization_cookie_http_only: true;
  readonly authorization_cookie_same_site: "Lax";
  readonly logout_uri_suffix: string;
  readonly logout_methods: readonly ("POST" | "DELETE")[];
  readonly logout_redirect_uri: readonly string[];
  /** After the callback, back to the page first asked for (the default `upstream` proxies the callback path). */
  readonly login_action: "redirect";
  /** No token in the redirect URL (the default `["id_token"]` appends the ID token to the fragment). */
  readonly login_tokens: readonly [];
  /** Refresh the access token with the session's refresh token instead of ending the session at its expiry. */
  readonly refresh_tokens: true;
}

export interface JwtPluginConfig {
  readonly key_claim_name: "kid";
  readonly claims_to_verify: readonly ("exp" | "nbf")[];
  readonly maximum_expiration: number;
  readonly secret_is_base64: false;
  readonly header_names: readonly string[];
  readonly uri_param_names: readonly string[];
  readonly cookie_names: readonly string[];
}

export interface AclConfig {
  readonly allow: readonly string[];
  readonly hide_groups_header: true;
}

export type RateLimitBy = "consumer" | "ip" | "header";

export interface RateLimitingConfig {
  readonly minute: number;
  readonly policy: "local";
  readonly limit_by: RateLimitBy;
  /** limit_by header: the header whose value is the caller (X-Forwarded-For set by the edge). */
  readonly header_name?: string;
}

export interface CorrelationIdConfig {
  readonly header_name: string;
  readonly generator: "uuid" | "uuid#counter" | "tracker";
  readonly echo_downstream: boolean;
}

export interface RequestTransformerConfig {
  readonly remove: { readonly headers: readonly string[] };
}

export interface IpRestrictionConfig {
  readonly allow: readonly string[];
  readonly status: number;
  readonly message: string;
}

/** pingidentity/kong-plugin-ping-auth 1.2.0 (third-party; schema in ../shared/schemas/kong/third-party/ping-auth.json). */
export interface PingAuthConfig {
  readonly service_url: string;
  /** Always a `{vault://env/...}` reference (the field is referenceable); never the secret itself. */
  readonly shared_secret: string;
  readonly secret_header_name: string;
  readonly connection_timeout_ms: number;
  readonly connection_keepAlive_ms: number;
  readonly verify_service_certificate: boolean;
  readonly enable_debug_logging: false;
}

/** `custom_fields_by_lua`: log field (dotted path) -> Lua chunk whose return value sets it; `return nil` removes it. */
export type CustomFieldsByLua = Readonly<Record<string, string>>;

export interface FileLogConfig {
  readonly path: string;
  readonly reopen: false;
  readonly custom_fields_by_lua: CustomFieldsByLua;
}

export interface HttpLogConfig {
  readonly http_endpoint: string;
  readonly method: "POST";
  readonly content_type: "application/json";
  readonly timeout: number;
  readonly keepalive: number;
  readonly custom_fields_by_lua: CustomFieldsByLua;
  readonly queue: { readonly max_batch_size: number; readonly max_coalescing_delay: number; readonly max_entries: number };
}

export interface OpentelemetryConfig {
  readonly traces_endpoint: string;
  readonly propagation: {
    readonly extract: readonly ["w3c"];
    readonly inject: readonly ["w3c"];
    readonly default_format: "w3c";
  };
  readonly sampling_rate: number;
  readonly resource_attributes: Readonly<Record<string, string>>;
}

export interface PrometheusConfig {
  readonly status_code_metrics: true;
  readonly latency_metrics: true;
  readonly bandwidth_metrics: true;
  readonly upstream_health_metrics: boolean;
  readonly per_consumer: boolean;
}

interface PluginOf<N extends string, C> {
  readonly name: N;
  readonly config: C;
  readonly tags: readonly string[];
}

export type KongPlugin =
  | PluginOf<"openid-connect", OpenidConnectConfig | (OpenidConnectConfig & OpenidConnectSignInConfig)>
  | PluginOf<"jwt", JwtPluginConfig>
  | PluginOf<"acl", AclConfig>
  | PluginOf<"rate-limiting", RateLimitingConfig>
  | PluginOf<"correlation-id", CorrelationIdConfig>
  | PluginOf<"request-transformer", RequestTransformerConfig>
  | PluginOf<"ip-restriction", IpRestrictionConfig>
  | PluginOf<"ping-auth", PingAuthConfig>
  | PluginOf<"file-log", FileLogConfig>
  | PluginOf<"http-log", HttpLogConfig>
  | PluginOf<"opentelemetry", OpentelemetryConfig>
  | PluginOf<"prometheus", PrometheusConfig>
  | PluginOf<"pre-function", PreFunctionConfig>;

/** Kong's pre-function: Lua chunks per phase (the stack uses rewrite and log). */
export interface PreFunctionConfig {
  readonly rewrite?: readonly string[];
  readonly log?: readonly string[];
}

export type KongPluginName = KongPlugin["name"];
