import type { IdentityContract } from "../../components/contract";
import type { PlannedRoute } from "../plan/plan-document";
import { SESSION_TIMEOUTS, type IdentityFacts, type KongRouteChecks } from "./facts";
import type { Change, ChangeArea, ChangeClass } from "./types";

/**
 * The identity-relevant changes from BASE to HEAD of one stack. Pure: same facts in, same list out, in a
 * stable order (by area, then as the rules below emit them).
 *
 * The direction rules follow what each check means at the gateway: every listed scope is required (a removed
 * scope widens), any one listed group is enough (an added group widens, but adding the first one narrows),
 * any listed audience, client, issuer or algorithm is accepted (an added one widens).
 */
export function compareFacts(base: IdentityFacts, head: IdentityFacts): Change[] {
  const out: Change[] = [];
  const add = (area: ChangeArea, cls: ChangeClass, subject: string, what: string, before?: string, after?: string) =>
    out.push({ class: cls, area, subject, what, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });

  // ------------------------------------------------------------ stack
  if (base.production !== head.production) {
    add("stack", head.production ? "narrowing" : "widening", `stack "${head.stack}"`, head.production ? "production rules turned on" : "production rules turned off", String(base.production), String(head.production));
  }
  if (base.environment !== head.environment) add("stack", "neutral", `stack "${head.stack}"`, "environment renamed", base.environment, head.environment);

  // ------------------------------------------------------------ providers (identity contracts)
  for (const [name, c] of head.contracts) {
    const before = base.contracts.get(name);
    if (!before) add("provider", "widening", providerSubject(c), "new identity provider trusted", undefined, `iss ${c.issuer}; ${audienceText(c)}`);
    else compareContract(before, c, add);
  }
  for (const [name, c] of base.contracts) {
    if (!head.contracts.has(name)) add("provider", "narrowing", providerSubject(c), "identity provider removed", `iss ${c.issuer}`, undefined);
  }

  // ------------------------------------------------------------ clients
  const { added: newClients, removed: goneClients } = delta([...base.clients.keys()], [...head.clients.keys()]);
  // Subjects as the access facts name them (client "<name>" (<provider>)), so a client both see is one row.
  const clientSubject = (k: string) => `client "${k.slice(k.indexOf("/") + 1)}" (${k.slice(0, k.indexOf("/"))})`;
  for (const k of newClients) add("client", "widening", clientSubject(k), "new client can obtain tokens for the API", undefined, head.clients.get(k));
  for (const k of goneClients) add("client", "narrowing", clientSubject(k), "client removed", base.clients.get(k), undefined);

  // ------------------------------------------------------------ routes
  for (const [name, r] of head.routes) {
    const before = base.routes.get(name);
    if (!before) add("route", "widening", `route "${name}"`, r.anonymous ? "new anonymous route" : "new route", undefined, routeText(r));
    else compareRoute(before, r, add);
  }
  for (const [name, r] of base.routes) {
    if (!head.routes.has(name)) add("route", "narrowing", `route "${name}"`, "route removed", routeText(r), undefined);
  }

  // ------------------------------------------------------------ what Kong itself checks (kong.yml)
  if (base.kong && head.kong) {
    // A value the contracts already changed is reported once, on the provider; Kong rows show what Kong alone changed.
    const all = (f: IdentityFacts, pick: (c: IdentityContract) => readonly string[]) => [...f.contracts.values()].flatMap(pick);
    const explained = (pick: (c: IdentityContract) => readonly string[]) => {
      const d = delta(all(base, pick), all(head, pick));
      return new Set([...d.added, ...d.removed]);
    };
    compareKong(base.kong, head.kong, { base: base.routes, head: head.routes }, add, {
      issuers: explained((c) => [c.issuer]),
      audiences: explained((c) => c.audience?.values ?? []),
    });
  }

  // ------------------------------------------------------------ gateway
  const hosts = delta(base.hostnames, head.hostnames);
  if (hosts.added.length) add("gateway", "widening", "gateway hostnames", "API reachable on new host names", undefined, hosts.added.join(", "));
  if (hosts.removed.length) add("gateway", "narrowing", "gateway hostnames", "host names removed", hosts.removed.join(", "), undefined);
  if (base.edition !== head.edition) add("gateway", "neutral", "Kong edition", "edition changed (see limitations)", base.edition, head.edition);

  // ------------------------------------------------------------ edge hops (ZPA, F5)
  const hop = (h: { id: string; label: string }) => [h.id, h.label] as const;
  const baseHops = new Map(base.hops.map(hop));
  const headHops = new Map(head.hops.map(hop));
  for (const [id, label] of headHops) {
    const before = baseHops.get(id);
    if (before === undefined) add("edge", "narrowing", `edge hop "${id}"`, "new hop in front of Kong", undefined, label);
    else if (before !== label) add("edge", "neutral", `edge hop "${id}"`, "hop changed", before, label);
  }
  for (const [id, label] of baseHops) {
    if (!headHops.has(id)) add("edge", "widening", `edge hop "${id}"`, "hop in front of Kong removed", label, undefined);
  }

  // ------------------------------------------------------------ checks Kong cannot make
  for (const [key, reason] of head.limitations) {
    if (!base.limitations.has(key)) add("limitation", "widening", `limitation ${key}`, "Kong no longer makes a check", undefined, reason);
  }
  for (const [key, reason] of base.limitations) {
    if (!head.limitations.has(key)) add("limitation", "narrowing", `limitation ${key}`, "Kong now makes the check", reason, undefined);
  }
  return out;
}

