import type * as pulumi from "@pulumi/pulumi";
import type { ZpaConnection } from "../client";

/** A field as a Pulumi input; list items may be inputs too (ids of other ZPA resources). */
export type InputOf<T> = T extends readonly (infer E)[] ? pulumi.Input<readonly pulumi.Input<E>[]> : pulumi.Input<T>;

/**
 * A spec's fields as Pulumi inputs, plus the connection (which names credentials, never holds them) and,
 * optionally, the id of an existing ZPA object to adopt instead of creating one.
 */
export type ZpaResourceArgs<S> = {
  readonly connection: pulumi.Input<ZpaConnection>;
  readonly adoptId?: pulumi.Input<string>;
} & { readonly [K in keyof S]: InputOf<S[K]> };
