import { describe, expect, it } from "vitest";
import { accessFacts, compareAccess, coveredBy, uriConcerns, type AccessFact } from "../../../../cli/diff/access";
import { strippedHeaders } from "../../../../cli/diff/access/extract/f5";
import { diffPlans, type Change } from "../../../../cli/diff";
import type { PlanDocument } from "../../../../cli/plan/plan-document";
import { parse, stringify } from "yaml";
import { plan, route } from "../../../support/plan-builder";

/** A plan with these extra resources and client ids (what the registrations would create). */
function withResources(resources: { type: string; name: string; inputs: Record<string, unknown> }[], clientIds: Record<string, Record<string, string>> = {}): PlanDocument {
  const p = plan();
  const recorded = resources.map((r) => ({ ...r, urn: `urn:pulumi:dev::p::${r.type}::${r.name}`, custom: true, parent: undefined, dependencies: [], secretInputs: [] }));
  return { ...p, resources: [...p.resources, ...recorded], outputs: { ...p.outputs, clientIds } };
}
const lines = (changes: readonly Change[]) => changes.map((c) => `${c.class} ${c.subject}: ${c.what}`);
const ctx = { ownedHosts: ["api.dev.example.com"] };

describe("access facts: the rule of each kind, both directions", () => {
  const fact = (value: AccessFact["value"], rule: AccessFact["rule"]): AccessFact => ({ area: "client", subject: "s", aspect: "a", value, rule });
  const set = { kind: "set", widensWhen: "added", gained: "gains", lost: "loses" } as const;

  it("a list where an added value widens: added widens, removed narrows, both can happen at once", () => {
    expect(lines(compareAccess([fact(["a"], set)], [fact(["a", "b"], set)], ctx))).toEqual(["widening s: gains: b"]);
    expect(lines(compareAccess([fact(["a", "b"], set)], [fact(["a"], set)], ctx))).toEqual(["narrowing s: loses: b"]);
    expect(lines(compareAccess([fact(["a"], set)], [fact(["b"], set)], ctx))).toEqual(["widening s: gains: b", "narrowing s: loses: a"]);
  });

  it("a list where a removed value widens (stripped headers, rules): the mirror", () => {
    const rule = { ...set, widensWhen: "removed" } as const;
    expect(lines(compareAccess([fact(["x-a", "x-b"], rule)], [fact(["x-a"], rule)], ctx))).toEqual(["widening s: loses: x-b"]);
    expect(lines(compareAccess([fact(["x-a"], rule)], [fact(["x-a", "x-b"], rule)], ctx))).toEqual(["narrowing s: gains: x-b"]);
  });

  it("numbers, flags, ranks and any-change; a report is neutral either way", () => {
    const longer = { kind: "number", widensWhen: "higher", unit: " days", what: "lifetime" } as const;
    expect(compareAccess([fact(60, longer)], [fact(120, longer)], ctx)).toEqual([expect.objectContaining({ class: "widening", what: "lifetime raised", before: "60 days", after: "120 days" })]);
    expect(compareAccess([fact(120, longer)], [fact(60, longer)], ctx)).toEqual([expect.objectContaining({ class: "narrowing", what: "lifetime lowered" })]);
    const open = { kind: "flag", widensWhen: true, on: "opened", off: "closed" } as const;
    expect(lines(compareAccess([fact(false, open)], [fact(true, open)], ctx))).toEqual(["widening s: opened"]);
    expect(lines(compareAccess([fact(true, open)], [fact(false, open)], ctx))).toEqual(["narrowing s: closed"]);
    const rank = { kind: "rank", order: ["all", "any"], what: "rule" } as const;
    expect(lines(compareAccess([fact("all", rank)], [fact("any", rank)], ctx))).toEqual(["widening s: rule looser"]);
    expect(lines(compareAccess([fact("any", rank)], [fact("all", rank)], ctx))).toEqual(["narrowing s: rule stricter"]);
    expect(lines(compareAccess([fact("all", rank)], [fact("some-new-mode", rank)], ctx))).toEqual(["widening s: rule looser"]); // unknown: a person must look
    const kind = { kind: "any-change", what: "kind" } as const;
    expect(lines(compareAccess([fact("web", kind)], [fact("service", kind)], ctx))).toEqual(["widening s: kind changed"]);
    const report = { kind: "report", what: "limit" } as const;
    expect(compareAccess([fact("60", report)], [fact("600", report)], ctx)).toEqual([expect.objectContaining({ class: "neutral", before: "60", after: "600" })]);
  });

  it("a new subject is one row (plus its redirect URIs), a removed one is one narrowing row", () => {
    const presence = { kind: "presence", added: "new client", removed: "client removed" } as const;
    const uris = { kind: "set", widensWhen: "added", gained: "redirect URI added", lost: "removed", uris: true } as const;
    const facts = [fact("web client", presence), { ...fact(["http://x.example.org/cb"], uris), aspect: "uris" }, { ...fact(["orders.read"], set), aspect: "scopes" }];
    expect(lines(compareAccess([], facts, ctx))).toEqual(["widening s: new client", "widening s: redirect URI added: http://x.example.org/cb (not https; not under a host the stack owns)"]);
    expect(lines(compareAccess(facts, [], ctx))).toEqual(["narrowing s: client removed"]);
  });

  it("an added address or port range inside what was already there lets nothing new in", () => {
    const cidr = { ...set, within: "cidr" } as const;
    expect(compareAccess([fact(["10.1.20.0/24"], cidr)], [fact(["10.1.20.0/24", "10.1.20.7"], cidr)], ctx)).toEqual([expect.objectContaining({ class: "neutral" })]);
    expect(lines(compareAccess([fact(["10.1.20.5"], cidr)], [fact(["10.1.20.0/24"], cidr)], ctx))).toEqual(["widening s: gains: 10.1.20.0/24", "narrowing s: loses: 10.1.20.5"]);
    expect(coveredBy("cidr", "10.0.0.0/8", ["10.1.0.0/16"])).toBe(false);
    expect(coveredBy("cidr", "0.0.0.0/0", ["10.1.0.0/16"])).toBe(false);
    expect(coveredBy("cidr", "10.1.2.3", ["0.0.0.0/0"])).toBe(true);
    expect(coveredBy("ports", "8000-8100", ["443", "8000-9000"])).toBe(true);
    expect(coveredBy("ports", "8443", ["443"])).toBe(false);
  });

  it("a redirect URI: not https, or not on a host the stack owns (its API hosts and their parent domain)", () => {
    expect(uriConcerns("https://portal.dev.example.com/cb", ["api.dev.example.com"])).toEqual([]);
    expect(uriConcerns("https://evil.example.net/cb", ["api.dev.example.com"])).toEqual(["not under a host the stack owns"]);
    expect(uriConcerns("https://dev.example.com.evil.net/cb", ["api.dev.example.com"])).toEqual(["not under a host the stack owns"]);
    expect(uriConcerns("http://localhost:3000/cb", ["api.dev.example.com"])).toEqual(["not https", "not under a host the stack owns"]);
    expect(uriConcerns("not a url", ["api.dev.example.com"])).toEqual(["not a URL"]);
  });
});