type Add = (area: ChangeArea, cls: ChangeClass, subject: string, what: string, before?: string, after?: string) => void;

function compareContract(b: IdentityContract, h: IdentityContract, add: Add): void {
  const s = providerSubject(h);
  if (b.issuer !== h.issuer) add("provider", "widening", s, "issuer changed: tokens of another issuer are accepted", b.issuer, h.issuer);
  if (b.jwksUri !== h.jwksUri) add("provider", "widening", s, "signing keys come from another JWKS", b.jwksUri, h.jwksUri);
  else if (b.discoveryUrl !== h.discoveryUrl) add("provider", "neutral", s, "discovery URL changed", b.discoveryUrl, h.discoveryUrl);

  if (b.audience && !h.audience) add("provider", "widening", s, "audience no longer checked", b.audience.values.join(", "), undefined);
  else if (!b.audience && h.audience) add("provider", "narrowing", s, "audience now checked", undefined, h.audience.values.join(", "));
  else if (b.audience && h.audience) {
    const d = delta(b.audience.values, h.audience.values);
    if (d.added.length) add("provider", "widening", s, `audience widened (${h.audience.claim})`, b.audience.values.join(", "), h.audience.values.join(", "));
    else if (d.removed.length) add("provider", "narrowing", s, `audience narrowed (${h.audience.claim})`, b.audience.values.join(", "), h.audience.values.join(", "));
    if (b.audience.claim !== h.audience.claim) add("provider", "neutral", s, "audience claim changed", b.audience.claim, h.audience.claim);
  }
  const clients = delta(b.clients.values, h.clients.values);
  if (clients.added.length) add("provider", "widening", s, `accepts ${clients.added.length} more client id${clients.added.length === 1 ? "" : "s"} (${h.clients.claim})`, undefined, clients.added.join(", "));
  if (clients.removed.length) add("provider", "narrowing", s, `accepts ${clients.removed.length} fewer client id${clients.removed.length === 1 ? "" : "s"} (${h.clients.claim})`, clients.removed.join(", "), undefined);

  const algs = delta(b.algorithms, h.algorithms);
  if (algs.added.length) add("provider", "widening", s, "more signing algorithms accepted", b.algorithms.join(", "), h.algorithms.join(", "));
  else if (algs.removed.length) add("provider", "narrowing", s, "fewer signing algorithms accepted", b.algorithms.join(", "), h.algorithms.join(", "));

  number(add, s, "access-token lifetime", b.accessTokenLifetimeSeconds, h.accessTokenLifetimeSeconds, "s");
  number(add, s, "clock leeway", b.leewaySeconds, h.leewaySeconds, "s");

  const type = (t: { claim: string; value: string }) => `${t.claim}=${t.value}`;
  const tt = delta(b.tokenType.map(type), h.tokenType.map(type));
  for (const t of tt.removed) add("provider", "widening", s, "token-type check dropped", t, undefined);
  for (const t of tt.added) add("provider", "narrowing", s, "token-type check added", undefined, t);

  const groups = delta(b.accessGroups, h.accessGroups);
  if (groups.added.length) add("provider", "neutral", s, "access groups declared", undefined, groups.added.join(", "));
  if (groups.removed.length) add("provider", "neutral", s, "access groups removed", groups.removed.join(", "), undefined);
  const scopes = delta(b.scopeNames, h.scopeNames);
  if (scopes.added.length) add("provider", "neutral", s, "scopes declared", undefined, scopes.added.join(", "));
  if (scopes.removed.length) add("provider", "neutral", s, "scopes removed", scopes.removed.join(", "), undefined);
  for (const [what, before, after] of [
    ["scope claim", `${b.scopes.claim} ${b.scopes.valuePrefix}`, `${h.scopes.claim} ${h.scopes.valuePrefix}`],
    ["groups claim", b.groups.claim, h.groups.claim],
    ["subject claim", b.subjectClaim, h.subjectClaim],
  ] as const) {
    if (before !== after) add("provider", "neutral", s, `${what} changed`, before.trim(), after.trim());
  }
}

