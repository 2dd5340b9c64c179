import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { isMap, isSeq, parse, parseDocument, type Document } from "yaml";
import { REPO_ROOT, runKis, tempDir } from "./run-kis";

/**
 * The fixture pull requests of test/fixtures/pull-requests/: each folder's pr.yaml names a base stack file and the
 * edits that make the pull request's version of it, and says what `kis diff` must print. Edits are applied to a
 * copy of the base (comments and encrypted values kept), so a pair is a few lines, not two 90-line stack files.
 *
 *   base: stacks/Pulumi.dev.yaml          # or "none": the pull request adds the stack
 *   head: none                            # optional: the pull request removes the stack
 *   edits:                                # on the stack file; a path step `name=x` picks a list item by name
 *     - { set: [config, "kong-identity-stack:identity", clients, name=billing-service, groups], value: [a, b] }
 *     - { add: [config, "kong-identity-stack:routes"], value: {...} }
 *     - { delete: [config, "kong-identity-stack:routes", name=health, anonymous] }
 *   planEdits:                            # stand-in: on HEAD's plan.json, for what no stack setting expresses
 *     - { resource: kong-release, set: [values, manager, enabled], value: true }
 *     - { set: [policy, policies, name=clock-leeway, enforcementLevel], value: advisory }   # no resource: from the top
 *     - { resource: f5-tenant, set: [..., iRule], replace: "old text", value: "new text" }
 *   basePlanEdits: [...]                  # the same on BASE's plan.json
 *   expect:
 *     exit: 1
 *     lines: [...]                        # every widening and narrowing line of `kis diff`, in order
 *     neutral: [...]                      # optional: neutral lines that must be printed (a rate limit's values)
 */
export const CORPUS_DIR = join(REPO_ROOT, "test", "fixtures", "pull-requests");

type Step = string | number;
export interface Edit {
  readonly set?: Step[];
  readonly add?: Step[];
  readonly delete?: Step[];
  readonly value?: unknown;
}
export interface PlanEdit extends Edit {
  /** A resource's logical name: the path is inside its inputs. Absent: the path is from plan.json's top. */
  readonly resource?: string;
  /** With set: replace this text in the string at the path by `value`. */
  readonly replace?: string;
}
export interface PullRequest {
  readonly name: string;
  readonly why: string;
  readonly base: string;
  readonly head: string | undefined;
  readonly edits: readonly Edit[];
  readonly planEdits: readonly PlanEdit[];
  /** Stand-in edits of BASE's plan.json, for a pair whose widening direction needs a base the examples lack. */
  readonly basePlanEdits: readonly PlanEdit[];
  /** lines: every widening and narrowing line, exactly; neutral: lines that must be among the neutral ones. */
  readonly expect: { readonly exit: number; readonly lines: readonly string[]; readonly neutral: readonly string[] };
}

export function loadCorpus(): PullRequest[] {
  return readdirSync(CORPUS_DIR)
    .filter((d) => existsSync(join(CORPUS_DIR, d, "pr.yaml")))
    .sort()
    .map((name) => {
      let doc: Omit<PullRequest, "name">;
      try {
        doc = parse(readFileSync(join(CORPUS_DIR, name, "pr.yaml"), "utf8")) as Omit<PullRequest, "name">;
      } catch (err) {
        throw new Error(`test/fixtures/pull-requests/${name}/pr.yaml: ${(err as Error).message.split("\n")[0]}`);
      }
      return { name, why: doc.why, base: doc.base, head: doc.head, edits: doc.edits ?? [], planEdits: doc.planEdits ?? [], basePlanEdits: doc.basePlanEdits ?? [], expect: { exit: doc.expect.exit, lines: doc.expect.lines ?? [], neutral: doc.expect.neutral ?? [] } };
    });
}

/** The stack name a stack file plans as: Pulumi.<stack>.yaml. */
export const stackOf = (file: string) => basename(file).replace(/^Pulumi\./, "").replace(/\.yaml$/, "");

/** The pull request's stack file: the base (or head) file with the edits applied. */
export function headStackText(pr: PullRequest): string {
  const source = pr.head ?? pr.base;
  const doc = parseDocument(readFileSync(join(REPO_ROOT, source), "utf8"));
  for (const edit of pr.edits) applyEdit(doc, edit, `${pr.name}/pr.yaml`);
  return doc.toString();
}

function applyEdit(doc: Document, edit: Edit, where: string): void {
  const path = edit.set ?? edit.add ?? edit.delete;
  if (!path) throw new Error(`${where}: an edit needs set, add or delete`);
  const resolved = resolvePath(doc, path, where);
  if (edit.set) doc.setIn(resolved, doc.createNode(edit.value));
  else if (edit.add) doc.addIn(resolved, doc.createNode(edit.value));
  else if (!doc.hasIn(resolved)) throw new Error(`${where}: nothing to delete at ${path.join(".")}`);
  else doc.deleteIn(resolved);
}

