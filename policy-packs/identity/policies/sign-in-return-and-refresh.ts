import type { ResourceValidationPolicy } from "@pulumi/policy";
import { strings, text } from "./props";
import { validateSignInRoutes, type SignInProblem } from "./sign-in-configs";
import { quote } from "./violation";

/**
 * sign-in-return-and-refresh: what Kong's openid-connect handler (3.9) does after a browser signs in.
 * - `login_action` other than `redirect`: Kong strips code/state and proxies GET <callback path> to the upstream
 *   (default `upstream`), so the user lands on the callback instead of the page first asked for.
 * - `login_tokens` unset means `["id_token"]`: the ID token is appended to the redirect URL.
 * - `refresh_tokens: false`, or no `offline_access` where the IdP issues refresh tokens only for it (Entra, Okta):
 *   the session ends with a bare 401 when the first access token expires, not at session_absolute_timeout.
 */
export const signInReturnAndRefresh: ResourceValidationPolicy = {
  name: "sign-in-return-and-refresh",
  description:
    "Kong sign-in routes send the browser back to the page it asked for without tokens in the URL (login_action redirect, no login_tokens) and refresh access tokens for the whole session (refresh_tokens, offline_access on Entra and Okta).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps: "Let the stack generate sign-in routes (routes[].signIn) and remove kongOverrides of login_action, login_tokens, refresh_tokens or scopes.",
  validateResource: validateSignInRoutes(({ config }) => {
    const found: SignInProblem[] = [];
    const action = text(config["login_action"]) ?? "upstream";
    if (action !== "redirect") {
      found.push({
        problem: `login_action is ${quote(action)}, so after sign-in Kong does not send the browser back to the page it asked for`,
        fix: "set login_action: redirect",
      });
    }
    const tokens = config["login_tokens"] === undefined ? ["id_token"] : strings(config["login_tokens"]);
    if (tokens.length > 0) {
      found.push({ problem: `login_tokens ${quote(tokens)} puts tokens into the URL the browser is redirected to`, fix: "set login_tokens: [] (empty)" });
    }
    if (config["refresh_tokens"] === false) {
      found.push({ problem: "refresh_tokens is false, so the session ends when the first access token expires", fix: "set refresh_tokens: true" });
    }
    const issuer = text(config["issuer"]) ?? "";
    // Cognito issues a refresh token with every code exchange and does not know offline_access.
    if (!/\/\/cognito-idp\.|\/\/issuer-cognito-idp\./.test(issuer) && !strings(config["scopes"]).includes("offline_access")) {
      found.push({
        problem: "scopes lack offline_access, so Entra and Okta issue no refresh token and the session ends with the first access token",
        fix: "request offline_access (the stack adds it for Entra and Okta)",
      });
    }
    return found;
  }, "openid-connect "),
};
