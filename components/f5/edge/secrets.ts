import type * as pulumi from "@pulumi/pulumi";

/** The secret values the F5 edge needs, as Pulumi secrets. */
export interface F5Secrets {
  /** PEM certificate (chain) the virtual server presents to clients. */
  readonly certificate: pulumi.Input<string>;
  readonly privateKey: pulumi.Input<string>;
  /** BIG-IP password; undefined: the provider reads env F5_PASSWORD when it runs (nothing in the state). */
  readonly password?: pulumi.Input<string>;
}
