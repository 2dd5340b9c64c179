import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { configNamespace, KUBECONFIG_SECRET_KEY, type StackConfig } from "./config";

/**
 * The stack's own Kubernetes provider: the cluster its stack file names (a context, the kubeconfig secret, or both),
 * never the deploying machine's current context. Without either there is none; readStackConfig has then already
 * refused `pulumi up` (deploy-readiness.ts), and a preview or `kis plan` goes on with the default provider.
 */
export function clusterProvider(config: StackConfig): k8s.Provider | undefined {
  const kubeconfig = new pulumi.Config(configNamespace()).getSecret(KUBECONFIG_SECRET_KEY);
  const context = config.kubernetes?.context;
  if (kubeconfig === undefined && context === undefined) return undefined;
  return new k8s.Provider(`${config.environment}-cluster`, {
    ...(kubeconfig === undefined ? {} : { kubeconfig }),
    ...(context === undefined ? {} : { context }),
  });
}
