import type * as pulumi from "@pulumi/pulumi";
import type { F5Args, F5Spec } from "../f5/args";
import { f5Spec } from "../f5/args";
import type { F5Secrets } from "../f5/edge/secrets";
import { identitySpec, type IdentityArgs, type IdentitySpec } from "../idp/identity-args";
import { providerSpec, type ProviderArgs, type ProviderSpec } from "../idp/providers";
import { kongSpec, routeSpec, type KongArgs, type KongSpec, type RouteArgs, type RouteSpec } from "../kong/args";
import { observabilitySpec, type ObservabilityArgs, type ObservabilitySpec } from "../observability/args";
import { pingAccessSpec, type PingAccessArgs, type PingAccessSpec } from "../pingaccess/args";
import { zpaSpec, type ZpaArgs, type ZpaSpec } from "../zpa/args";

/**
 * The whole edge of one environment, as a Pulumi program passes it: the IdP(s) and the API, Kong and its routes,
 * and optionally an F5, ZPA, PingAccess and observability. Each block is the Args of the component it goes to
 * (defaults left out are applied inside); secrets come as Pulumi inputs, never read from config here.
 */
export interface IdentityEdgeArgs {
  /** Environment name (dev, prod, ...): names resources and the AS3 tenant. */
  readonly environment: string;
  /** The API, clients, lifetimes and one provider (two during a cut-over). */
  readonly identity: IdentityArgs & { readonly providers: readonly ProviderArgs[] };
  readonly kong: KongArgs;
  readonly routes: readonly RouteArgs[];
  readonly f5?: F5Args;
  readonly zpa?: ZpaArgs;
  readonly pingaccess?: PingAccessArgs;
  readonly observability?: ObservabilityArgs;
  /** Clock for secret-rotation buckets; the offline plan pins it so two runs are identical. */
  readonly now?: Date;
  /** F5 TLS certificate/key and BIG-IP password; required with an enabled f5. */
  readonly f5Secrets?: F5Secrets;
  /** Private key of kong.tls.certificate; required with it. */
  readonly kongTlsPrivateKey?: pulumi.Input<string>;
}

/** The edge with every block's defaults applied: what the pure derivations (request path, sign-in, ZPA edge) read. */
export interface EdgeSpec {
  readonly environment: string;
  readonly identity: IdentitySpec & { readonly providers: readonly ProviderSpec[] };
  readonly kong: KongSpec;
  readonly routes: readonly RouteSpec[];
  readonly f5?: F5Spec;
  readonly zpa?: ZpaSpec;
  readonly pingaccess?: PingAccessSpec;
  readonly observability?: ObservabilitySpec;
}

/** Applies every block's defaults. Pure; blocks already complete come back equal. */
export function edgeSpec(args: Omit<IdentityEdgeArgs, "now" | "f5Secrets" | "kongTlsPrivateKey">): EdgeSpec {
  return {
    environment: args.environment,
    identity: { ...identitySpec(args.identity), providers: args.identity.providers.map(providerSpec) },
    kong: kongSpec(args.kong),
    routes: args.routes.map(routeSpec),
    ...(args.f5 ? { f5: f5Spec(args.f5) } : {}),
    ...(args.zpa ? { zpa: zpaSpec(args.zpa) } : {}),
    ...(args.pingaccess ? { pingaccess: pingAccessSpec(args.pingaccess) } : {}),
    ...(args.observability ? { observability: observabilitySpec(args.observability) } : {}),
  };
}
