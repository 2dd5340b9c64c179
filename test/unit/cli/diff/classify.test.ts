import { describe, expect, it } from "vitest";
import { diffPlans, type Change } from "../../../../cli/diff";
import { contract, plan, POLICY, route } from "../../../support/plan-builder";

const widening = (changes: readonly Change[]) => changes.filter((c) => c.class === "widening");
const narrowing = (changes: readonly Change[]) => changes.filter((c) => c.class === "narrowing");
const read = (over: Partial<Parameters<typeof route>[0]>) => route({ scopes: ["orders.read"], ...over, name: "orders-read" });

describe("kis diff classifies identity changes", () => {
  it("finds nothing between a plan and itself", () => {
    const d = diffPlans(plan(), plan());
    expect(d.status).toBe("unchanged");
    expect(d.changes).toEqual([]);
  });

  it("a route that becomes anonymous widens, and only that is reported for it", () => {
    const d = diffPlans(plan(), plan({ routes: [read({ scopes: [], anonymous: true }), route({ name: "health", anonymous: true })] }));
    expect(widening(d.changes)).toEqual([expect.objectContaining({ area: "route", subject: 'route "orders-read"', what: "became anonymous (no token needed)", after: "anonymous" })]);
    expect(narrowing(d.changes)).toEqual([]); // Kong's dropped issuer/audience are part of the same change, not a narrowing
  });

  it("a route that requires a token again narrows", () => {
    const d = diffPlans(plan(), plan({ routes: [read({}), route({ name: "health", scopes: ["orders.read"] })] }));
    expect(narrowing(d.changes).map((c) => c.what)).toContain("now requires a token");
    expect(widening(d.changes)).toEqual([]);
  });

  it("a lost scope widens; an added scope narrows (every listed scope is required)", () => {
    const base = plan({ routes: [read({ scopes: ["orders.read", "orders.write"] })] });
    expect(widening(diffPlans(base, plan({ routes: [read({ scopes: ["orders.read"] })] })).changes)).toEqual([
      expect.objectContaining({ what: "lost a required scope", before: "orders.write" }),
    ]);
    expect(narrowing(diffPlans(plan({ routes: [read({ scopes: ["orders.read"] })] }), base).changes)).toEqual([
      expect.objectContaining({ what: "requires another scope", after: "orders.write" }),
    ]);
  });

  it("roles: one more group widens, dropping the last group widens, the first group narrows", () => {
    const one = plan({ routes: [read({ roles: ["admins"] })] });
    const two = plan({ routes: [read({ roles: ["admins", "readers"] })] });
    const none = plan({ routes: [read({ roles: [] })] });
    expect(widening(diffPlans(one, two).changes).map((c) => c.what)).toEqual(["another group may call it"]);
    expect(narrowing(diffPlans(two, one).changes).map((c) => c.what)).toEqual(["a group may no longer call it"]);
    expect(widening(diffPlans(one, none).changes).map((c) => c.what)).toEqual(["lost its group (role) check"]);
    expect(narrowing(diffPlans(none, one).changes).map((c) => c.what)).toEqual(["now requires one of these groups"]);
  });

  it("no method list means every method: dropping the list widens", () => {
    const d = diffPlans(plan({ routes: [read({ methods: ["GET"] })] }), plan({ routes: [read({ methods: [] })] }));
    expect(widening(d.changes)).toEqual([expect.objectContaining({ what: "accepts every HTTP method", after: "every method" })]);
  });

  it("a new route widens and a removed one narrows; an upstream change is neutral", () => {
    const base = plan({ routes: [read({})] });
    const d = diffPlans(base, plan({ routes: [read({ upstream: "http://other:8080" }), route({ name: "admin", roles: ["admins"] })] }));
    expect(widening(d.changes).map((c) => `${c.subject}: ${c.what}`)).toEqual(['route "admin": new route']);
    expect(d.changes.find((c) => c.what === "upstream changed")?.class).toBe("neutral");
    expect(narrowing(diffPlans(plan({ routes: [read({}), route({ name: "admin" })] }), base).changes).map((c) => c.what)).toEqual(["route removed"]);
  });

  it("a rate-limit change is reported either way with its values, never as widening (how much, not who)", () => {
    const removed = diffPlans(plan({ routes: [read({ rateLimitPerMinute: 60 })] }), plan({ routes: [read({ rateLimitPerMinute: undefined })] }));
    expect(removed.changes).toEqual([expect.objectContaining({ class: "neutral", what: "rate limit looser", before: "60/min", after: "no limit" })]);
    const tighter = diffPlans(plan({ routes: [read({ rateLimitPerMinute: 600 })] }), plan({ routes: [read({ rateLimitPerMinute: 60 })] }));
    expect(tighter.changes).toEqual([expect.objectContaining({ class: "neutral", what: "rate limit tighter", before: "600/min", after: "60/min" })]);
    expect(removed.counts.widening + tighter.counts.narrowing).toBe(0);
  });

  it("a new audience in the contract widens; a removed one narrows", () => {
    const wide = plan({ contracts: [contract({ audience: { claim: "aud", values: ["api-id", "api://legacy"] } })] });
    const d = diffPlans(plan(), wide);
    expect(widening(d.changes).map((c) => c.what)).toContain("audience widened (aud)");
    expect(narrowing(diffPlans(wide, plan()).changes).map((c) => c.what)).toContain("audience narrowed (aud)");
  });

  it("an audience Kong accepts on its routes widens, grouped into one row however many routes", () => {
    const routes = Array.from({ length: 40 }, (_, i) => route({ name: `r${i}`, scopes: ["orders.read"] }));
    const d = diffPlans(plan({ routes }), plan({ routes, kongAudiences: ["api-id", "api://legacy"] }));
    expect(widening(d.changes)).toEqual([
      expect.objectContaining({ area: "gateway", what: "Kong accepts another audience", after: "api://legacy", subject: expect.stringContaining("and 35 more") }),
    ]);
  });

  it("issuer, lifetime, leeway, algorithms, token-type: the looser direction widens", () => {
    const d = diffPlans(
      plan(),
      plan({
        contracts: [
          contract({ issuer: "https://other/v2.0", accessTokenLifetimeSeconds: 7200, leewaySeconds: 300, algorithms: ["RS256", "PS256"], tokenType: [] }),
        ],
      }),
    );
    expect(widening(d.changes).map((c) => c.what).sort()).toEqual(
      ["access-token lifetime longer", "clock leeway longer", "issuer changed: tokens of another issuer are accepted", "more signing algorithms accepted", "token-type check dropped"].sort(),
    );
    const back = diffPlans(plan({ contracts: [contract({ accessTokenLifetimeSeconds: 7200, leewaySeconds: 300 })] }), plan());
    expect(narrowing(back.changes).map((c) => c.what).sort()).toEqual(["access-token lifetime shorter", "clock leeway shorter"]);
  });

  it("a new provider and a new client widen; declared access groups are neutral", () => {
    const d = diffPlans(
      plan(),
      plan({
        contracts: [contract({ accessGroups: ["readers", "admins", "auditors"] }), contract({ name: "okta", provider: "okta", issuer: "https://o/oauth2/x" })],
        clients: { entra: { "billing-service": "client-a", "new-app": "client-b" } },
      }),
    );
    expect(widening(d.changes).map((c) => `${c.area}: ${c.what}`)).toEqual(["provider: new identity provider trusted", "client: new client can obtain tokens for the API"]);
    expect(d.changes.find((c) => c.what === "access groups declared")).toMatchObject({ class: "neutral", after: "auditors" });
  });

  it("production rules turned off widen", () => {
    expect(widening(diffPlans(plan({ production: true }), plan({ production: false })).changes)[0]).toMatchObject({ area: "stack", what: "production rules turned off" });
  });

  it("a policy run at a looser level or no longer run widens; a new violation widens, a resolved one narrows", () => {
    const looser = { ...POLICY, policies: [{ name: "audience-required", enforcementLevel: "advisory" as const }] };
    const d = diffPlans(plan(), plan({ policy: looser }));
    expect(widening(d.changes).map((c) => `${c.subject}: ${c.what}`)).toEqual([
      'policy "audience-required": enforcement level looser',
      'policy "clock-leeway": policy no longer runs',
    ]);
    const violation = { policy: "clock-leeway", enforcementLevel: "mandatory" as const, resource: undefined, message: 'kong:Plugin "oidc": leeway 600 s. Fix: lower it' };
    const bad = plan({ policy: { ...POLICY, violations: [violation] } });
    const v = diffPlans(plan(), bad);
    expect(widening(v.changes)).toEqual([expect.objectContaining({ what: "new mandatory violation (message below)", after: 'kong:Plugin "oidc"' })]);
    expect(v.policy).toMatchObject({ mandatory: 1, advisory: 0 });
    expect(narrowing(diffPlans(bad, plan()).changes).map((c) => c.what)).toEqual(["violation resolved"]);
  });

  it("sections kis diff has no rule for are listed, unclassified and never widening", () => {
    const d = diffPlans(
      plan({ extra: { pingAccess: { applications: [{ name: "a", policy: "strict" }] }, gone: { x: 1 } } }),
      plan({ extra: { pingAccess: { applications: [{ name: "a", policy: "open" }, { name: "b", policy: "open" }] }, signIn: { routes: 2 } } }),
    );
    const other = d.changes.filter((c) => c.unclassified);
    expect(other.map((c) => `${c.subject}: ${c.what}`)).toEqual([
      "gone: section removed: check that no protection went with it",
      "pingAccess.applications[a].policy: changed",
      "pingAccess.applications[b]: added",
      "signIn: section added",
    ]);
    expect(other.every((c) => c.class === "neutral")).toBe(true);
    expect(d.counts.widening).toBe(0);
  });

  it("a long value that differs late shows where it differs, on one line, never two equal cells", () => {
    const long = (tail: string) => `when HTTP_REQUEST {\n${"    HTTP::header remove x-a\n".repeat(10)}    ${tail}\n}`;
    const d = diffPlans(plan({ extra: { edge: { irule: long("x-consumer-*") } } }), plan({ extra: { edge: { irule: long("x-userinfo") } } }));
    const row = d.changes.find((c) => c.subject === "edge.irule")!;
    expect(row.before).not.toBe(row.after);
    expect(row.before).toContain("x-consumer-*");
    expect(row.after).toContain("x-userinfo");
    expect(`${row.before}${row.after}`).not.toMatch(/\n/);
  });

  it("a stack only in HEAD is one widening row plus what it will expose, not removals from nothing; one only in BASE narrows", () => {
    const added = diffPlans(undefined, plan());
    expect(added.status).toBe("added");
    expect(added.changes).toEqual([expect.objectContaining({ class: "widening", area: "stack", what: "new stack: exposes a new API edge (see what it will expose)" })]);
    expect(added.changes.some((c) => /no longer|removed/.test(c.what))).toBe(false);
    expect(added.exposure).toContainEqual({ subject: 'route "health"', what: "GET /health: anonymous", concern: "no token needed" });
    expect(added.exposure.map((e) => e.subject)).toContain('provider "entra" (entra)');
    const removed = diffPlans(plan(), undefined);
    expect(removed.status).toBe("removed");
    expect(removed.changes).toEqual([expect.objectContaining({ class: "narrowing", what: "stack removed: its API edge goes away" })]);
    expect(removed.counts.widening).toBe(0);
    expect(removed.exposure.length).toBeGreaterThan(0);
  });
});
