import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parse } from "yaml";
import { configNamespace, parseStackConfig, quickstartAnswers, type QuickstartAnswers } from "../../infra/config";
import { UsageError } from "../errors";
import { InitCancelled, terminalPrompt } from "../init/prompt";
import { QUESTIONS, type Answers, type Question } from "../init/questions";
import { stackFileText } from "../init/stack-file-text";
import { repoRoot } from "../repo-root";
import { commandArgs } from "./command-args";

export const usage = `Usage: kis init [--idp entra|okta|cognito] [--env NAME] [--production yes|no] [--tenant ID] [--api-name NAME]
                [--hostname HOST] [--upstream URL] [--kube-context NAME] [--stacks-dir DIR] [--yes]

Writes stacks/Pulumi.<env>.yaml for a new stack: the identity, kong and routes blocks built from a few
answers, with comments. Asks for each value not given as a flag when run in a terminal, checking each answer
as it is given; with --yes, or without a terminal, takes the defaults. Never overwrites an existing stack file.
  --tenant        the Entra tenant id, the Okta org name (or its URL) or the Cognito AWS region (by --idp);
                  replace-me plans offline and pulumi up refuses it
  --production    whether the stack is production (yes or no): production rules, 30-minute tokens
  --kube-context  the kubeconfig context of the cluster the stack deploys to

Exit codes: 0 written, 2 bad input or the file exists, 130 cancelled (Ctrl+C or Ctrl+D; nothing written).`;

const FLAG_OF: Record<Question["key"], string> = {
  idp: "idp",
  env: "env",
  production: "production",
  tenant: "tenant",
  apiName: "api-name",
  hostname: "hostname",
  upstream: "upstream",
  kubeContext: "kube-context",
};

/** `kis init`: exit 0 written, 2 bad input or an existing file, 130 cancelled at a prompt. */
export async function initCommand(args: string[]): Promise<number> {
  const parsed = commandArgs(
    args,
    {
      ...Object.fromEntries(Object.values(FLAG_OF).map((f) => [f, { type: "string" as const }])),
      "stacks-dir": { type: "string" },
      yes: { type: "boolean", short: "y", default: false },
    },
    usage,
  );
  if (!parsed) return 0;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const interactive = !values["yes"] && Boolean(process.stdin.isTTY);
  const ask = interactive ? terminalPrompt(process.stdin, process.stderr) : undefined;
  try {
    const answers: Record<string, string> = {};
    for (const q of QUESTIONS) answers[q.key] = await answer(q, answers, values[FLAG_OF[q.key]] as string | undefined, ask);
    const env = answers["env"]!;
    const quick: QuickstartAnswers = quickstartAnswers({
      environment: env,
      production: answers["production"] === "true",
      idp: answers["idp"]!,
      idpTenant: answers["tenant"]!,
      apiName: answers["apiName"]!,
      hostname: answers["hostname"]!,
      upstream: answers["upstream"]!,
    });
    const dir = resolve((values["stacks-dir"] as string | undefined) ?? join(repoRoot(), "stacks"));
    const file = join(dir, `Pulumi.${env}.yaml`);
    if (existsSync(file)) throw new UsageError(`init: ${relative(process.cwd(), file) || file} exists; kis init never overwrites a stack file: choose another --env or edit that file`);
    const text = stackFileText(quick, { kubeContext: answers["kubeContext"]! });
    // The file must be one kis plan accepts: validate it as the program will before writing anything.
    const config = (parse(text) as { config: Record<string, unknown> }).config;
    parseStackConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [k.slice(configNamespace().length + 1), v])));
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text, { flag: "wx" });
    const shown = relative(process.cwd(), file) || file;
    process.stdout.write(`wrote ${shown}\nnext: npx kis plan --stack-file ${shown}   (then: pulumi stack init ${env}; pulumi up)\n`);
    return 0;
  } catch (err) {
    if (err instanceof InitCancelled) {
      process.stderr.write("\nkis init: cancelled; nothing written\n");
      return 130;
    }
    throw err;
  } finally {
    ask?.close();
  }
}

/**
 * One answer: the flag's value (checked; a bad one is exit 2 naming the question and the flag), else the
 * prompt's, asked again until it passes, else the default.
 */
async function answer(q: Question, so: Answers, flag: string | undefined, ask: ((q: string) => Promise<string>) | undefined): Promise<string> {
  const fallback = q.fallback(so);
  if (flag !== undefined || !ask) {
    const checked = q.check(flag ?? fallback, so);
    if ("problem" in checked) throw new UsageError(`${q.ask(so)} (${q.flag}): ${checked.problem}`);
    if (checked.note) process.stderr.write(`kis init: ${checked.note}\n`);
    return checked.value;
  }
  for (;;) {
    const typed = (await ask(`${q.ask(so)} [${fallback}]: `)) || fallback;
    const checked = q.check(typed, so);
    if (!("problem" in checked)) {
      if (checked.note) process.stderr.write(`  ${checked.note}\n`);
      return checked.value;
    }
    process.stderr.write(`  ${checked.problem}; try again (Ctrl+C to stop)\n`);
  }
}
