/**
 * A secret Kong reads through its `env` vault: the value lives in a Kubernetes Secret, the chart exposes it
 * to the Kong containers as an environment variable, and kong.yml names it only as `{vault://env/<id>}`.
 */
export interface KongSecretRef {
  /** Kebab-case name of the secret, e.g. "pingaccess-shared-secret"; also the vault reference's resource. */
  readonly id: string;
  /** The Kubernetes Secret (in Kong's namespace) that holds the value. */
  readonly secretName: string;
  /** The key inside that Secret. */
  readonly secretKey: string;
}
