import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../errors";
import { compactToken, decodeToken, explainToken, renderExplanation } from "../explain/explain-token";
import { outputsSource, planSource, type JudgeSource } from "../explain/judge-source";
import { loadKeySet, verifySignature, type SignatureCheck } from "../explain/signature";
import { readJsonFile, readLiveOutputs, readPlanFile } from "../input";
import { escapeText } from "../output";
import { stableJson } from "../plan/plan-document";
import { commandArgs } from "./command-args";

export const explainTokenUsage = `Usage: kis explain-token [SOURCE] [--route NAME] [--now ISO] [--jwks FILE|URL [--allow-http]] [--json] TOKEN|-

Why each route would accept or reject an access token: the same checks Kong is configured with
(issuer, audience, client, token type, times and leeway, scopes, roles, kid), one line per reason.

SOURCE (what the token is judged against; the output says which):
  --stack NAME [--out DIR]   the offline plan <DIR>/<NAME>/plan.json written by \`kis plan\` (default: dev, out)
  --plan FILE                an offline plan file; client ids and audiences in a plan are mock values
  --outputs FILE             a deployed stack: the JSON of \`pulumi stack output --json\`
  --stack NAME --live        a deployed stack: runs \`pulumi stack output --json --stack NAME\` itself

  --jwks FILE|URL            verify the signature with this key set (jose), naming the key used; a URL is
                             fetched with a 5 s timeout, https only (--allow-http: http on a loopback host)
  --route NAME               judge one route only
  --now ISO                  judge at this time (e.g. a documented sample token's lifetime)
  --json                     the verdicts as JSON

Without --jwks the signature is not checked, and the output says so.
Exit codes: 0 every shown route accepts, 1 a route rejects, 2 bad input.`;

/**
 * `kis explain-token`: see `explainTokenUsage` (also exported as `usage`). Exit 0 when every shown route accepts the token, 1 when one rejects it,
 * 2 on bad input (one line, no stack trace).
 */
export async function explainTokenCommand(args: string[]): Promise<number> {
  const parsed = commandArgs(
    args,
    {
      stack: { type: "string" },
      plan: { type: "string" },
      outputs: { type: "string" },
      live: { type: "boolean", default: false },
      out: { type: "string", default: "out" },
      route: { type: "string" },
      now: { type: "string" },
      jwks: { type: "string" },
      "allow-http": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    explainTokenUsage,
    true,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError("explain-token: pass one token (or - to read it from standard input); kis explain-token --help");
  const sources = [values.plan && "--plan", values.outputs && "--outputs", values.live && "--live"].filter(Boolean);
  if (sources.length > 1) throw new UsageError(`explain-token: ${sources.join(" and ")} name two sources; pass one`);
  if (values["allow-http"] && !values.jwks) throw new UsageError("--allow-http: only with --jwks URL");

  const token = positionals[0] === "-" ? readFileSync(0, "utf8") : positionals[0]!;
  const now = values.now ? Date.parse(values.now) / 1000 : Math.floor(Date.now() / 1000);
  if (Number.isNaN(now)) throw new UsageError(`--now: expected an ISO date such as 2026-01-01T00:00:00Z, got ${escapeText(JSON.stringify(values.now))}`);
  const source = readSource(values);
  const { header } = decodeToken(token);
  let signature: SignatureCheck = { checked: false };
  if (values.jwks) {
    const keySet = await loadKeySet(values.jwks, { allowHttp: values["allow-http"], readFile: (p) => readJsonFile("--jwks", p) });
    signature = await verifySignature(compactToken(token), header, keySet, values.jwks);
  }
  const explanation = explainToken(source, token, { route: values.route, now, signature });
  process.stdout.write(values.json ? stableJson(explanation) : `${renderExplanation(source, explanation, now)}\n`);
  return explanation.verdicts.every((v) => v.accepted) ? 0 : 1;
}

function readSource(values: { stack?: string; plan?: string; outputs?: string; live: boolean; out: string }): JudgeSource {
  if (values.outputs) {
    const path = resolve(values.outputs);
    const raw = readJsonFile("--outputs", path);
    const stack = values.stack ?? "(from --outputs)";
    return outputsSource(raw, `--outputs ${escapeText(values.outputs)}`, stack, `the deployed stack outputs in ${escapeText(values.outputs)} (pulumi stack output --json)`);
  }
  if (values.live) {
    if (!values.stack) throw new UsageError("--live: name the deployed stack with --stack NAME");
    const raw = readLiveOutputs(values.stack);
    return outputsSource(raw, `--stack ${escapeText(values.stack)} --live`, values.stack, `the deployed stack ${escapeText(values.stack)} (pulumi stack output --json, read just now)`);
  }
  const stack = values.stack ?? "dev";
  const planPath = resolve(values.plan ?? `${values.out}/${stack}/plan.json`);
  if (!existsSync(planPath)) {
    throw new UsageError(`explain-token: no plan at ${escapeText(planPath)}; run \`kis plan --stack ${escapeText(stack)}\` first, or pass --plan FILE, --outputs FILE or --stack NAME --live`);
  }
  return planSource(readPlanFile(planPath), planPath);
}

/** The usage text under its short name, for callers that import `usage` from a command module. */
export const usage = explainTokenUsage;
