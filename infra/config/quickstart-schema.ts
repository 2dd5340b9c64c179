import { z } from "zod";
import { hostname, httpUrl, oneOf, slug, text } from "./primitives";

/**
 * The scalar keys `pulumi new` prompts for (Pulumi.yaml `template:`) and `kis init` asks: enough to build the
 * identity, kong and routes blocks of a first stack (see quickstart.ts). A block written in the stack file
 * always wins over the one these would build.
 */
export const QUICKSTART_DEFAULTS = {
  idp: "entra",
  apiName: "orders-api",
  upstream: "http://orders.orders.svc.cluster.local:8080",
} as const;

/**
 * The answer that means "not decided yet" (the template's default for every per-IdP answer): it plans offline with
 * the kind's placeholder value below, `kis plan` says so on its first line, and `pulumi up` refuses it.
 */
export const PLACEHOLDER = "replace-me";

/** What `idpTenant` means per IdP kind, and the placeholder value planned when it is not given. */
export const TENANT_BY_KIND = {
  entra: { what: "the Entra tenant id (a GUID)", placeholder: "00000000-0000-0000-0000-000000000000", pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/ },
  okta: { what: "the Okta org name such as dev-123456 (dev-123456.oktapreview.com outside okta.com)", placeholder: "dev-000000", pattern: /^[a-z0-9][a-z0-9-]{0,62}(\.(oktapreview|okta-emea)\.com)?$/ },
  cognito: { what: "the AWS region such as eu-west-1", placeholder: "eu-west-1", pattern: /^[a-z]{2}(-[a-z]+)+-\d$/ },
} as const;

export const quickstartKeys = {
  idp: oneOf(["entra", "okta", "cognito"] as const)
    .optional()
    .describe(
      "Quick start: the identity provider kind (entra, okta or cognito). When set and the stack file has no identity, kong or routes block, the program builds that block from the quick-start keys; a block written in the file wins.",
    ),
  idpTenant: text("an Entra tenant id, Okta org name or AWS region")
    .optional()
    .describe(`Quick start: the Entra tenant id, the Okta org name (dev-123456) or the Cognito AWS region, by idp. Default: ${PLACEHOLDER}, a placeholder that plans offline (kis plan says so first) and that pulumi up refuses.`),
  apiName: slug("an API name")
    .optional()
    .describe("Quick start: the API's name (lower-case, dashes), used for the app registration, scopes (<name>.read/.write without -api), groups and routes. Default orders-api."),
  kubernetesContext: text("a kubeconfig context name")
    .optional()
    .describe(`Quick start: the kubeconfig context this stack deploys to (builds kubernetes.context while the file has no kubernetes block). Default: ${PLACEHOLDER}, which plans but cannot be deployed.`),
  hostname: hostname.optional().describe("Quick start: the host name clients call Kong on. Default api.<environment>.example.com."),
  upstream: httpUrl.optional().describe("Quick start: the URL of the service behind the routes. Default http://orders.orders.svc.cluster.local:8080."),
};

export const quickstartObject = z.object(quickstartKeys);
export type QuickstartInput = z.output<typeof quickstartObject>;
