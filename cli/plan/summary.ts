import type { IdentityContract } from "../../components/contract";
import { ZPA_TYPE_TOKENS } from "../../components/zpa/providers/type-tokens";
import type { RecordedResource } from "./offline-runtime";
import { renderPingAccess } from "./pingaccess-summary";
import type { PlanDocument } from "./plan-document";
import { renderRequestPath } from "./request-path";
import { renderSignInSection } from "./sign-in-plan";

/** A component lists at most this many children by name; the rest are counted by type. */
const MAX_NAMED_CHILDREN = 12;

/** The plan at a glance: resource tree with counts, identity contracts, routes, artifacts. */
export function renderSummary(plan: PlanDocument, artifacts: readonly string[]): string {
  const s = plan.summary;
  const blockers = plan.deployment?.blockers ?? [];
  return [
    // First, where nobody can miss it: a stack that plans is not yet one that pulumi up accepts.
    ...(blockers.length
      ? [`PLACEHOLDER or missing settings: this stack plans offline, but pulumi up refuses it until ${blockers.length === 1 ? "this is" : `these ${blockers.length} are`} set:`, ...blockers.map((b) => `  ${b}`), ""]
      : []),
    `kis plan · project ${plan.project} · stack ${plan.stack} · environment ${plan.environment}${plan.production ? " (production)" : ""}`,
    ...(plan.productionRules ? renderProductionRules(plan.productionRules) : []),
    ...(plan.deployment ? [`Cluster: ${plan.deployment.cluster}`] : []),
    "",
    `Resources: ${s.resources} (${s.customResources} cloud/cluster resources, ${s.components} components)`,
    ...renderTree(plan.resources),
    "",
    ...plan.identityContracts.flatMap(renderContract),
    `Routes (Kong ${plan.gateway.edition}, ${plan.gateway.hostnames.join(", ")})`,
    ...renderRoutes(plan),
    "",
    ...renderSignInSection(plan.routes),
    ...renderLimitations(plan),
    ...renderRequestPath(plan.requestPath),
    ...renderZpa(plan),
    ...renderPingAccess(plan),
    ...renderF5Edge(plan),
    ...renderLogDestinations(plan),
    "Artifacts",
    ...artifacts.map((a) => `  ${a}`),
  ].join("\n");
}

function renderTree(resources: readonly RecordedResource[]): string[] {
  const children = new Map<string | undefined, RecordedResource[]>();
  const urns = new Set(resources.map((r) => r.urn));
  for (const r of resources) {
    const parent = r.parent && urns.has(r.parent) ? r.parent : undefined;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const countBelow = (urn: string): number =>
    (children.get(urn) ?? []).reduce((n, c) => n + 1 + countBelow(c.urn), 0);

  const lines: string[] = [];
  const walk = (parent: string | undefined, indent: string) => {
    const kids = children.get(parent) ?? [];
    const components = kids.filter((k) => !k.custom);
    const customs = kids.filter((k) => k.custom);
    const entries: string[] = [];
    for (const c of components) entries.push(`${c.name}  [${shortType(c.type)}, ${countBelow(c.urn)} below]`);
    if (customs.length <= MAX_NAMED_CHILDREN) {
      for (const c of customs) entries.push(`${c.name}  ${shortType(c.type)}`);
    } else {
      const byType = new Map<string, number>();
      for (const c of customs) byType.set(shortType(c.type), (byType.get(shortType(c.type)) ?? 0) + 1);
      for (const [t, n] of [...byType].sort()) entries.push(`${n} × ${t}`);
    }
    entries.forEach((e, i) => {
      const last = i === entries.length - 1;
      lines.push(`${indent}${last ? "└─ " : "├─ "}${e}`);
      const component = i < components.length ? components[i] : undefined;
      if (component) walk(component.urn, `${indent}${last ? "   " : "│  "}`);
    });
  };
  walk(undefined, "  ");
  return lines;
}

/** `azuread:index/application:Application` → `azuread:Application`. */
function shortType(type: string): string {
  const parts = type.split(":");
  return `${parts[0]}:${parts[parts.length - 1]}`;
}

function renderContract(c: IdentityContract): string[] {
  const list = (v: readonly string[]) => (v.length ? v.join(", ") : "—");
  return [
    `Identity contract: ${c.name} (${c.provider})`,
    `  issuer        ${c.issuer}`,
    `  discovery     ${c.discoveryUrl}`,
    `  jwks          ${c.jwksUri}`,
    `  audience      ${c.audience ? `${c.audience.claim} ∈ {${list(c.audience.values)}}` : "none in access tokens (clients are the binding check)"}`,
    `  clients       ${c.clients.claim} ∈ {${list(c.clients.values)}}`,
    `  scopes        ${c.scopes.claim} (${c.scopes.shape}${c.scopes.valuePrefix ? `, prefix ${c.scopes.valuePrefix}` : ""}): ${list(c.scopeNames)}`,
    `  groups        ${c.groups.claim}: ${list(c.accessGroups)}`,
    `  token         ${c.algorithms.join("/")}, leeway ${c.leewaySeconds}s, lifetime ${Math.round(c.accessTokenLifetimeSeconds / 60)} min` +
      (c.tokenType.length ? `, ${c.tokenType.map((t) => `${t.claim}=${t.value}`).join(", ")}` : ""),
    "",
  ];
}

function renderRoutes(plan: PlanDocument): string[] {
  const rows = plan.routes.map((r) => [
    r.name,
    `${r.methods.length ? r.methods.join(",") : "ANY"} ${r.paths.join(" ")}`,
    `${r.signIn ? "browser sign-in, " : ""}${r.anonymous ? "anonymous" : r.scopes.length ? `scopes ${r.scopes.join(" + ")}` : "token"}`,
    r.roles.length ? `roles ${r.roles.join(" | ")}` : "",
    // policy local: each pod counts alone, so the ceiling a caller can reach is the limit × replicas.
    `${r.effectiveRateLimitPerMinute / plan.gateway.replicas}/min per pod (up to ${r.effectiveRateLimitPerMinute}/min across ${plan.gateway.replicas})`,
    `→ ${r.upstream}`,
  ]);
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd()}`);
}

function renderLimitations(plan: PlanDocument): string[] {
  if (plan.limitations.length === 0) return [];
  return [
    `Checks Kong ${plan.gateway.edition} does not make (${plan.limitations.length})`,
    ...plan.limitations.map((l) => `  ${l.route === "*" ? "every protected route" : l.route}: ${l.check}: ${l.reason}`),
    "",
  ];
}

/** Zscaler Private Access in front of the edge (from the recorded ZPA resources): who reaches what, through what. */
function renderZpa(plan: PlanDocument): string[] {
  const inputsOf = (type: string) => plan.resources.find((r) => r.type === type)?.inputs as Record<string, any> | undefined;
  const segment = inputsOf(ZPA_TYPE_TOKENS.ApplicationSegment);
  if (!segment) return [];
  const rule = inputsOf(ZPA_TYPE_TOKENS.AccessPolicyRule);
  const key = inputsOf(ZPA_TYPE_TOKENS.ProvisioningKey);
  const connectors = plan.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment" && r.parent?.includes("ZpaConnector"));
  const ports = ((segment["tcpPortRange"] ?? []) as { from: string; to: string }[]).map((p) => (p.from === p.to ? p.from : `${p.from}-${p.to}`));
  const replicas = (connectors?.inputs["spec"] as { replicas?: number } | undefined)?.replicas;
  return [
    `Zscaler Private Access: segment ${String(segment["name"])}`,
    `  reaches       ${((segment["domainNames"] ?? []) as string[]).join(", ")} on TCP ${ports.join(", ")}, bypass ${String(segment["bypassType"])}`,
    `  admits        ${rule ? ((rule["accessGroups"] ?? []) as string[]).join(", ") || "nobody" : "no access rule"} (the access groups Kong's ACLs use)`,
    `  connectors    ${replicas ?? "?"} App Connector pods; provisioning key maxUsage ${String(key?.["maxUsage"] ?? "?")}`,
    "",
  ];
}

