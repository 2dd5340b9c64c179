import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { BrowserSignIn } from "../../sign-in";
import { SIGN_IN_SECRET_NAME, clientSecretId, sessionSecretId, signInSecretRefs } from "./secret-refs";
import type { KongSecretRef } from "../vault";

export interface KongSignInSecretsArgs {
  readonly namespace: pulumi.Input<string>;
  readonly signIns: readonly BrowserSignIn[];
  /** The web clients' secrets from the IdP registration (a secret output), by client name. */
  readonly clientSecrets: pulumi.Input<Record<string, string>>;
}

/** Length of each generated session secret (alphanumeric: about 380 bits). */
export const SESSION_SECRET_LENGTH = 64;

/**
 * The secrets of the browser sign-in routes, in one Kubernetes Secret that the Kong pods read as environment
 * variables (Kong's env vault): each web client's secret (from the IdP output) and one random session secret
 * per route. Every replica shares the session secret, so a cookie one pod issues, another can read.
 */
export class KongSignInSecrets extends pulumi.ComponentResource {
  declare readonly refs: readonly KongSecretRef[];
  declare readonly secretName: pulumi.Output<string>;

  constructor(name: string, args: KongSignInSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kong-identity-stack:kong:SignInSecrets", name, {}, opts);
    const parent = { parent: this };
    const sessions = args.signIns.map(
      (s) =>
        [
          sessionSecretId(s.route),
          new random.RandomPassword(`${name}-session-${s.route}`, { length: SESSION_SECRET_LENGTH, special: false }, parent).result,
        ] as const,
    );
    const clients = [...new Set(args.signIns.map((s) => s.client))];
    const clientSecrets = pulumi.output(args.clientSecrets);
    const data = pulumi.secret(
      pulumi.all([clientSecrets, pulumi.all(sessions.map(([, v]) => v))]).apply(([secrets, values]) => ({
        ...Object.fromEntries(
          clients.map((c) => {
            const value = secrets[c];
            if (value === undefined) throw new Error(`the IdP registration exposes no secret for web client ${c}`);
            return [clientSecretId(c), value];
          }),
        ),
        ...Object.fromEntries(sessions.map(([id], i) => [id, values[i]!])),
      })),
    );
    const secret = new k8s.core.v1.Secret(
      `${name}-secret`,
      { metadata: { name: SIGN_IN_SECRET_NAME, namespace: args.namespace }, type: "Opaque", stringData: data },
      parent,
    );
    this.refs = signInSecretRefs(args.signIns);
    this.secretName = secret.metadata.name;
    this.registerOutputs({ secretName: this.secretName, refs: this.refs });
  }
}
