import { browserSignIns, signInRegistrations } from "../../../../components/sign-in";
import { buildDeclarativeConfig, kongBrowserSignIns, serializeKongYaml } from "../../../../components/kong";
import type { PolicyFixture } from "../../../support/policy-harness";
import { exampleStackConfig } from "../../../support/example-stacks";
import { entraContract } from "../../components/kong/fixtures";
import { T } from "./fixtures";

/**
 * A compliant browser sign-in stack (stacks/Pulumi.signin-dev.yaml) as the policies see it, built with the
 * stack's own builders: the registration component with its clientIds output, the web client's Entra
 * application with the derived URIs, and the kong.yml ConfigMap with the sign-in route.
 */
export const PORTAL_CLIENT_ID = "9c8dbab9-ba16-5bde-88d2-64b10ea8ca97";
export const SIGN_IN_CONFIG = exampleStackConfig("signin-dev");
export const SIGN_INS = browserSignIns(SIGN_IN_CONFIG);
const CONTRACT = entraContract();

export function signInConfigMap(mutate: (doc: any) => void = () => {}): PolicyFixture {
  const cfg = SIGN_IN_CONFIG;
  const doc = JSON.parse(
    JSON.stringify(
      buildDeclarativeConfig([CONTRACT], cfg.routes, {
        edition: "enterprise",
        hostnames: cfg.kong.hostnames,
        environment: cfg.environment,
        signIns: kongBrowserSignIns(SIGN_INS, { "orders-portal": PORTAL_CLIENT_ID }),
      }),
    ),
  );
  mutate(doc);
  return {
    type: T.configMap,
    name: "kong-config",
    props: { metadata: { name: "kong-declarative-config", namespace: "kong" }, data: { "kong.yml": serializeKongYaml(doc) } },
  };
}

/** The sign-in route's openid-connect config in a parsed kong.yml document. */
export function signInPlugin(doc: any): any {
  for (const s of doc.services) for (const r of s.routes) if (r.name === "orders-app") return r.plugins.find((p: any) => p.name === "openid-connect").config;
  throw new Error("no orders-app route");
}

export function portalApp(mutate: (props: any) => void = () => {}): PolicyFixture {
  const reg = signInRegistrations(SIGN_INS)["orders-portal"]!;
  const props: any = {
    displayName: "orders-api-portal-signin-dev",
    signInAudience: "AzureADMyOrg",
    web: {
      redirectUris: [...reg.redirectUris, ...reg.postLogoutRedirectUris],
      implicitGrant: { accessTokenIssuanceEnabled: false, idTokenIssuanceEnabled: false },
    },
    requiredResourceAccesses: [],
  };
  mutate(props);
  return { type: T.app, name: "entra-orders-portal", parent: "entra", props };
}

export function signInRegistration(clientIds: Record<string, string> = { "orders-portal": PORTAL_CLIENT_ID }): PolicyFixture {
  return { type: T.registration, name: "entra", props: { contract: CONTRACT, clientIds } };
}

export const signInStack = (): PolicyFixture[] => [signInRegistration(), portalApp(), signInConfigMap()];
