import { stringify } from "yaml";
import { PLACEHOLDER, QUICKSTART_DEFAULTS } from "../../infra/config";

/**
 * The prompts `pulumi new <template>` asks. Keys carry no namespace: Pulumi writes each under the new project's
 * own name, which is the namespace the program reads (configNamespace). Every per-IdP answer defaults to the
 * placeholder, which plans (kis plan says so on its first line) and previews but which `pulumi up` refuses, so
 * `pulumi new --yes` gives a stack that previews and cannot silently deploy to a tenant or cluster nobody chose.
 */
export const TEMPLATE_PROMPTS: Readonly<Record<string, { description: string; default: string }>> = {
  environment: { description: "Environment name (lower case, dashes): names the resources. Whether it is production is the next question.", default: "dev" },
  production: { description: "Is this stack production? true or false: production rules, 30-minute tokens, three Kong replicas, policy-packs/identity/config/prod.json.", default: "false" },
  idp: { description: "Identity provider: entra, okta or cognito.", default: QUICKSTART_DEFAULTS.idp },
  idpTenant: {
    description: `By idp: the Entra tenant id (GUID), the Okta org name (dev-123456) or the AWS region (eu-west-1). ${PLACEHOLDER} plans and previews, pulumi up refuses it.`,
    default: PLACEHOLDER,
  },
  apiName: { description: "API name (lower case, dashes); scopes are <name>.read and <name>.write without a trailing -api.", default: QUICKSTART_DEFAULTS.apiName },
  hostname: { description: "Host name clients call Kong on.", default: "api.dev.example.com" },
  upstream: { description: "URL of the service behind the routes.", default: QUICKSTART_DEFAULTS.upstream },
  kubernetesContext: { description: `The kubeconfig context of the cluster this stack deploys to. ${PLACEHOLDER} plans and previews, pulumi up refuses it.`, default: PLACEHOLDER },
};

/** The template's Pulumi.yaml: the repository's runtime and layout, `${PROJECT}` and `${DESCRIPTION}` for pulumi new to fill. */
export function templatePulumiYaml(repoProject: { runtime: unknown; main?: string }): string {
  return stringify(
    {
      name: "${PROJECT}",
      description: "${DESCRIPTION}",
      runtime: repoProject.runtime,
      main: repoProject.main ?? "infra/index.ts",
      stackConfigDir: "stacks",
      template: {
        description: "Kong Gateway with OIDC/JWT validation derived from one identity contract (Entra ID, Okta or Cognito).",
        config: TEMPLATE_PROMPTS,
      },
    },
    { lineWidth: 0 },
  );
}
