import type { ResourceValidationPolicy } from "@pulumi/policy";
import { text } from "./props";
import { validateSignInRoutes, type SignInProblem } from "./sign-in-configs";

/**
 * session-cookie-secure: a Kong session cookie is a bearer credential for the whole session, and the
 * authorization cookie carries state, nonce and the PKCE verifier. Both must be Secure (never sent over
 * http), HttpOnly (no script can read them) and SameSite Lax or Strict (not sent on cross-site subrequests).
 * Kong leaves `*_cookie_secure` unset by default, so it must be set explicitly.
 */
export const sessionCookieSecure: ResourceValidationPolicy = {
  name: "session-cookie-secure",
  description: "Kong openid-connect session and authorization cookies are Secure, HttpOnly and SameSite=Lax (or Strict).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps: "Let the stack generate sign-in routes (routes[].signIn): it sets Secure, HttpOnly and SameSite=Lax on both cookies.",
  validateResource: validateSignInRoutes(({ config }) => {
    const found: SignInProblem[] = [];
    for (const cookie of ["session", "authorization"] as const) {
      const key = (flag: string) => `${cookie}_cookie_${flag}`;
      if (config[key("secure")] !== true) {
        found.push({ problem: `${key("secure")} is not true, so the ${cookie} cookie may travel over plain http`, fix: `set ${key("secure")}: true` });
      }
      if (config[key("http_only")] === false) {
        found.push({ problem: `${key("http_only")} is false, so scripts on the page can read the ${cookie} cookie`, fix: `set ${key("http_only")}: true` });
      }
      const sameSite = text(config[key("same_site")]);
      // Kong's defaults: Lax for the session cookie, "Default" (the browser decides) for the authorization cookie.
      const effective = sameSite ?? (cookie === "session" ? "Lax" : "Default");
      if (effective !== "Lax" && effective !== "Strict") {
        found.push({
          problem: `${key("same_site")} is ${JSON.stringify(effective)}, so the ${cookie} cookie accompanies cross-site requests`,
          fix: `set ${key("same_site")}: Lax (Strict would drop the cookie on the IdP's redirect back)`,
        });
      }
    }
    return found;
  }, "openid-connect "),
};
