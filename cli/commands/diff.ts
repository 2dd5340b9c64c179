import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { diffPlanSets, loadPlans, renderMarkdown, renderText } from "../diff";
import { UsageError } from "../errors";
import { stableJson } from "../plan/plan-document";
import { commandArgs } from "./command-args";

export const usage = `Usage: kis diff BASE HEAD [--markdown | --json] [--title TEXT] [--output FILE]

Compares the identity facts of two offline plans: BASE and HEAD are each a plan.json, an out/<stack>/
folder, or an out/ folder with one folder per stack (as \`kis plan --out\` writes them).

Every change is classified, with its before and after value and the route, client or resource it concerns:
  widening   less protection. Clients: a new client, a group, role, scope, app-role assignment, grant or
             consent gained, a kind change (service <-> web), a new redirect or post-logout URI (flagged when
             not https or not on a host the stack owns). Routes: anonymous, a lost scope, role, acl or token
             check, a new route, more paths, hosts or methods. Tokens: longer access, refresh, ID-token,
             session or secret lifetimes, a larger leeway, another audience, issuer or algorithm. Policy: a
             rule advisory or off. Edge: ZPA groups, domains or ports; F5 trusted addresses or headers, a
             header no longer stripped, weaker TLS; PingAccess all -> any or a rule removed; Kong's plaintext
             listener, Admin API or Manager exposed. A new stack (listed with what it will expose).
  narrowing  more protection: the mirror of each
  neutral    neither (an upstream, a rate limit with its values, resources that would be updated), or a plan
             section kis diff has no rule for (listed apart, never widening)

Output: a text list (default), --markdown (the pull-request comment: tables, policy verdicts, the request
diagram, at most 65,536 characters) or --json. --output FILE writes it to FILE instead of stdout.

Exit codes: 0 no widening change, 1 at least one widening change, 2 bad input.`;

/** `kis diff BASE HEAD`: exit 0 no widening, 1 widening, 2 bad input. */
export async function diffCommand(args: string[]): Promise<number> {
  const parsed = commandArgs(
    args,
    {
      markdown: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      title: { type: "string" },
      output: { type: "string" },
    },
    usage,
    true,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 2) throw new UsageError(`diff: expected BASE and HEAD, got ${positionals.length} argument${positionals.length === 1 ? "" : "s"} (kis diff --help)`);
  if (values.markdown && values.json) throw new UsageError("diff: --markdown and --json exclude each other; pass one");
  const [basePath, headPath] = positionals.map((p) => resolve(p)) as [string, string];
  const base = loadPlans(basePath, "BASE");
  const head = loadPlans(headPath, "HEAD");
  if (base.size === 0 && head.size === 0) throw new UsageError(`diff: no plan.json under ${positionals[0]} or ${positionals[1]}; run kis plan --out DIR first`);
  const report = diffPlanSets(base, head);
  const text = values.json
    ? stableJson(report)
    : values.markdown
      ? renderMarkdown(report, values.title ? { title: values.title } : {})
      : `${renderText(report)}\n`;
  if (values.output) writeFileSync(resolve(values.output), text);
  else process.stdout.write(text);
  return report.counts.widening > 0 ? 1 : 0;
}
