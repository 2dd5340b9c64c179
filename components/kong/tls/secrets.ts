import * as pulumi from "@pulumi/pulumi";
import { KONG_TLS_SECRET_KEYS, configNamespace } from "../../../infra/config";

/** Kong's proxy private key from its secret config key; requireSecret keeps it a Pulumi secret end to end. */
export function readKongTlsPrivateKey(config: pulumi.Config = new pulumi.Config(configNamespace())): pulumi.Output<string> {
  return config.requireSecret(KONG_TLS_SECRET_KEYS.privateKey);
}
