import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { BrowserSignIn } from "../../sign-in";
import { clientSecretId, sessionSecretId } from "./secret-refs";

export interface KongSignInSecretsArgs {
  readonly signIns: readonly BrowserSignIn[];
  /** The web clients' secrets from the IdP registration (a secret output), by client name. */
  readonly clientSecrets: pulumi.Input<Record<string, string>>;
}

/** Length of each generated session secret (alphanumeric: about 380 bits). */
export const SESSION_SECRET_LENGTH = 64;

/**
 * The secrets of the browser sign-in routes as env-vault values by id (KongGateway stores them in its vault
 * Secret): each web client's secret, from the IdP output, and one random session secret per route. Every
 * replica reads the same session secret, so a cookie one pod issues, another can decrypt.
 */
export class KongSignInSecrets extends pulumi.ComponentResource {
  /** Vault id → secret value (Pulumi secrets). */
  declare readonly values: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: KongSignInSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kong-identity-stack:kong:SignInSecrets", name, {}, opts);
    const clientSecrets = pulumi.secret(pulumi.output(args.clientSecrets));
    const clients = [...new Set(args.signIns.map((s) => s.client))];
    this.values = {
      ...Object.fromEntries(
        clients.map((client) => [
          clientSecretId(client),
          clientSecrets.apply((secrets) => {
            const value = secrets[client];
            if (value === undefined) throw new Error(`the IdP registration exposes no secret for web client ${client}`);
            return value;
          }),
        ]),
      ),
      ...Object.fromEntries(
        args.signIns.map((s) => [
          sessionSecretId(s.route),
          pulumi.secret(new random.RandomPassword(`${name}-session-${s.route}`, { length: SESSION_SECRET_LENGTH, special: false }, { parent: this }).result),
        ]),
      ),
    };
    this.registerOutputs({});
  }
}