/** A bigger number (lifetime, leeway) accepts more tokens. */
function number(add: Add, subject: string, what: string, before: number, after: number, unit: string): void {
  if (before === after) return;
  add("provider", after > before ? "widening" : "narrowing", subject, `${what} ${after > before ? "longer" : "shorter"}`, `${before}${unit}`, `${after}${unit}`);
}

function compareRoute(b: PlannedRoute, h: PlannedRoute, add: Add): void {
  const s = `route "${h.name}"`;
  if (!b.anonymous && h.anonymous) {
    add("route", "widening", s, "became anonymous (no token needed)", requirementText(b), "anonymous");
    return compareReach(b, h, s, add);
  }
  if (b.anonymous && !h.anonymous) {
    add("route", "narrowing", s, "now requires a token", "anonymous", requirementText(h));
    return compareReach(b, h, s, add);
  }
  const scopes = delta(b.scopes, h.scopes);
  for (const x of scopes.removed) add("route", "widening", s, "lost a required scope", x, h.scopes.join(" + ") || "(no scope)");
  for (const x of scopes.added) add("route", "narrowing", s, "requires another scope", b.scopes.join(" + ") || "(no scope)", x);
  // Roles: any one listed group is enough, so one more group lets more callers in; no list means no group check.
  const roles = delta(b.roles, h.roles);
  if (b.roles.length > 0 && h.roles.length === 0) add("route", "widening", s, "lost its group (role) check", b.roles.join(" | "), "(any group)");
  else if (b.roles.length === 0 && h.roles.length > 0) add("route", "narrowing", s, "now requires one of these groups", "(any group)", h.roles.join(" | "));
  else {
    for (const x of roles.added) add("route", "widening", s, "another group may call it", b.roles.join(" | "), h.roles.join(" | ") + ` (+${x})`);
    for (const x of roles.removed) add("route", "narrowing", s, "a group may no longer call it", b.roles.join(" | ") + ` (-${x})`, h.roles.join(" | "));
  }
  compareReach(b, h, s, add);
}

/** Where a route is reachable: hosts, paths, methods (none listed: every method), upstream, rate limit. */
function compareReach(b: PlannedRoute, h: PlannedRoute, s: string, add: Add): void {
  for (const [what, before, after] of [
    ["paths", b.paths, h.paths],
    ["hosts", b.hosts, h.hosts],
  ] as const) {
    const d = delta(before, after);
    if (d.added.length) add("route", "widening", s, `more ${what}`, before.join(", "), after.join(", "));
    else if (d.removed.length) add("route", "narrowing", s, `fewer ${what}`, before.join(", "), after.join(", "));
  }
  const all = (m: readonly string[]) => (m.length === 0 ? "every method" : m.join(", "));
  const methods = delta(b.methods, h.methods);
  if (b.methods.length > 0 && h.methods.length === 0) add("route", "widening", s, "accepts every HTTP method", all(b.methods), all(h.methods));
  else if (b.methods.length === 0 && h.methods.length > 0) add("route", "narrowing", s, "fewer HTTP methods", all(b.methods), all(h.methods));
  else if (methods.added.length) add("route", "widening", s, "more HTTP methods", all(b.methods), all(h.methods));
  else if (methods.removed.length) add("route", "narrowing", s, "fewer HTTP methods", all(b.methods), all(h.methods));
  if (b.upstream !== h.upstream) add("route", "neutral", s, "upstream changed", b.upstream, h.upstream);
  const limit = (n: number | undefined) => (n === undefined ? "no limit" : `${n}/min`);
  // How much a caller may send, not who may: reported either way with its values, never a widening.
  if (b.rateLimitPerMinute !== h.rateLimitPerMinute) {
    const looser = h.rateLimitPerMinute === undefined || (b.rateLimitPerMinute !== undefined && h.rateLimitPerMinute > b.rateLimitPerMinute);
    add("route", "neutral", s, looser ? "rate limit looser" : "rate limit tighter", limit(b.rateLimitPerMinute), limit(h.rateLimitPerMinute));
  }
}

/**
 * Kong's own checks, grouped per change so that one audience added to 5000 routes is one line, not 5000.
 * Only what the route facts do not already say: token validation present, issuers, audiences.
 */
