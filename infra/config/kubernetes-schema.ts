import { z } from "zod";
import { expected, strictObject } from "./primitives";

/** The secret key that may hold a whole kubeconfig (from `pulumi config set --secret kubeconfig < file`, or ESC). */
export const KUBECONFIG_SECRET_KEY = "kubeconfig";

/**
 * The cluster a stack deploys to. Without it the Kubernetes provider would use whatever kube context is current
 * on the machine running `pulumi up`, so prod could land on the dev cluster: `pulumi up` refuses a stack that
 * does not name one (kis plan and preview warn).
 */
export const kubernetesSchema = strictObject({
  context: z
    .string({ error: expected("a kubeconfig context name such as prod-cluster") })
    .regex(/^[^\s\u0000-\u001f\u007f]{1,253}$/, { error: expected("a kubeconfig context name without spaces or control characters") })
    .optional()
    .describe(
      "The kubeconfig context to deploy to: a context in the `kubeconfig` secret when that is set, else in the deploying machine's KUBECONFIG. `replace-me` is a placeholder: it plans, `pulumi up` refuses it.",
    ),
});

export type KubernetesConfig = z.output<typeof kubernetesSchema>;
