import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { policyConfigFileFor } from "../../../policy-packs/identity/policies";
import { exampleStackRaw } from "../../support/example-stacks";
import { REPO_ROOT } from "../../support/run-kis";
import { languageHostStatus, type PulumiRun, type PulumiWorkspace } from "../support/pulumi-cli";

/** The program tests need the Node.js language host besides the CLI; without it they fail at once, saying why. */
export function requireLanguageHost(): void {
  const status = languageHostStatus();
  if (!/^(built|on PATH)/.test(status)) {
    throw new Error(`the Node.js language host is not installed (${status}); docs/testing.md#the-language-host says why and how to provide one`);
  }
}

export const POLICY_PACK = join(REPO_ROOT, "policy-packs", "identity");
/** The policy config the stack's own `production:` setting selects, as kis plan and the workflows choose it. */
export const policyConfigFor = (stack: string) => join(REPO_ROOT, policyConfigFileFor(exampleStackRaw(stack)["production"] === true));

/** A stack's file copied to the workspace, so a test can change it without touching stacks/. */
export function stackFileCopy(ws: PulumiWorkspace, stack: string): string {
  const copy = join(ws.home, `Pulumi.${stack}.yaml`);
  copyFileSync(join(REPO_ROOT, "stacks", `Pulumi.${stack}.yaml`), copy);
  return copy;
}

/** The engine's own words on the policy pack: the mandatory violations (rule names) and the policies it could not run. */
export function policyVerdicts(run: PulumiRun): { violated: string[]; notRun: string[] } {
  const text = `${run.stdout}\n${run.stderr}`;
  const violated = [...text.matchAll(/\[mandatory\][^\n]*?\s{2}([a-z0-9-]+)\s{2}/g)].map((m) => m[1]!);
  const notRun = [...text.matchAll(/can't run policy '([a-z0-9-]+)'/g)].map((m) => m[1]!);
  return { violated: [...new Set(violated)].sort(), notRun: [...new Set(notRun)].sort() };
}

/**
 * The operations of `--json` output: a preview prints one document with `steps`; up and destroy print that
 * document and then one event per line, whose `resourcePreEvent`s are the operations the engine carried out.
 */
export function stepsOf(run: PulumiRun): { op: string; urn: string }[] {
  if (run.status !== 0) throw new Error(`pulumi exited ${run.status}:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-3000)}`);
  const events = run.stdout.split("\n").filter((line) => line.startsWith('{"sequence"'));
  if (events.length === 0) return ((JSON.parse(run.stdout) as { steps?: { op: string; urn: string }[] }).steps ?? []);
  return events
    .map((line) => (JSON.parse(line) as { resourcePreEvent?: { metadata: { op: string; urn: string } } }).resourcePreEvent?.metadata)
    .filter((m): m is { op: string; urn: string } => m !== undefined)
    .map(({ op, urn }) => ({ op, urn }));
}

export const fileText = (path: string) => readFileSync(path, "utf8");

/**
 * `pulumi stack init NAME`: the CLI writes stacks/Pulumi.NAME.yaml with a new salt (it has no --config-file);
 * for a stack that runs from a copied or fixture file (--config-file), that stray file is removed again.
 */
export function initStack(ws: PulumiWorkspace, name: string): void {
  const own = join(REPO_ROOT, "stacks", `Pulumi.${name}.yaml`);
  const existed = existsSync(own);
  const run = ws.pulumi(["stack", "init", name, "--no-select"]);
  if (!existed) rmSync(own, { force: true });
  if (run.status !== 0) throw new Error(`pulumi stack init ${name} exited ${run.status}: ${run.stderr}`);
}
