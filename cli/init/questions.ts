import { PLACEHOLDER, PROVIDER_KINDS, TENANT_BY_KIND, tenantProblem, type QuickstartAnswers } from "../../infra/config";
import { hostnameProblem, upstreamProblem } from "./answer-checks";

/** What one answer became: the value, and a line saying how it was normalised when it was not taken as typed. */
export type Checked = { readonly value: string; readonly note?: string } | { readonly problem: string };

/** The answers so far, by question key; later questions' defaults and checks depend on earlier ones. */
export type Answers = Readonly<Record<string, string>>;

/** One question of `kis init`: asked at the prompt, or answered by its flag. Pure. */
export interface Question {
  readonly key: "idp" | "env" | "production" | "tenant" | "apiName" | "hostname" | "upstream" | "kubeContext";
  readonly flag: string;
  /** The question as the prompt shows it, and as errors name it. */
  readonly ask: (a: Answers) => string;
  readonly fallback: (a: Answers) => string;
  readonly check: (answer: string, a: Answers) => Checked;
}

const ENV_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const kindOf = (a: Answers) => a["idp"] as QuickstartAnswers["idp"];
const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

export const QUESTIONS: readonly Question[] = [
  {
    key: "idp",
    flag: "--idp",
    ask: () => `Identity provider (${PROVIDER_KINDS.join(", ")})`,
    fallback: () => "entra",
    check: (answer) => {
      const kind = answer.trim().toLowerCase().replace(/^microsoft\s+entra(\s+id)?$|^azure\s*ad$|^aws\s+cognito$/, (m) => (m.includes("cognito") ? "cognito" : "entra"));
      if (!(PROVIDER_KINDS as readonly string[]).includes(kind)) return { problem: `expected one of ${PROVIDER_KINDS.join(", ")}, got ${JSON.stringify(answer)}` };
      return kind === answer ? { value: kind } : { value: kind, note: `took ${JSON.stringify(answer)} as ${kind}` };
    },
  },
  {
    key: "env",
    flag: "--env",
    ask: () => "Environment (stack) name",
    fallback: () => "dev",
    check: (answer) =>
      ENV_PATTERN.test(answer) ? { value: answer } : { problem: `expected an environment name such as dev or payments-prod (lower-case letters, digits and dashes), got ${JSON.stringify(answer)}` },
  },
  {
    key: "production",
    flag: "--production",
    ask: () => "Is this a production stack? (yes or no: production rules, 30-minute tokens, three Kong replicas)",
    fallback: () => "no",
    check: (answer) => {
      const yes = /^(y|yes|true)$/i.test(answer.trim());
      const no = /^(n|no|false)$/i.test(answer.trim());
      return yes || no ? { value: yes ? "true" : "false" } : { problem: `expected yes or no, got ${JSON.stringify(answer)}` };
    },
  },
  {
    key: "tenant",
    flag: "--tenant",
    ask: (a) => `${capital(TENANT_BY_KIND[kindOf(a)].what)}, or ${PLACEHOLDER} to decide later (plans offline; pulumi up refuses it)`,
    // A Cognito region is never unknown the way a tenant id is: its default is a real region.
    fallback: (a) => (kindOf(a) === "cognito" ? TENANT_BY_KIND.cognito.placeholder : PLACEHOLDER),
    check: (answer, a) => normaliseTenant(kindOf(a), answer),
  },
  {
    key: "apiName",
    flag: "--api-name",
    ask: () => "API name (lower-case, dashes)",
    fallback: () => "orders-api",
    check: (answer) => (ENV_PATTERN.test(answer) ? { value: answer } : { problem: `expected a name of lower-case letters, digits and dashes such as payments-api, got ${JSON.stringify(answer)}` }),
  },
  {
    key: "hostname",
    flag: "--hostname",
    ask: () => "Host name clients call",
    fallback: (a) => `api.${a["env"]}.example.com`,
    check: (answer) => {
      const host = answer.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
      const problem = hostnameProblem(host);
      if (problem) return { problem };
      return host === answer ? { value: host } : { value: host, note: `took the host name ${host} from ${JSON.stringify(answer)}` };
    },
  },
  {
    key: "upstream",
    flag: "--upstream",
    ask: () => "Upstream service URL",
    fallback: () => "http://orders.orders.svc.cluster.local:8080",
    check: (answer) => {
      const problem = upstreamProblem(answer);
      return problem ? { problem } : { value: answer };
    },
  },
  {
    key: "kubeContext",
    flag: "--kube-context",
    ask: () => `Kubernetes context this stack deploys to (from your kubeconfig), or ${PLACEHOLDER} to decide later`,
    fallback: () => PLACEHOLDER,
    check: (answer) =>
      /^[^\s\u0000-\u001f\u007f]{1,253}$/.test(answer) ? { value: answer } : { problem: `expected a kubeconfig context name (no spaces), got ${JSON.stringify(answer)}` },
  },
];

/**
 * A tenant as people paste it: an Entra GUID in capitals or inside a login.microsoftonline.com URL, an Okta org name
 * or its admin/org URL (https://dev-123456.okta.com, -admin, oktapreview.com), a Cognito region or an issuer URL
 * naming one. Normalised to what the stack file holds, saying so.
 */
export function normaliseTenant(kind: QuickstartAnswers["idp"], answer: string): Checked {
  const given = answer.trim();
  if (given === PLACEHOLDER) return { value: PLACEHOLDER };
  let value = given;
  if (kind === "entra") {
    value = (given.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i)?.[0] ?? given).toLowerCase();
  } else if (kind === "okta") {
    const url = given.toLowerCase().match(/^(?:https?:\/\/)?([a-z0-9][a-z0-9-]*?)(?:-admin)?\.(okta\.com|oktapreview\.com|okta-emea\.com)(?:[/:?#].*)?$/);
    if (url) value = url[2] === "okta.com" ? url[1]! : `${url[1]}.${url[2]}`;
  } else {
    value = (given.match(/(?:^|[/.])([a-z]{2}(?:-[a-z]+)+-\d)(?:[._/]|$)/)?.[1] ?? given).toLowerCase();
  }
  const problem = tenantProblem(kind, value);
  if (problem) return { problem: problem.replace(/^idpTenant: /, "") };
  return value === given ? { value } : { value, note: `took ${kind === "entra" ? "the tenant id" : kind === "okta" ? "the Okta org" : "the region"} ${value} from ${JSON.stringify(given)}` };
}
