/**
 * The default callback/logout path of a browser sign-in, under the route's first path. Pure: the config check
 * (is it under the route's paths?) and the sign-in derivation (the URIs Kong and the IdP get) share it.
 */
export const defaultSignInPath = (firstPath: string, leaf: "callback" | "logout"): string =>
  `${firstPath.replace(/\/+$/, "")}/oidc/${leaf}`;
