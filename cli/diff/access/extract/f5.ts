import type { PlanDocument } from "../../../plan/plan-document";
import type { AccessFact, Rule } from "../types";
import { ofType, record, sorted, strings } from "./resources";

const T = {
  as3: "pulumi-nodejs:dynamic/f5:As3Tenant",
  virtualServer: "kubernetes:cis.f5.com/v1:VirtualServer",
  tlsProfile: "kubernetes:cis.f5.com/v1:TLSProfile",
};
const ANNOTATION = { sources: "kong-identity-stack/edge-sources", headers: "kong-identity-stack/edge-trusted-headers" };

const SOURCES: Rule = { kind: "set", widensWhen: "added", gained: "Kong trusts identity headers from more addresses", lost: "Kong trusts identity headers from fewer addresses", within: "cidr" };
const HEADERS: Rule = { kind: "set", widensWhen: "added", gained: "Kong trusts another identity header from the edge", lost: "Kong trusts fewer identity headers from the edge" };
const ROUTES: Rule = { kind: "set", widensWhen: "added", gained: "another route trusts the edge's identity headers", lost: "a route no longer trusts the edge's identity headers" };
const STRIPPED: Rule = { kind: "set", widensWhen: "removed", gained: "the edge strips another client header", lost: "header no longer stripped by the edge (a client can send it to Kong)" };
const WEAK_TLS: Rule = { kind: "set", widensWhen: "added", gained: "weaker TLS versions allowed", lost: "weak TLS versions refused" };
/** AS3 TLS flags of versions older than TLS 1.2. */
const WEAK_FLAGS: Record<string, string> = { sslEnabled: "SSLv2", ssl3Enabled: "SSLv3", tls1_0Enabled: "TLS 1.0", tls1_1Enabled: "TLS 1.1" };

/** F5 BIG-IP (AS3 or CIS): the addresses and headers Kong trusts from the edge, the headers it strips, its TLS. */
export function f5Facts(plan: PlanDocument): AccessFact[] {
  const out: AccessFact[] = [];
  for (const tenant of ofType(plan, T.as3)) {
    const subject = `F5 tenant "${String(tenant.inputs["tenant"] ?? tenant.name)}"`;
    const trust = record(tenant.inputs["edgeTrust"]);
    out.push(
      { area: "edge", subject, aspect: "trusted sources", value: sorted(strings(trust["sources"])), rule: SOURCES },
      { area: "edge", subject, aspect: "trusted headers", value: sorted(strings(trust["headers"])), rule: HEADERS },
      { area: "edge", subject, aspect: "trusting routes", value: sorted(strings(trust["routes"])), rule: ROUTES },
    );
    const objects = as3Objects(tenant.inputs["declaration"]);
    const stripped = objects.filter(([, o]) => o["class"] === "iRule").flatMap(([, o]) => strippedHeaders(String(o["iRule"] ?? "")));
    out.push({ area: "edge", subject, aspect: "stripped headers", value: sorted(stripped), rule: STRIPPED });
    for (const [name, o] of objects.filter(([, o]) => o["class"] === "TLS_Server" || o["class"] === "TLS_Client")) {
      const s = `${subject} ${String(o["class"])} "${name}"`;
      out.push({ area: "edge", subject: s, aspect: "weak TLS", value: Object.entries(WEAK_FLAGS).filter(([flag]) => o[flag] === true).map(([, v]) => v), rule: WEAK_TLS });
      if (o["class"] === "TLS_Client") out.push({ area: "edge", subject: s, aspect: "certificate validation", value: o["validateCertificate"] !== false, rule: { kind: "flag", widensWhen: false, on: "validates Kong's certificate again", off: "no longer validates Kong's certificate" } });
    }
  }
  for (const vs of ofType(plan, T.virtualServer)) {
    const subject = `F5 virtual server "${vs.name}"`;
    const annotations = record(record(vs.inputs["metadata"])["annotations"]);
    const list = (v: unknown) => sorted(String(v ?? "").split(",").map((x) => x.trim()).filter(Boolean));
    out.push(
      { area: "edge", subject, aspect: "trusted sources", value: list(annotations[ANNOTATION.sources]), rule: SOURCES },
      { area: "edge", subject, aspect: "trusted headers", value: list(annotations[ANNOTATION.headers]), rule: HEADERS },
      { area: "edge", subject, aspect: "plain HTTP", value: String(record(vs.inputs["spec"])["httpTraffic"] ?? "none"), rule: { kind: "rank", order: ["none", "redirect", "allow"], what: "plain-HTTP traffic" } },
    );
  }
  for (const profile of ofType(plan, T.tlsProfile)) {
    const disabled = strings(record(record(profile.inputs["spec"])["tlsCipher"])["disableTLSVersions"]);
    out.push({ area: "edge", subject: `F5 TLS profile "${profile.name}"`, aspect: "disabled TLS versions", value: sorted(disabled), rule: { kind: "set", widensWhen: "removed", gained: "another TLS version refused", lost: "weaker TLS versions allowed" } });
  }
  return out;
}

/** Every named object under the declaration's tenants and applications: [name, object]. */
function as3Objects(declaration: unknown): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  const walk = (node: Record<string, unknown>, depth: number) => {
    for (const [key, value] of Object.entries(node)) {
      const o = record(value);
      if (typeof o["class"] !== "string") continue;
      out.push([key, o]);
      if (depth < 3 && (o["class"] === "Tenant" || o["class"] === "Application")) walk(o, depth + 1);
    }
  };
  walk(record(declaration), 0);
  return out;
}

/** The header-name patterns an iRule's `switch -glob` removes: `"x-consumer-*" -` … `"x-apm-groups" { HTTP::header remove`. */
export function strippedHeaders(irule: string): string[] {
  const out: string[] = [];
  for (const block of irule.matchAll(/switch -glob[^{]*\{([\s\S]*?HTTP::header remove)/g)) {
    for (const m of block[1]!.matchAll(/^\s*"([^"]+)"\s*(?:-|\{)\s*$/gm)) out.push(m[1]!);
  }
  return out;
}
