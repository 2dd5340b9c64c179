import type { IdentityEdgeArgs } from "../components/identity-edge";
import type { StackConfig } from "./config";
import type { StackSecrets } from "./secrets";

/**
 * The one place the validated stack file meets the components: each block of `stacks/Pulumi.<env>.yaml` becomes
 * the Args of the component it configures. No component knows the stack file; none reads pulumi.Config.
 */
export function identityEdgeArgs(config: StackConfig, secrets: StackSecrets, now: Date): IdentityEdgeArgs {
  return {
    environment: config.environment,
    identity: config.identity,
    kong: config.kong,
    routes: config.routes,
    // Disabled blocks stay in the Args: a disabled F5/ZPA/PingAccess is configured but registers nothing.
    ...(config.f5 ? { f5: config.f5 } : {}),
    ...(config.zpa ? { zpa: config.zpa } : {}),
    ...(config.pingaccess ? { pingaccess: config.pingaccess } : {}),
    ...(config.observability ? { observability: config.observability } : {}),
    now,
    ...secrets,
  };
}
