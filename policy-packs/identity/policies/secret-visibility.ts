/**
 * Whether a policy can tell which inputs were Pulumi secrets.
 *
 * Under the engine it cannot: @pulumi/policy unwraps secret values before calling validateResource and
 * keeps no marker (pulumi/pulumi-policy#241, open: "How can a policy check if a value is a secret value?").
 * `kis plan` can: its recorder sees the secret markers the SDK sends, replaces secret values by
 * SECRET_PLACEHOLDER and passes the top-level names of secret inputs as `secretInputs` on the arguments.
 */
export const SECRET_PLACEHOLDER = "[secret]";

export interface SecretAwareArgs {
  /** Present only where secretness is known (kis plan): top-level input names that held a Pulumi secret. */
  readonly secretInputs?: readonly string[];
}

export function secretnessKnown(args: object): args is Required<SecretAwareArgs> {
  return Array.isArray((args as SecretAwareArgs).secretInputs);
}
