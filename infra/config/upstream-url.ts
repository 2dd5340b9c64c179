import { z } from "zod";
import { showValue } from "./show";

/**
 * A route's upstream URL. Kong writes it into kong.yml and the plan repeats it in plan.json, manifests.yaml,
 * identity.md and the summary, so a credential inside it would travel in clear: userinfo (`user:pass@`) and
 * query parameters whose names say credential are refused, and the message shows the URL with them masked.
 */

/** Query parameter names that carry credentials (compared without case, `-`/`_` ignored). */
const CREDENTIAL_PARAMS = /^(api-?key|apikey|key|access-?key|secret|client-?secret|token|access-?token|auth|authorization|password|passwd|pwd|pass|sig|signature|credential|credentials|session|sessionid|private-?key)$/;

const FIX =
  "remove it and have Kong add the credential from a secret (a request-transformer or upstream auth plugin reading a {vault://env/...} reference), or authenticate Kong to the upstream with mTLS";

/** The URL with userinfo and credential-looking query values masked, for messages. */
export function maskUrl(value: string): string {
  return value
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, "$1***@")
    .replace(/([?&])([^=&#]*)=([^&#]*)/g, (m, sep: string, name: string) => (isCredentialParam(name) ? `${sep}${name}=***` : m));
}

const isCredentialParam = (name: string) => CREDENTIAL_PARAMS.test(decodeSafe(name).toLowerCase().replace(/_/g, "-"));

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const upstreamUrl = z.string({ error: (i) => (i.input === undefined ? "missing; expected an http(s) URL" : `expected an http(s) URL, got ${showValue(i.input)}`) }).superRefine((v, ctx) => {
  const shown = () => showValue(maskUrl(v)); // only for messages: masking costs more than the checks
  if (/[\u0000-\u0020\u007f-\u009f]/.test(v)) {
    ctx.addIssue({ code: "custom", message: `expected an http(s) URL without spaces or control characters (a newline would be written into kong.yml), got ${shown()}` });
    return;
  }
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    ctx.addIssue({ code: "custom", message: `expected an http(s) URL, got ${shown()}` });
    return;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname.length === 0) {
    ctx.addIssue({ code: "custom", message: `expected an http(s) URL, got ${shown()}` });
    return;
  }
  if (url.username || url.password || /^[a-z]+:\/\/[^/?#]*@/i.test(v)) {
    ctx.addIssue({ code: "custom", message: `${shown()} carries credentials (user:password@) that Kong would store in clear in kong.yml; ${FIX}` });
  }
  const params = [...url.searchParams.keys()].filter(isCredentialParam);
  if (params.length > 0) {
    ctx.addIssue({ code: "custom", message: `${shown()} carries a credential in query parameter ${params.map((p) => JSON.stringify(p)).join(", ")}, which Kong would store in clear in kong.yml; ${FIX}` });
  }
});