/** The F5 edge in front of Kong (from the f5Edge stack output): what it does and which headers Kong trusts. */
function renderF5Edge(plan: PlanDocument): string[] {
  const edge = plan.outputs["f5Edge"] as F5EdgeOutput | undefined;
  if (!edge || typeof edge !== "object") return [];
  const trusted = edge.trustedHeaders;
  return [
    `F5 BIG-IP edge (${edge.mode}): ${edge.fqdn} → ${edge.virtualAddress}:443, virtual server ${edge.virtualServer}`,
    `  port 80        ${edge.port80}`,
    `  towards Kong   ${edge.towardsKong}; verifies Kong's certificate: ${String(edge.verifiesKongCertificate)}`,
    `  header strip   ${edge.headerHygiene.removes.join(", ")} (iRule ${edge.headerHygiene.iRule}); inserts ${edge.headerHygiene.inserts}`,
    ...(edge.apmAccessProfile ? [`  APM            ${edge.apmAccessProfile}`] : []),
    trusted.headers.length > 0
      ? `  Kong trusts    ${trusted.headers.join(", ")} only from ${trusted.from.join(", ")} on ${Array.isArray(trusted.routes) ? trusted.routes.join(", ") : trusted.routes}`
      : "  Kong trusts    no edge identity header",
    ...edge.limitations.map((l) => `  limit          ${l}`),
    "",
  ];
}

interface F5EdgeOutput {
  readonly mode: string;
  readonly fqdn: string;
  readonly virtualAddress: string;
  readonly virtualServer: string;
  readonly port80: string;
  readonly towardsKong: string;
  readonly verifiesKongCertificate: unknown;
  readonly headerHygiene: { readonly removes: readonly string[]; readonly inserts: string; readonly iRule: string };
  readonly apmAccessProfile?: string;
  readonly trustedHeaders: { readonly headers: readonly string[]; readonly from: readonly string[]; readonly routes: readonly string[] | string };
  readonly limitations: readonly string[];
}

/** Where logs, traces and metrics go (the stack's logDestinations output). */
function renderLogDestinations(plan: PlanDocument): string[] {
  const list = plan.outputs["logDestinations"];
  if (!Array.isArray(list) || list.length === 0) return [];
  return ["Logs and traces", ...list.map((d: { hop: string; what: string; where: string }) => `  ${d.hop.padEnd(5)} ${d.what}: ${d.where}`), ""];
}

/** Which policy level applies and why (production-rules.ts decides; the banner only reports it). */
function renderProductionRules(rules: NonNullable<PlanDocument["productionRules"]>): string[] {
  return [`Production rules: ${rules.on ? "ON" : "off"} (${rules.reason})`, ...(rules.warning ? [`  ! ${rules.warning}`] : [])];
}
