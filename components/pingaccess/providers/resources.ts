import * as pulumi from "@pulumi/pulumi";
import type { PingAccessConnection } from "../client";
import { PINGACCESS_HANDLERS } from "./handlers";
import { pingAccessResourceProvider, type PingAccessProviderOptions } from "./provider-core";
import { PINGACCESS_DYNAMIC_MODULE, type PingAccessKind } from "./type-tokens";

/** The provider for one kind; tests pass options (environment, log, sleep), the stack none. */
export const pingAccessProvider = (kind: PingAccessKind, options?: PingAccessProviderOptions) => pingAccessResourceProvider(PINGACCESS_HANDLERS[kind], options);

const providers = Object.fromEntries(Object.keys(PINGACCESS_HANDLERS).map((k) => [k, pingAccessProvider(k as PingAccessKind)])) as Record<
  PingAccessKind,
  pulumi.dynamic.ResourceProvider
>;

/** Inputs every PingAccess resource takes: the server (which names the password, never holds it) and an optional id to adopt. */
export interface PingAccessCommonArgs {
  readonly connection: pulumi.Input<PingAccessConnection>;
  readonly adoptId?: pulumi.Input<string>;
}

type Args = PingAccessCommonArgs & Record<string, unknown>;

/** Base of the seven resource classes: `pulumi-nodejs:dynamic/pingaccess:<Kind>`. */
abstract class PingAccessResource extends pulumi.dynamic.Resource {
  declare readonly paId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  constructor(kind: PingAccessKind, name: string, args: Args, opts?: pulumi.CustomResourceOptions) {
    super(providers[kind], name, { paId: undefined, ...args } as pulumi.Inputs, opts, PINGACCESS_DYNAMIC_MODULE, kind);
  }
}

export class SidebandClient extends PingAccessResource {
  declare readonly credentialCount: pulumi.Output<number>;
  constructor(
    name: string,
    args: PingAccessCommonArgs & {
      name: pulumi.Input<string>;
      description: pulumi.Input<string>;
      secretHeaderName: pulumi.Input<string>;
      /** Secret: every live shared secret (two during a rotation). */
      secrets: pulumi.Input<pulumi.Input<string>[]>;
    },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super("SidebandClient", name, { credentialCount: undefined, ...args, secrets: pulumi.secret(args.secrets) }, { ...opts, additionalSecretOutputs: ["secrets"] });
  }
}

export class ThirdPartyService extends PingAccessResource {
  constructor(name: string, args: PingAccessCommonArgs & { name: pulumi.Input<string>; host: pulumi.Input<string>; port: pulumi.Input<number> }, opts?: pulumi.CustomResourceOptions) {
    super("ThirdPartyService", name, { ...args }, opts);
  }
}

export class AccessTokenValidator extends PingAccessResource {
  constructor(name: string, args: PingAccessCommonArgs & Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super("AccessTokenValidator", name, args, opts);
  }
}

export class VirtualHost extends PingAccessResource {
  constructor(name: string, args: PingAccessCommonArgs & { host: pulumi.Input<string>; port: pulumi.Input<number> }, opts?: pulumi.CustomResourceOptions) {
    super("VirtualHost", name, { ...args }, opts);
  }
}

export class Rule extends PingAccessResource {
  constructor(name: string, args: PingAccessCommonArgs & Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super("Rule", name, args, opts);
  }
}

export class RuleSet extends PingAccessResource {
  constructor(name: string, args: PingAccessCommonArgs & Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super("RuleSet", name, args, opts);
  }
}

export class Application extends PingAccessResource {
  constructor(name: string, args: PingAccessCommonArgs & Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super("Application", name, args, opts);
  }
}

export class ResourceOrder extends PingAccessResource {
  constructor(name: string, args: PingAccessCommonArgs & Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super("ResourceOrder", name, args, opts);
  }
}

export class Resource extends PingAccessResource {
  constructor(name: string, args: PingAccessCommonArgs & Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super("Resource", name, args, opts);
  }
}
