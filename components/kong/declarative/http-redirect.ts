import type { KongDeclarativeConfig } from "./types";

/** 308 keeps the method and body; the client repeats the request over https. */
export const HTTPS_REDIRECT_STATUS = 308;

/**
 * With Kong's plain-HTTP listener open (kong.proxyHttp: redirect), every https-only route answers http with a
 * redirect instead of Kong's default 426 (Kong router: `https_redirect_status_code`). Either way a client that
 * already sent a bearer token over http has leaked it; the listener stays off unless asked for. Pure.
 */
export function applyHttpRedirect(config: KongDeclarativeConfig, proxyHttp: "off" | "redirect"): KongDeclarativeConfig {
  if (proxyHttp !== "redirect") return config;
  return {
    ...config,
    services: config.services.map((s) => ({ ...s, routes: s.routes.map((r) => ({ ...r, https_redirect_status_code: HTTPS_REDIRECT_STATUS })) })),
  };
}
