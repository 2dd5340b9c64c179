import * as pulumi from "@pulumi/pulumi";
import type { IdentityEdgeArgs } from "../components/identity-edge";
import { configNamespace, F5_SECRET_KEYS, KONG_TLS_SECRET_KEYS, type StackConfig } from "./config";

export type StackSecrets = Pick<IdentityEdgeArgs, "f5Secrets" | "kongTlsPrivateKey">;

/**
 * The one place the program reads secrets: from their own secret config keys (`pulumi config set --secret
 * f5TlsPrivateKey < key.pem`), only for the blocks that use them. requireSecret keeps each a Pulumi secret end to
 * end, even when a plan's stack file holds a placeholder in clear; the components receive them as inputs.
 */
export function readStackSecrets(config: StackConfig, pulumiConfig: pulumi.Config = new pulumi.Config(configNamespace())): StackSecrets {
  const f5Password = config.f5?.enabled ? pulumiConfig.getSecret(F5_SECRET_KEYS.password) : undefined;
  return {
    ...(config.f5?.enabled
      ? {
          f5Secrets: {
            certificate: pulumiConfig.requireSecret(F5_SECRET_KEYS.certificate),
            privateKey: pulumiConfig.requireSecret(F5_SECRET_KEYS.privateKey),
            ...(f5Password ? { password: f5Password } : {}),
          },
        }
      : {}),
    ...(config.kong.tls?.certificate ? { kongTlsPrivateKey: pulumiConfig.requireSecret(KONG_TLS_SECRET_KEYS.privateKey) } : {}),
  };
}
