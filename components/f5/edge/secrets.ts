import * as pulumi from "@pulumi/pulumi";
import { F5_SECRET_KEYS, configNamespace } from "../../../infra/config";

/** The secret values the F5 edge needs, as Pulumi secrets. */
export interface F5Secrets {
  /** PEM certificate (chain) the virtual server presents to clients. */
  readonly certificate: pulumi.Input<string>;
  readonly privateKey: pulumi.Input<string>;
  /** BIG-IP password; undefined: the provider reads env F5_PASSWORD when it runs (nothing in the state). */
  readonly password?: pulumi.Input<string>;
}

/**
 * Reads the secrets from their own config keys (`pulumi config set --secret f5TlsPrivateKey < key.pem`).
 * requireSecret marks them secret even when a plan's stack file holds a placeholder in clear.
 */
export function readF5Secrets(config: pulumi.Config = new pulumi.Config(configNamespace())): F5Secrets {
  const password = config.getSecret(F5_SECRET_KEYS.password);
  return {
    certificate: config.requireSecret(F5_SECRET_KEYS.certificate),
    privateKey: config.requireSecret(F5_SECRET_KEYS.privateKey),
    ...(password ? { password } : {}),
  };
}
