/**
 * How big the stack's config is where `pulumi` hands it to the program. The Node.js language host passes all config
 * as one environment variable, `PULUMI_CONFIG=<JSON>` (pulumi-language-nodejs main.go), and Linux refuses any single
 * environment string over MAX_ARG_STRLEN (32 pages, 128 KiB): past it `pulumi preview` and `up` stop with
 * "fork/exec node: argument list too long" before the program starts. The offline plan has no such limit, so it says
 * so here. Seen with the real engine: the dev stack with 600 generated routes previews, with 700 it cannot.
 */
export const ENVIRONMENT_STRING_LIMIT = 128 * 1024;

/** Bytes of `PULUMI_CONFIG=...` for these engine config values (every key, other namespaces included). */
export function languageHostConfigBytes(engineConfig: Readonly<Record<string, string>>): number {
  return Buffer.byteLength(`PULUMI_CONFIG=${JSON.stringify(engineConfig)}`);
}

/** One line for the plan when the real engine could not start this program, or undefined. */
export function engineConfigSizeWarning(engineConfig: Readonly<Record<string, string>>, routeCount: number): string | undefined {
  const bytes = languageHostConfigBytes(engineConfig);
  if (bytes <= ENVIRONMENT_STRING_LIMIT) return undefined;
  const perRoute = routeCount > 0 ? Math.floor((ENVIRONMENT_STRING_LIMIT * routeCount) / bytes) : 0;
  return (
    `the stack's config is ${Math.ceil(bytes / 1024)} KiB as the Node.js language host passes it (PULUMI_CONFIG), over Linux's 128 KiB for one environment string: ` +
    `\`pulumi preview\` and \`up\` will stop with "argument list too long" before the program runs. ` +
    `Split the routes over stacks${perRoute ? ` (about ${perRoute} routes like these per stack)` : ""}; docs/scale.md#the-engines-config-limit`
  );
}
