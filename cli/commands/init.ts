import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseStackConfig, configNamespace, PROVIDER_KINDS, quickstartAnswers, tenantProblem, TENANT_BY_KIND, type QuickstartAnswers } from "../../infra/config";
import { UsageError } from "../errors";
import { stackFileText } from "../init/stack-file-text";
import { repoRoot } from "../repo-root";
import { parse } from "yaml";
import { commandArgs } from "./command-args";

export const usage = `Usage: kis init [--idp entra|okta|cognito] [--env NAME] [--tenant ID] [--api-name NAME] [--hostname HOST]
                [--upstream URL] [--stacks-dir DIR] [--yes]

Writes stacks/Pulumi.<env>.yaml for a new stack: the identity, kong and routes blocks built from a few
answers, with comments. Asks for each value not given as a flag when run in a terminal; with --yes, or
without a terminal, takes the defaults. Never overwrites an existing stack file.
  --tenant   the Entra tenant id, the Okta org name or the Cognito AWS region (by --idp)

Exit codes: 0 written, 2 bad input or the file exists.`;

/** `kis init`: exit 0 written, 2 bad input or an existing file. */
export async function initCommand(args: string[]): Promise<number> {
  const parsed = commandArgs(
    args,
    {
      idp: { type: "string" },
      env: { type: "string" },
      tenant: { type: "string" },
      "api-name": { type: "string" },
      hostname: { type: "string" },
      upstream: { type: "string" },
      "stacks-dir": { type: "string" },
      yes: { type: "boolean", short: "y", default: false },
    },
    usage,
  );
  if (!parsed) return 0;
  const { values } = parsed;
  const interactive = !values.yes && Boolean(process.stdin.isTTY);
  const ask = interactive ? prompter() : undefined;
  try {
    const pick = async (flag: string | undefined, question: string, fallback: string) =>
      flag ?? (ask ? (await ask(`${question} [${fallback}]: `)) || fallback : fallback);
    const idp = await pick(values.idp, `Identity provider (${PROVIDER_KINDS.join(", ")})`, "entra");
    if (!(PROVIDER_KINDS as readonly string[]).includes(idp)) throw new UsageError(`--idp: expected one of ${PROVIDER_KINDS.join(", ")}, got ${JSON.stringify(idp)}`);
    const kind = idp as QuickstartAnswers["idp"];
    const env = await pick(values.env, "Environment (stack) name", "dev");
    if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(env)) throw new UsageError(`--env: expected an environment name such as dev or prod (lower-case letters, digits and dashes), got ${JSON.stringify(env)}`);
    const defaults = quickstartAnswers({ environment: env, idp: kind });
    const answers = quickstartAnswers({
      environment: env,
      idp: kind,
      idpTenant: await pick(values.tenant, `${TENANT_BY_KIND[kind].what[0]!.toUpperCase()}${TENANT_BY_KIND[kind].what.slice(1)}`, defaults.idpTenant),
      apiName: await pick(values["api-name"], "API name", defaults.apiName),
      hostname: await pick(values.hostname, "Host name clients call", defaults.hostname),
      upstream: await pick(values.upstream, "Upstream service URL", defaults.upstream),
    });
    const problem = tenantProblem(answers.idp, answers.idpTenant);
    if (problem) throw new UsageError(`--tenant: ${problem.replace(/^idpTenant: /, "")}`);

    const dir = resolve(values["stacks-dir"] ?? join(repoRoot(), "stacks"));
    const file = join(dir, `Pulumi.${env}.yaml`);
    if (existsSync(file)) throw new UsageError(`init: ${relative(process.cwd(), file) || file} exists; kis init never overwrites a stack file: choose another --env or edit that file`);
    const text = stackFileText(answers);
    // The file must be one kis plan accepts: validate it as the program will before writing anything.
    const config = (parse(text) as { config: Record<string, unknown> }).config;
    parseStackConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [k.slice(configNamespace().length + 1), v])));
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text, { flag: "wx" });
    process.stdout.write(`wrote ${relative(process.cwd(), file) || file}\nnext: npx kis plan --stack-file ${relative(process.cwd(), file) || file}   (then: pulumi stack init ${env}; pulumi up)\n`);
    return 0;
  } finally {
    ask?.close();
  }
}

function prompter(): ((q: string) => Promise<string>) & { close(): void } {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const ask = async (q: string) => (await rl.question(q)).trim();
  return Object.assign(ask, { close: () => rl.close() });
}