/** `name=x` steps become the index of the list item named x. */
function resolvePath(doc: Document, path: readonly Step[], where: string): Step[] {
  const out: Step[] = [];
  for (const step of path) {
    const m = typeof step === "string" ? /^name=(.+)$/.exec(step) : null;
    if (!m) {
      out.push(step);
      continue;
    }
    const list = doc.getIn(out, true);
    if (!isSeq(list)) throw new Error(`${where}: ${out.join(".")} is not a list`);
    const i = list.items.findIndex((item) => isMap(item) && item.get("name") === m[1]);
    if (i < 0) throw new Error(`${where}: no item named ${m[1]} in ${out.join(".")}`);
    out.push(i);
  }
  return out;
}

/** A stand-in edit of one resource's inputs in HEAD's plan.json (what a component change would produce). */
export function applyPlanEdits(planFile: string, edits: readonly PlanEdit[], where: string): void {
  if (!edits.length) return;
  const plan = JSON.parse(readFileSync(planFile, "utf8")) as { resources: { name: string; inputs: Record<string, unknown> }[] } & Record<string, unknown>;
  for (const edit of edits) {
    const resource = edit.resource === undefined ? undefined : plan.resources.find((r) => r.name === edit.resource);
    if (edit.resource !== undefined && !resource) throw new Error(`${where}: no resource ${edit.resource} in the plan`);
    const path = edit.set ?? edit.delete;
    if (!path?.length) throw new Error(`${where}: a plan edit needs set or delete`);
    let node = (resource ? resource.inputs : plan) as Record<string | number, unknown>;
    const named = (n: Record<string | number, unknown>, step: Step) => {
      const m = typeof step === "string" ? /^name=(.+)$/.exec(step) : null;
      return m && Array.isArray(n) ? n.findIndex((x: { name?: unknown }) => x?.name === m[1]) : step;
    };
    const steps = [...path]; // `name=x` steps resolved as the walk reaches them
    for (let i = 0; i < steps.length - 1; i++) {
      steps[i] = named(node, steps[i]!);
      node = node[steps[i]!] as Record<string | number, unknown>;
      if (node === undefined || node === null) throw new Error(`${where}: ${path.join(".")} is not in the plan`);
    }
    const last = named(node, steps[steps.length - 1]!);
    if (edit.set && edit.replace !== undefined) {
      const text = String(node[last]);
      if (!text.includes(edit.replace)) throw new Error(`${where}: ${path.join(".")} does not contain ${JSON.stringify(edit.replace)}`);
      node[last] = text.replace(edit.replace, String(edit.value));
    } else if (edit.set) node[last] = edit.value;
    else if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  }
  writeFileSync(planFile, JSON.stringify(plan));
}

export interface PlannedPair {
  readonly base: string;
  readonly head: string;
}

/**
 * Plans every pair: each base stack file once, each pull request's head once, into out/ folders as the preview
 * workflow's plan-stacks.sh writes them (an empty folder for a side without the stack).
 */
export async function planCorpus(corpus: readonly PullRequest[]): Promise<Map<string, PlannedPair>> {
  const root = tempDir("pr-corpus");
  const bases = new Map<string, string>();
  const empty = join(root, "empty");
  mkdirSync(empty);
  const failures: string[] = [];
  const plan = async (file: string, out: string) => {
    const run = await runKis(["plan", "--stack-file", file, "--out", out]);
    // 1: a mandatory policy violation; the plan's files are written all the same and kis diff shows it.
    if (run.status !== 0 && run.status !== 1) failures.push(`kis plan ${file}: exit ${run.status}: ${run.stderr.trim().split("\n").pop()}`);
    return run.status === 0 || run.status === 1;
  };
  for (const file of [...new Set(corpus.map((pr) => pr.base).filter((b) => b !== "none"))]) {
    const out = join(root, "base", stackOf(file));
    await plan(join(REPO_ROOT, file), out);
    bases.set(file, out);
  }
  const pairs = new Map<string, PlannedPair>();
  for (const pr of corpus) {
    let head = empty;
    if (pr.head !== "none") {
      const dir = join(root, "head", pr.name);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, basename(pr.head ?? pr.base));
      writeFileSync(file, headStackText(pr));
      head = join(dir, "out");
      if (!(await plan(file, head))) continue;
      applyPlanEdits(join(head, stackOf(file), "plan.json"), pr.planEdits, `${pr.name}/pr.yaml`);
    }
    let base = pr.base === "none" ? empty : bases.get(pr.base)!;
    if (pr.basePlanEdits.length) {
      const copy = join(root, "base-edited", pr.name);
      cpSync(base, copy, { recursive: true });
      applyPlanEdits(join(copy, stackOf(pr.base), "plan.json"), pr.basePlanEdits, `${pr.name}/pr.yaml basePlanEdits`);
      base = copy;
    }
    pairs.set(pr.name, { base, head });
  }
  if (failures.length) throw new Error(`fixture pull requests that do not plan:\n${failures.join("\n")}`);
  return pairs;
}

/** The verdict lines of `kis diff`'s text output: every widening and narrowing line (or neutral ones), trimmed. */
export const verdictLines = (stdout: string, classes = "widening|narrowing") => stdout.split("\n").filter((l) => new RegExp(`^ {2}(${classes}) `).test(l)).map((l) => l.trim());
