import { KUBECONFIG_SECRET_KEY } from "./kubernetes-schema";
import { PLACEHOLDER, TENANT_BY_KIND } from "./quickstart-schema";
import type { StackConfig } from "./schema";

/**
 * What keeps a stack that plans from being deployed: placeholders left by `pulumi new --yes` or `kis init`, and a
 * cluster nobody named. Each line names the key and the fix. Pure: `kis plan` shows them first, a preview warns,
 * `pulumi up` refuses (see deployVerdict).
 */
export function deployBlockers(raw: Readonly<Record<string, unknown>>, config: StackConfig): string[] {
  const blockers: string[] = [];
  if (raw["idpTenant"] === PLACEHOLDER) {
    blockers.push(`idpTenant: is the placeholder ${PLACEHOLDER}; set ${TENANT_BY_KIND[config.identity.providers[0]!.kind].what}: pulumi config set idpTenant <value>`);
  }
  config.identity.providers.forEach((p, i) => {
    const at = `identity.providers[${i}]`;
    if (p.kind === "entra" && p.tenantId === TENANT_BY_KIND.entra.placeholder && raw["idpTenant"] !== PLACEHOLDER) {
      blockers.push(`${at}.tenantId: is the placeholder ${p.tenantId}; set your Entra tenant id (a GUID)`);
    }
    if (p.kind === "okta" && p.orgName === TENANT_BY_KIND.okta.placeholder && raw["idpTenant"] !== PLACEHOLDER) {
      blockers.push(`${at}.orgName: is the placeholder ${p.orgName}; set your Okta org name such as dev-123456`);
    }
  });
  const context = config.kubernetes?.context;
  if (context === PLACEHOLDER) {
    blockers.push(`kubernetes.context: is the placeholder ${PLACEHOLDER}; name the kubeconfig context of this stack's cluster`);
  } else if (context === undefined && raw[KUBECONFIG_SECRET_KEY] === undefined) {
    blockers.push(
      `kubernetes: missing; name this stack's cluster (kubernetes.context: <kubeconfig context>, or pulumi config set --secret ${KUBECONFIG_SECRET_KEY} < kubeconfig.yaml), so pulumi up cannot deploy to whatever context is current`,
    );
  }
  return blockers;
}

/** The cluster a stack deploys to, as `kis plan` shows it. */
export function clusterTarget(raw: Readonly<Record<string, unknown>>, config: StackConfig): string {
  const context = config.kubernetes?.context;
  const kubeconfig = raw[KUBECONFIG_SECRET_KEY] !== undefined;
  if (context === PLACEHOLDER) return `context ${PLACEHOLDER} (a placeholder: pulumi up refuses it)`;
  if (kubeconfig) return `the kubeconfig in the ${KUBECONFIG_SECRET_KEY} secret${context ? `, context ${context}` : ", its current context"}`;
  if (context) return `context ${context} of the deploying machine's KUBECONFIG`;
  return "not named (pulumi up refuses the stack until kubernetes.context or the kubeconfig secret is set)";
}

/**
 * What the program does with blockers: `pulumi up` (a real engine, not a preview) refuses, a preview warns, and
 * `kis plan` (mocks, no engine) reports them itself.
 */
export function deployVerdict(blockers: readonly string[], run: { engine: boolean; dryRun: boolean }): "refuse" | "warn" | "none" {
  if (blockers.length === 0 || !run.engine) return "none";
  return run.dryRun ? "warn" : "refuse";
}
