import { PINGACCESS_TYPE_TOKENS } from "../../../components/pingaccess/providers/type-tokens";
import type { PlanDocument } from "../plan-document";

const esc = (text: string) => text.replace(/"/g, "#quot;").replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));

/**
 * The sideband hop in identity.md: Kong asks PingAccess about each request (and response) of the chosen routes
 * before proxying; PingAccess validates the same token against the contract's JWKS. Mermaid lines, or none.
 */
export function pingAccessSidebandLines(plan: PlanDocument): string[] {
  const app = plan.resources.find((r) => r.type === PINGACCESS_TYPE_TOKENS.Application);
  if (!app) return [];
  const client = plan.resources.find((r) => r.type === PINGACCESS_TYPE_TOKENS.SidebandClient)?.inputs ?? {};
  const validator = plan.resources.find((r) => r.type === PINGACCESS_TYPE_TOKENS.AccessTokenValidator)?.inputs ?? {};
  const routes = plan.resources.filter((r) => r.type === PINGACCESS_TYPE_TOKENS.Resource).map((r) => String(r.inputs["route"]));
  return [
    `  pingaccess["PingAccess (sideband)<br/>application ${esc(String(app.inputs["name"]))}"]`,
    `  kong -- "${esc(`ping-auth on ${routes.join(", ")}: POST /sideband/request and /sideband/response, header ${String(client["secretHeaderName"] ?? "?")} (shared secret); fail-closed 500`)}" --> pingaccess`,
    `  pingaccess -. "${esc(`JWKS: ${String(validator["path"] ?? "?")}`)}" .-> idp0`,
  ];
}