describe("access facts read from the resources a plan would create", () => {
  const entra = (groups: string[], secretEnd: string) =>
    withResources(
      [
        { type: "azuread:index/application:Application", name: "entra-api", inputs: { appRoles: [{ id: "r1", value: "readers" }, { id: "r2", value: "admins" }], api: { oauth2PermissionScopes: [{ id: "s1", value: "orders.read" }] } } },
        { type: "azuread:index/application:Application", name: "entra-billing", inputs: { requiredResourceAccesses: [{ resourceAccesses: [{ id: "s1", type: "Scope" }] }] } },
        ...groups.map((g) => ({ type: "azuread:index/appRoleAssignment:AppRoleAssignment", name: `entra-billing-role-${g}`, inputs: { appRoleId: g === "admins" ? "r2" : "r1" } })),
        { type: "azuread:index/applicationPassword:ApplicationPassword", name: "entra-billing-secret-0", inputs: { endDate: secretEnd, rotateWhenChanged: { bucket: "0-346" } } },
      ],
      { entra: { billing: "id-1" } },
    );

  it("Entra: app-role assignments by role value, scopes by id, the secret lifetime from its rotation slot", () => {
    const facts = accessFacts(entra(["readers"], "2027-01-02T00:00:00Z"));
    const of = (aspect: string) => facts.find((f) => f.aspect === aspect)?.value;
    expect(of("app-role assignments")).toEqual(["readers"]);
    expect(of("scopes requested")).toEqual(["orders.read"]);
    expect(of("client secret lifetime")).toBe(60); // bucket 346 of 60 days ends on 2027-01-02
    expect(of("kind")).toBe("service");
    const d = diffPlans(entra(["readers"], "2027-01-02T00:00:00Z"), entra(["readers", "admins"], "2027-01-02T00:00:00Z"));
    expect(lines(d.changes.filter((c) => c.class === "widening"))).toEqual(['widening client "billing" (entra): gains an app-role assignment (group): admins']);
  });

  it("F5: the header patterns an iRule strips", () => {
    const irule = 'when HTTP_REQUEST {\n    foreach n [HTTP::header names] {\n        switch -glob -- [string tolower $n] {\n            "x-authenticated-*" -\n            "x-userinfo" {\n                HTTP::header remove $n\n            }\n        }\n    }\n}';
    expect(strippedHeaders(irule)).toEqual(["x-authenticated-*", "x-userinfo"]);
    expect(strippedHeaders("when HTTP_REQUEST { }")).toEqual([]);
  });

  it("Kong's Helm values: a plaintext listener, an exposed Admin API or Manager widen", () => {
    const kong = (values: Record<string, unknown>) => withResources([{ type: "kubernetes:helm.sh/v3:Release", name: "kong-release", inputs: { chart: "kong", values } }]);
    const closed = { proxy: { http: { enabled: false }, type: "ClusterIP" }, admin: { enabled: false }, manager: { enabled: false } };
    const open = { proxy: { http: { enabled: true }, type: "LoadBalancer" }, admin: { enabled: true, type: "ClusterIP" }, manager: { enabled: true } };
    expect(lines(diffPlans(kong(closed), kong(open)).changes.filter((c) => c.class === "widening"))).toEqual([
      "widening Kong proxy: plaintext HTTP listener opened (a token sent to it travels in clear)",
      "widening Kong Admin API: Admin API exposed beyond the pod (it can replace the whole configuration)",
      "widening Kong Manager: Kong Manager exposed",
      "widening Kong proxy: proxy Service reach looser",
    ]);
    expect(diffPlans(kong(open), kong(closed)).counts.widening).toBe(0);
  });

  it("Kong's own config: an acl or a required scope dropped while the route still asks for it, a longer browser session", () => {
    type KongYml = { services: { routes: { name: string; plugins: { name: string; config: Record<string, unknown> }[] }[] }[] };
    const editKong = (p: PlanDocument, edit: (doc: KongYml) => void): PlanDocument => {
      const resources = p.resources.map((r) => {
        if (r.name !== "kong-config") return r;
        const doc = parse(String((r.inputs["data"] as Record<string, unknown>)["kong.yml"])) as KongYml;
        edit(doc);
        return { ...r, inputs: { data: { "kong.yml": stringify(doc) } } };
      });
      return { ...p, resources };
    };
    const plugins = (doc: KongYml) => doc.services[0]!.routes[0]!.plugins;
    const base = editKong(plan({ routes: [route({ name: "orders-write", scopes: ["orders.write"], roles: ["admins"] })] }), (doc) => {
      plugins(doc)[0]!.config["session_absolute_timeout"] = 28800;
    });
    const head = editKong(base, (doc) => {
      const list = plugins(doc);
      list.splice(list.findIndex((x) => x.name === "acl"), 1);
      list[0]!.config["scopes_required"] = [];
      list[0]!.config["session_absolute_timeout"] = 57600;
    });
    expect(diffPlans(base, head).changes.filter((c) => c.class === "widening").map((c) => `${c.subject}: ${c.what}: ${c.before} -> ${c.after}`)).toEqual([
      'route "orders-write": Kong no longer requires a scope: orders.write -> undefined',
      'route "orders-write": Kong no longer checks groups (acl): admins -> undefined',
      'route "orders-write": browser session longer (session_absolute_timeout): 28800s -> 57600s',
    ]);
  });
});
