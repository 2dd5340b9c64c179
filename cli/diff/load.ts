import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../errors";
import type { PlanDocument } from "../plan/plan-document";

/**
 * The plans on one side of a diff, by stack: a plan.json file, an out/<stack>/ folder holding one, or an
 * out/ folder holding a folder per stack. A missing side is bad input (exit 2); an empty out/ is not, so a
 * pull request that adds the first stack still diffs.
 */
export function loadPlans(path: string, side: "BASE" | "HEAD"): Map<string, PlanDocument> {
  if (!existsSync(path)) throw new UsageError(`diff: ${side} ${path}: no such file or folder; pass a plan.json or the out/ folder kis plan wrote`);
  const plans = new Map<string, PlanDocument>();
  const addFile = (file: string) => {
    const plan = readPlan(file, side);
    if (plans.has(plan.stack)) throw new UsageError(`diff: ${side} ${path}: two plans of stack "${plan.stack}"; pass one out/ folder per side`);
    plans.set(plan.stack, plan);
  };
  if (statSync(path).isFile()) {
    addFile(path);
    return plans;
  }
  if (existsSync(join(path, "plan.json"))) {
    addFile(join(path, "plan.json"));
    return plans;
  }
  for (const entry of readdirSync(path).sort()) {
    const file = join(path, entry, "plan.json");
    if (existsSync(file)) addFile(file);
  }
  return plans;
}

function readPlan(file: string, side: string): PlanDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new UsageError(`diff: ${side} ${file}: not valid JSON (${(err as Error).message.split("\n")[0]})`);
  }
  const d = doc as Partial<PlanDocument> | null;
  if (!d || d.kind !== "kis-plan") throw new UsageError(`diff: ${side} ${file}: not a kis plan (expected "kind": "kis-plan"); pass the plan.json kis plan wrote`);
  if (d.version !== 1) throw new UsageError(`diff: ${side} ${file}: plan version ${JSON.stringify(d.version)} is not supported (expected 1); plan both sides with this kis`);
  for (const key of ["stack", "routes", "identityContracts", "summary", "resources"] as const) {
    if (d[key] === undefined) throw new UsageError(`diff: ${side} ${file}: missing "${key}"; plan it again with kis plan`);
  }
  if (!Array.isArray(d.routes) || !Array.isArray(d.identityContracts) || !Array.isArray(d.resources)) {
    throw new UsageError(`diff: ${side} ${file}: "routes", "identityContracts" and "resources" must be lists; plan it again with kis plan`);
  }
  return d as PlanDocument;
}
