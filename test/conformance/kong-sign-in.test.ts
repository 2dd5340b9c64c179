import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { IdentityContract } from "../../components/contract";
import { buildDeclarativeConfig, kongBrowserSignIns, serializeKongYaml } from "../../components/kong";
import { browserSignIns } from "../../components/sign-in";
import { exampleStackConfig } from "../support/example-stacks";
import { cognitoContract, entraContract, oktaContract } from "../unit/components/kong/fixtures";
import { pluginsIn, validateKongDeclarative } from "./validators";

/**
 * Browser sign-in routes for each IdP kind: the generated openid-connect config (code flow, PKCE, session,
 * logout, secrets by reference) validates against Kong's 3.15 plugin schema with closed objects, and the
 * whole kong.yml against the declarative schema. Also with acceptBearer and with every field overridden
 * through kongOverrides that the schema knows.
 */
const stack = exampleStackConfig("signin-dev");

function kongYamlFor(contract: IdentityContract, edit: (s: any) => void = () => {}) {
  const cfg = structuredClone(stack);
  edit(cfg.routes[0]!.signIn);
  const config = buildDeclarativeConfig([contract], cfg.routes, {
    edition: "enterprise",
    hostnames: cfg.kong.hostnames,
    environment: cfg.environment,
    signIns: kongBrowserSignIns(browserSignIns(cfg), { "orders-portal": "client-id-of-orders-portal" }),
  });
  return parse(serializeKongYaml(config));
}

describe.each([
  ["entra", entraContract()],
  ["okta", oktaContract()],
  ["cognito", cognitoContract],
] as const)("browser sign-in with %s", (_kind, contract) => {
  it("kong.yml and every plugin validate against Kong's schemas", () => {
    const doc = kongYamlFor(contract);
    expect(validateKongDeclarative(doc)).toEqual([]);
    const oidc = pluginsIn(doc).filter((p) => p.plugin.name === "openid-connect");
    expect(oidc.map((p) => (p.plugin.config as any).auth_methods)).toContainEqual(["authorization_code", "session"]);
  });

  it("with bearer tokens accepted too, and with kongOverrides", () => {
    expect(validateKongDeclarative(kongYamlFor(contract, (s) => (s.acceptBearer = true)))).toEqual([]);
    const overridden = kongYamlFor(contract, (s) => (s.kongOverrides = { session_remember: true, preserve_query_args: true, session_storage: "cookie" }));
    expect(validateKongDeclarative(overridden)).toEqual([]);
  });

  it("an override the schema does not know is caught", () => {
    const doc = kongYamlFor(contract, (s) => (s.kongOverrides = { session_cookie_samesite: "Lax" }));
    expect(validateKongDeclarative(doc).join("\n")).toMatch(/session_cookie_samesite/);
  });
});
