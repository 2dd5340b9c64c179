import { REQUIRED_STRIPPED_HEADERS, EDGE_REQUEST_ID_HEADER } from "./identity-headers";
import { analyzeIRule, removesHeader } from "./irule";

/**
 * Static checks of an AS3 declaration (plain JSON, as the policy pack and the plan see it). Each returns
 * problems as sentences naming the service; empty means the declaration passes.
 */

type Json = Record<string, unknown>;

export interface As3Service {
  /** tenant/application/name */
  readonly path: string;
  readonly service: Json;
  readonly application: Json;
}

const SERVICE_CLASSES = ["Service_HTTP", "Service_HTTPS", "Service_TCP", "Service_L4", "Service_Generic", "Service_UDP", "Service_SCTP"];
const HTTP_REDIRECT_IRULE = "/Common/_sys_https_redirect";

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every virtual service in the declaration (AS3's `class: ADC`, or an `AS3` request wrapping one). */
export function as3Services(declaration: unknown): As3Service[] {
  const adc = isObject(declaration) && declaration["class"] === "AS3" ? declaration["declaration"] : declaration;
  if (!isObject(adc)) return [];
  const found: As3Service[] = [];
  for (const [tenantName, tenant] of Object.entries(adc)) {
    if (!isObject(tenant) || tenant["class"] !== "Tenant") continue;
    for (const [appName, app] of Object.entries(tenant)) {
      if (!isObject(app) || app["class"] !== "Application") continue;
      for (const [name, item] of Object.entries(app)) {
        if (isObject(item) && SERVICE_CLASSES.includes(String(item["class"]))) {
          found.push({ path: `${tenantName}/${appName}/${name}`, service: item, application: app });
        }
      }
    }
  }
  return found;
}

/** Tenants the declaration names (top-level objects of class Tenant). */
export function as3Tenants(declaration: unknown): string[] {
  if (!isObject(declaration)) return [];
  return Object.entries(declaration)
    .filter(([, v]) => isObject(v) && v["class"] === "Tenant")
    .map(([k]) => k);
}

/** A plain-HTTP service whose only job is the redirect to https (no pool, the BIG-IP's redirect iRule). */
export function isRedirectOnly(service: Json): boolean {
  if (service["class"] !== "Service_HTTP" || service["pool"] !== undefined) return false;
  return iRuleRefs(service).some((r) => r.bigip === HTTP_REDIRECT_IRULE || r.name === "_sys_https_redirect");
}

/**
 * f5-tls-only: every service that carries HTTP is HTTPS towards the client and towards Kong. Plain HTTP
 * is allowed only as a redirect (`redirect80` on an HTTPS service, or a pool-less Service_HTTP with the
 * BIG-IP's _sys_https_redirect iRule); TCP/L4 services forwarding to a pool would carry HTTP in clear.
 */
export function tlsProblems(declaration: unknown): string[] {
  const problems: string[] = [];
  for (const { path, service } of as3Services(declaration)) {
    const cls = service["class"];
    if (cls === "Service_HTTP") {
      if (!isRedirectOnly(service)) problems.push(`${path}: Service_HTTP serves plain HTTP (only a pool-less redirect to https is allowed)`);
      continue;
    }
    if (cls === "Service_HTTPS") {
      if (service["serverTLS"] === undefined) problems.push(`${path}: Service_HTTPS without serverTLS accepts no TLS from clients`);
      if (service["pool"] !== undefined && service["clientTLS"] === undefined) {
        problems.push(`${path}: no clientTLS: bearer tokens would travel in clear from the BIG-IP to Kong`);
      }
      continue;
    }
    if ((cls === "Service_TCP" || cls === "Service_L4" || cls === "Service_Generic") && service["pool"] !== undefined) {
      problems.push(`${path}: ${String(cls)} forwards to a pool without terminating TLS (the edge cannot see or strip headers)`);
    }
  }
  return problems;
}

/**
 * f5-strips-identity-headers: every HTTP(S) service with a pool attaches an iRule of the same application
 * that (in HTTP_REQUEST) removes every header in REQUIRED_STRIPPED_HEADERS plus `extraHeaders` (what APM
 * forwards), and inserts X-Request-ID. iRules that live on the BIG-IP (`bigip` references) cannot be read.
 */
export function headerHygieneProblems(declaration: unknown, extraHeaders: readonly string[] = []): string[] {
  const required = [...REQUIRED_STRIPPED_HEADERS, ...extraHeaders.map((h) => h.toLowerCase())];
  const problems: string[] = [];
  for (const { path, service, application } of as3Services(declaration)) {
    const cls = service["class"];
    if ((cls !== "Service_HTTP" && cls !== "Service_HTTPS") || service["pool"] === undefined) continue;
    const texts = iRuleRefs(service)
      .map((r) => (r.name ? application[r.name] : undefined))
      .filter(isObject)
      .filter((rule) => rule["class"] === "iRule")
      .map((rule) => iRuleText(rule["iRule"]))
      .filter((t): t is string => t !== undefined);
    if (texts.length === 0) {
      problems.push(`${path}: no iRule of the declaration strips identity headers from client requests`);
      continue;
    }
    const analyses = texts.map(analyzeIRule);
    const missing = required.filter((h) => !analyses.some((a) => removesHeader(a, h)));
    if (missing.length > 0) problems.push(`${path}: client copies of ${missing.join(", ")} reach Kong (no iRule removes them)`);
    if (!analyses.some((a) => a.onRequest && a.inserts.includes(EDGE_REQUEST_ID_HEADER.toLowerCase()))) {
      problems.push(`${path}: no iRule inserts ${EDGE_REQUEST_ID_HEADER}`);
    }
  }
  return problems;
}

interface IRuleRef {
  readonly name?: string;
  readonly bigip?: string;
}

function iRuleRefs(service: Json): IRuleRef[] {
  const list = Array.isArray(service["iRules"]) ? service["iRules"] : [];
  return list.flatMap((r): IRuleRef[] => {
    if (typeof r === "string") return r.startsWith("/") ? [{ bigip: r }] : [{ name: r.split("/").pop()! }];
    if (isObject(r) && typeof r["use"] === "string") return [{ name: (r["use"] as string).split("/").pop()! }];
    if (isObject(r) && typeof r["bigip"] === "string") return [{ bigip: r["bigip"] as string }];
    return [];
  });
}

/** An iRule's text: a string, `{text}` or `{base64}`; a URL cannot be read here. */
function iRuleText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value["text"] === "string") return value["text"] as string;
  if (isObject(value) && typeof value["base64"] === "string") return Buffer.from(value["base64"] as string, "base64").toString("utf8");
  return undefined;
}
