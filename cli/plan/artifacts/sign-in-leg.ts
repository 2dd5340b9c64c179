import type { PlanDocument } from "../plan-document";

const esc = (text: string) => text.replace(/"/g, "#quot;").replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));

/**
 * The browser sign-in leg of identity.md (Mermaid lines): the browser is sent to the IdP with PKCE, comes back
 * to Kong's callback with a code, Kong redeems it (client secret by reference) and keeps a session cookie.
 * `idp0` and `kong` are the diagram's node ids for the (only) provider and Kong.
 */
export function signInLeg(plan: PlanDocument): string[] {
  const routes = plan.routes.filter((r) => r.signIn);
  if (routes.length === 0) return [];
  const lines = [`  browser["Browser (user)<br/>routes ${esc(routes.map((r) => r.name).join(", "))}"]`];
  for (const r of routes) {
    const s = r.signIn!;
    lines.push(`  browser -- "${esc(`${r.name}: no session → 302 to authorize (code, PKCE S256, client ${s.client})`)}" --> idp0`);
    lines.push(`  idp0 -- "${esc(`302 with code to ${s.redirectUri}`)}" --> kong`);
  }
  lines.push(`  kong -. "code + PKCE verifier → tokens (client_secret by vault reference)" .-> idp0`);
  lines.push(`  kong -- "session cookie (Secure, HttpOnly, SameSite=Lax)" --> browser`);
  return lines;
}
