import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../errors";
import { stableJson } from "../plan/plan-document";
import { clearTextRefusal, credentialEnv, readVerifyTarget, renderVerify, runVerify } from "../verify";
import { commandArgs } from "./command-args";

export const usage = `Usage: kis verify (--outputs FILE | --plan FILE | --stack dev) [--base-url URL] [--expect-unreachable]
           [--concurrency N] [--timeout SECONDS] [--ca FILE] [--token-url URL] [--allow-http-loopback]
           [--write-probes] [--json]

Probes a deployed edge route by route and compares every answer with what the stack says it must be:
  no token → 401, a malformed token → 401, and for each service client whose credentials are in the
  environment (KIS_VERIFY_<CLIENT>_SECRET, optionally KIS_VERIFY_<CLIENT>_ID; e.g. KIS_VERIFY_BILLING_SERVICE_SECRET)
  a real client-credentials token from the IdP's token endpoint → 2xx or 403 exactly as the route's scopes
  and roles judge that token (the same checkClaims the plan uses; 401 if the token does not fit the contract).
  --outputs FILE        \`pulumi stack output --json\` of the deployed stack
  --plan FILE           a kis plan (plan.json); --stack NAME reads out/NAME/plan.json
  --base-url URL        where the edge answers (default: the stack's proxyEndpoint); Host and TLS name stay the route's host
  --expect-unreachable  run from outside the ZPA network: every route must give no answer at all
  --concurrency N       requests in flight (default 4); --timeout SECONDS: each request's whole deadline (default 5)
  --ca FILE             PEM bundle for a private edge CA; --token-url URL overrides discovery (https)
  --allow-http-loopback allow http:// for a base URL or token endpoint on a loopback address (a local stand-in);
                        http anywhere else is refused (exit 2): tokens and client secrets would cross in clear
  --write-probes        send POST/PUT/PATCH/DELETE probes to a production stack's write-only routes (not sent by default)
Only safe methods (GET, HEAD, OPTIONS) are sent where a route allows one; a route with only unsafe methods
gets an empty request and "allowed" means anything but 401/403, except on a production stack (plan.json or
the output \`production\`; unknown counts as production), where that probe is not sent unless --write-probes.
Tokens and secrets are never printed.
Exit codes: 0 every probe as expected, 1 any mismatch, 2 bad input.`;

/** `kis verify`: see usage. */
export async function verifyCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = commandArgs(
    args,
    {
      outputs: { type: "string" },
      plan: { type: "string" },
      stack: { type: "string" },
      out: { type: "string", default: "out" },
      "base-url": { type: "string" },
      "expect-unreachable": { type: "boolean", default: false },
      concurrency: { type: "string", default: "4" },
      timeout: { type: "string", default: "5" },
      ca: { type: "string" },
      "token-url": { type: "string" },
      "allow-http-loopback": { type: "boolean", default: false },
      "write-probes": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    usage,
  );
  if (!parsed) return 0;
  const { values } = parsed;
  const sources = [values.outputs, values.plan, values.stack].filter((v) => v !== undefined);
  if (sources.length !== 1) throw new UsageError("verify: give exactly one of --outputs FILE, --plan FILE or --stack NAME (kis verify --help)");
  const path = resolve(values.outputs ?? values.plan ?? `${values.out}/${values.stack}/plan.json`);
  if (!existsSync(path)) throw new UsageError(`verify: no file at ${path}${values.stack ? `; run \`kis plan --stack ${values.stack}\` first` : ""}`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new UsageError(`verify: ${path} is not JSON`);
  }
  const target = readVerifyTarget(doc, path);
  const concurrency = intOption("--concurrency", values.concurrency, 1, 64);
  const timeoutMs = Number(values.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 120_000) {
    throw new UsageError(`--timeout: expected seconds from 0.1 to 120, got ${JSON.stringify(values.timeout)}`);
  }
  const baseUrl = values["base-url"];
  if (baseUrl !== undefined && !/^https?:\/\/[^/]+/.test(baseUrl)) throw new UsageError(`--base-url: expected an https URL, got ${JSON.stringify(baseUrl)}`);
  const allowHttpLoopback = values["allow-http-loopback"];
  // Every probe but two carries a bearer token, and the token endpoint gets a client secret: never in clear.
  for (const [option, url] of [["--base-url", baseUrl ?? target.proxyEndpoint], ["--token-url", values["token-url"]]] as const) {
    if (url === undefined) continue;
    const refused = clearTextRefusal(url, allowHttpLoopback);
    if (refused) throw new UsageError(`${option}: ${JSON.stringify(url)} ${refused}`);
  }
  if (values.ca !== undefined && !existsSync(values.ca)) throw new UsageError(`--ca: no file at ${values.ca}`);

  const credentials: Record<string, { id?: string; secret: string }> = {};
  for (const c of target.clients) {
    const names = credentialEnv(c.name);
    const secret = env[names.secret];
    if (secret) credentials[c.name] = { ...(env[names.id] ? { id: env[names.id]! } : {}), secret };
  }
  const report = await runVerify(target, {
    ...(baseUrl ? { baseUrl } : {}),
    expectUnreachable: values["expect-unreachable"],
    concurrency,
    timeoutMs,
    ...(values.ca ? { ca: readFileSync(values.ca, "utf8") } : {}),
    ...(values["token-url"] ? { tokenUrl: values["token-url"] } : {}),
    credentials,
    allowHttpLoopback,
    writeProbes: values["write-probes"],
    now: Math.floor(Date.now() / 1000),
  });
  process.stdout.write(values.json ? stableJson({ kind: "kis-verify", version: 1, ...report }) : `${renderVerify(report)}\n`);
  return report.mismatches === 0 ? 0 : 1;
}

function intOption(option: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${option}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}
