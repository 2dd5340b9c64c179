import type { PlanDocument } from "../plan/plan-document";
import { UsageError } from "../errors";
import { escapeText } from "../output";
import { readJsonFile } from "./json-file";

/**
 * Reads a `plan.json` written by `kis plan`. Only the fields explain-token reads are checked, each with a
 * message naming the field: a `{}`, a `[]` or another tool's JSON is bad input (exit 2), not an internal error.
 */
export function readPlanFile(path: string): PlanDocument {
  const raw = readJsonFile("--plan", path);
  const where = `--plan ${escapeText(path)}`;
  const fail = (what: string) => {
    throw new UsageError(`${where}: ${what}; expected the plan.json that \`kis plan\` writes to <out>/<stack>/`);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return fail(`not a kis plan (the file holds ${Array.isArray(raw) ? "a list" : typeof raw})`);
  const doc = raw as Record<string, unknown>;
  if (doc["kind"] !== "kis-plan") fail(`not a kis plan (kind is ${doc["kind"] === undefined ? "missing" : escapeText(JSON.stringify(doc["kind"]) ?? "")})`);
  if (typeof doc["stack"] !== "string") fail("stack: missing or not a string");
  if (!Array.isArray(doc["identityContracts"])) fail("identityContracts: missing or not a list");
  const routes = doc["routes"];
  if (!Array.isArray(routes)) return fail("routes: missing or not a list");
  routes.forEach((r, i) => {
    const route = r as Record<string, unknown> | null;
    if (typeof route !== "object" || route === null || typeof route["name"] !== "string") fail(`routes[${i}]: expected a route with a name`);
    for (const key of ["scopes", "roles"]) if (!Array.isArray(route![key])) fail(`routes[${i}].${key}: missing or not a list`);
  });
  return raw as PlanDocument;
}
