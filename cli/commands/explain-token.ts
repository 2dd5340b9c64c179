import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../errors";
import { explainToken, renderExplanation } from "../explain/explain-token";
import { readPlanFile } from "../input";
import { stableJson } from "../plan/plan-document";

export const explainTokenUsage = `Usage: kis explain-token [--stack dev | --plan FILE] [--route NAME] [--now ISO] [--json] TOKEN|-

Why each route of a planned stack would accept or reject an access token: issuer, algorithm, audience or client,
token type, times with the contract's leeway, scopes and roles (claims only; the signature is not checked).

  --stack NAME   judge against out/<NAME>/plan.json (default dev; run kis plan first)
  --plan FILE    judge against this plan.json instead
  --out DIR      where kis plan wrote its artifacts (default out)
  --route NAME   only this route
  --now ISO      evaluate exp/nbf/iat at this moment instead of now
  --json         print the verdicts as JSON
  TOKEN | -      the token, or - to read it from standard input

Exit codes: 0 every shown route accepts it, 1 a route rejects it, 2 bad input.`;

/** `kis explain-token`: exit 0 when every shown route accepts the token, 1 when one rejects it, 2 on bad input. */
export async function explainTokenCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      stack: { type: "string", default: "dev" },
      plan: { type: "string" },
      out: { type: "string", default: "out" },
      route: { type: "string" },
      now: { type: "string" },
      json: { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError("explain-token: pass one token (or - to read it from standard input)");
  const token = positionals[0] === "-" ? readFileSync(0, "utf8") : positionals[0]!;
  const planPath = resolve(values.plan ?? `${values.out}/${values.stack}/plan.json`);
  if (!existsSync(planPath)) {
    throw new UsageError(`explain-token: no plan at ${planPath}; run \`kis plan --stack ${values.stack}\` first, or pass --plan FILE`);
  }
  const plan = readPlanFile(planPath);
  const now = values.now ? Date.parse(values.now) / 1000 : Math.floor(Date.now() / 1000);
  if (Number.isNaN(now)) throw new UsageError(`--now: expected an ISO date such as 2026-01-01T00:00:00Z, got ${JSON.stringify(values.now)}`);
  const explanation = explainToken(plan, token, { route: values.route, now });
  process.stdout.write(values.json ? stableJson(explanation) : `${renderExplanation(plan, explanation, now)}\n`);
  return explanation.verdicts.every((v) => v.accepted) ? 0 : 1;
}