function compareKong(
  base: ReadonlyMap<string, KongRouteChecks>,
  head: ReadonlyMap<string, KongRouteChecks>,
  routes: { base: ReadonlyMap<string, PlannedRoute>; head: ReadonlyMap<string, PlannedRoute> },
  add: Add,
  explained: { issuers: ReadonlySet<string>; audiences: ReadonlySet<string> },
): void {
  const groups = new Map<string, { cls: ChangeClass; what: string; before: string | undefined; after: string | undefined; routes: string[] }>();
  const note = (cls: ChangeClass, what: string, before: string | undefined, after: string | undefined, route: string) => {
    const key = `${cls}\u0000${what}\u0000${before}\u0000${after}`;
    const g = groups.get(key) ?? { cls, what, before, after, routes: [] };
    g.routes.push(route);
    groups.set(key, g);
  };
  for (const [name, h] of head) {
    const b = base.get(name);
    if (!b) continue; // a new route is reported as such
    const hr = routes.head.get(name);
    const br = routes.base.get(name);
    if (b.auth.length > 0 && h.auth.length === 0 && !(hr?.anonymous ?? false)) note("widening", "Kong no longer validates tokens", b.auth.join(", "), undefined, name);
    // Without token validation on one side there is no issuer or audience to compare (anonymous is reported above).
    if (b.auth.length === 0 || h.auth.length === 0) continue;
    for (const [what, field] of [["issuer", "issuers"], ["audience", "audiences"]] as const) {
      const d = delta(b[field], h[field]);
      for (const v of d.added.filter((v) => !explained[field].has(v))) note("widening", `Kong accepts another ${what}`, undefined, v, name);
      for (const v of d.removed.filter((v) => !explained[field].has(v))) note("narrowing", `Kong no longer accepts ${what}`, v, undefined, name);
    }
    // Scopes and groups the route's own rules did not change: Kong's config dropped them on its own.
    const scopesDropped = delta(b.scopesRequired, h.scopesRequired).removed.filter((x) => (hr?.scopes ?? []).includes(x) || !(br?.scopes ?? []).includes(x));
    for (const x of scopesDropped) note("widening", "Kong no longer requires a scope", x, undefined, name);
    if (b.groupsAllowed.length > 0 && h.groupsAllowed.length === 0 && (hr?.roles.length ?? 0) > 0) note("widening", "Kong no longer checks groups (acl)", b.groupsAllowed.join(" | "), undefined, name);
    const aclAdded = delta(b.groupsAllowed, h.groupsAllowed).added.filter((x) => b.groupsAllowed.length > 0 && (br?.roles ?? []).includes(x) === (hr?.roles ?? []).includes(x));
    for (const x of aclAdded) note("widening", "Kong's acl allows another group", undefined, x, name);
    for (const key of SESSION_TIMEOUTS) {
      const [was, now] = [b.sessionTimeouts[key], h.sessionTimeouts[key]];
      if (was === undefined || now === undefined || was === now) continue;
      note(now > was ? "widening" : "narrowing", `browser session ${now > was ? "longer" : "shorter"} (${key})`, `${was}s`, `${now}s`, name);
    }
  }
  for (const g of groups.values()) {
    const shown = g.routes.length <= 5 ? g.routes.map((r) => `"${r}"`).join(", ") : `${g.routes.slice(0, 5).map((r) => `"${r}"`).join(", ")} and ${g.routes.length - 5} more`;
    add("gateway", g.cls, `route${g.routes.length === 1 ? "" : "s"} ${shown}`, g.what, g.before, g.after);
  }
}

export function delta(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { added: [...a].filter((x) => !b.has(x)), removed: [...b].filter((x) => !a.has(x)) };
}

const providerSubject = (c: IdentityContract) => `provider "${c.name}" (${c.provider})`;
const audienceText = (c: IdentityContract) => (c.audience ? `${c.audience.claim} ${c.audience.values.join(" | ")}` : `no audience; ${c.clients.claim} checked`);

function requirementText(r: PlannedRoute): string {
  const parts = [];
  if (r.scopes.length) parts.push(`scopes ${r.scopes.join(" + ")}`);
  if (r.roles.length) parts.push(`one of ${r.roles.join(" | ")}`);
  return parts.join("; ") || "any valid token";
}

function routeText(r: PlannedRoute): string {
  const where = `${r.methods.length ? r.methods.join(",") : "any method"} ${r.paths.join(", ")}`;
  return `${where}: ${r.anonymous ? "anonymous" : requirementText(r)}`;
}
