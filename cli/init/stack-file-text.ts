import { stringify } from "yaml";
import { configNamespace, PLACEHOLDER, TENANT_BY_KIND, quickstartBlocks, type QuickstartAnswers } from "../../infra/config";

const IDP_NAMES = { entra: "Microsoft Entra ID", okta: "Okta", cognito: "AWS Cognito" } as const;

/**
 * `stacks/Pulumi.<env>.yaml` for the answers: the blocks the quick start builds, written out with a comment
 * on each, so the team edits routes and clients in the file from then on. Pure.
 */
export function stackFileText(a: QuickstartAnswers, cluster: { kubeContext: string }): string {
  const blocks = quickstartBlocks(a);
  const placeholder = a.idpTenant === TENANT_BY_KIND[a.idp].placeholder && a.idp !== "cognito";
  const section = (key: string, value: unknown, comment: readonly string[]) =>
    [
      ...comment.map((c) => `  # ${c}`),
      ...stringify({ [`${configNamespace()}:${key}`]: value }, { lineWidth: 0 })
        .trimEnd()
        .split("\n")
        .map((l) => `  ${l}`),
    ].join("\n");
  return [
    `# Stack "${a.environment}": ${IDP_NAMES[a.idp]}, Kong Enterprise on ${a.hostname}. Written by \`kis init\`.`,
    "# Plan it offline: npx kis plan --stack " + a.environment + "; deploy: pulumi up --stack " + a.environment + " --policy-pack policy-packs/identity",
    "# Secrets (F5 certificate and key, ZPA and PingAccess credentials) go to `pulumi config set --secret` or to a",
    "# Pulumi ESC environment listed under `environment:` (docs/new-stack.md).",
    "config:",
    section("environment", a.environment, ["Names the environment's resources; whether it is production is the next key, not this name."]),
    section("production", a.production, [
      a.production
        ? "Production: production rules and policy-packs/identity/config/prod.json (https-only redirects, 30-minute tokens in this file)."
        : "Not production: policy-packs/identity/config/dev.json applies and production rules stay off.",
    ]),
    section("kubernetes", { context: cluster.kubeContext }, [
      "The cluster this stack deploys to: a context of the deploying machine's KUBECONFIG (or set the kubeconfig secret).",
      ...(cluster.kubeContext === PLACEHOLDER ? [`${PLACEHOLDER} is a placeholder: kis plan plans it, pulumi up refuses it.`] : []),
    ]),
    section("identity", blocks.identity, [
      `The API's registration at ${IDP_NAMES[a.idp]}: scopes callers ask for, groups (app roles) that routes may require,`,
      "and the clients allowed to get tokens. Add a client here for each caller; every scope and group it names is declared above it.",
      ...(placeholder ? [`providers[0]: ${TENANT_BY_KIND[a.idp].what} is a placeholder: kis plan plans it, pulumi up refuses it; set the real one.`] : []),
    ]),
    section("kong", blocks.kong, ["Kong Gateway (DB-less, Helm): set edition: oss to run without an Enterprise licence (fewer token checks)."]),
    section("routes", blocks.routes, [
      "One entry per route: every scope listed is required, any one listed group (roles) is enough; anonymous: true",
      "must be said explicitly. The pull-request review (kis diff) flags a route that loses a scope or becomes anonymous.",
    ]),
    "",
  ].join("\n");
}
