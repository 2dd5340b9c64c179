import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AssignmentConflictError,
  createTokenLifetimePolicyProvider,
  graphCredentialsFromEnv,
  lifetimeDefinition,
  lifetimeFromDefinition,
  lifetimeProblem,
  timespanOf,
} from "../../../../components/idp/entra/token-lifetime-policy";
import { startStandInServer, type StandInServer } from "../../../support/stand-in-server";

/**
 * The Graph token-lifetime policy resource against a local stand-in of the Microsoft Graph endpoints it calls
 * (shapes from the Graph v1.0 documentation: tokenLifetimePolicy, application tokenLifetimePolicies $ref) and
 * of the Entra token endpoint. A stand-in, not Microsoft: it proves the calls and the failure handling.
 */
const TENANT = "8d3c5a1e-2f4b-4c6d-9e7f-0a1b2c3d4e5f";
const APP = "57d0409d-f13d-5d6d-9072-524e5c752c82";
const CLIENT_ID = "11111111-2222-4333-8444-555555555555";
const CLIENT_SECRET = "graph-client-secret-DO-NOT-LEAK";
const ACCESS_TOKEN = "graph-access-token-DO-NOT-LEAK";

describe("tokenLifetimePolicy definition", () => {
  it.each([
    [10, "00:10:00"],
    [60, "01:00:00"],
    [90, "01:30:00"],
    [1439, "23:59:00"],
    // A day is "1.00:00:00": "24:00:00" would be read as 24 days by .NET's TimeSpan.
    [1440, "1.00:00:00"],
  ])("%i minutes → %s, and back", (minutes, timespan) => {
    expect(timespanOf(minutes)).toBe(timespan);
    expect(lifetimeFromDefinition(lifetimeDefinition(minutes))).toBe(minutes);
  });

  it("writes the documented definition shape", () => {
    expect(lifetimeDefinition(60)).toEqual(['{"TokenLifetimePolicy":{"Version":1,"AccessTokenLifetime":"01:00:00"}}']);
  });

  it.each([9, 1441, 0, 10.5, "60", undefined])("refuses %s", (value) => {
    expect(lifetimeProblem(value)).toMatch(/from 10 to 1440 \(10 minutes to 1 day\)/);
    if (typeof value === "number") expect(() => timespanOf(value)).toThrow(RangeError);
  });

  it("reads only definitions it understands", () => {
    expect(lifetimeFromDefinition(['{"TokenLifetimePolicy":{"Version":1,"AccessTokenLifetime":"24:00:00"}}'])).toBeUndefined();
    expect(lifetimeFromDefinition(["not json"])).toBeUndefined();
    expect(lifetimeFromDefinition("x")).toBeUndefined();
  });
});

describe("graph credentials", () => {
  it("come from KIS_GRAPH_* first, else the azuread provider's ARM_* variables", () => {
    expect(graphCredentialsFromEnv({ KIS_GRAPH_CLIENT_ID: "a", KIS_GRAPH_CLIENT_SECRET: "b", ARM_CLIENT_ID: "c", ARM_CLIENT_SECRET: "d" })).toEqual({
      clientId: "a",
      clientSecret: "b",
    });
    expect(graphCredentialsFromEnv({ ARM_CLIENT_ID: "c", ARM_CLIENT_SECRET: "d" })).toEqual({ clientId: "c", clientSecret: "d" });
  });

  it("are missing: a clear error naming the variables, the federated way first, and the permissions", () => {
    expect(() => graphCredentialsFromEnv({ ARM_CLIENT_ID: "c" })).toThrow(/ARM_CLIENT_ID.*id-token: write, ARM_OIDC_TOKEN or AZURE_FEDERATED_TOKEN_FILE.*ARM_CLIENT_SECRET.*Policy\.ReadWrite\.ApplicationConfiguration/);
  });

  it("without a secret: a federated token from ARM_OIDC_TOKEN, a token file (read at each sign-in) or GitHub Actions' OIDC endpoint", async () => {
    const direct = graphCredentialsFromEnv({ ARM_CLIENT_ID: "c", ARM_OIDC_TOKEN: "jwt-1" });
    expect("clientAssertion" in direct && (await direct.clientAssertion())).toBe("jwt-1");
    let reads = 0;
    const file = graphCredentialsFromEnv({ ARM_CLIENT_ID: "c", AZURE_FEDERATED_TOKEN_FILE: "/var/run/token" }, (p) => `${p}-${++reads}\n`);
    expect("clientAssertion" in file && [await file.clientAssertion(), await file.clientAssertion()]).toEqual(["/var/run/token-1", "/var/run/token-2"]);
    const github = graphCredentialsFromEnv({ ARM_CLIENT_ID: "c", ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.actions.example/x?a=1", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "req" });
    expect("assertionSource" in github && github.assertionSource).toBe("GitHub Actions' OIDC token");
    // A secret, where one is set, wins: the federated way is for when there is none.
    expect(graphCredentialsFromEnv({ ARM_CLIENT_ID: "c", ARM_CLIENT_SECRET: "d", ARM_OIDC_TOKEN: "jwt" })).toEqual({ clientId: "c", clientSecret: "d" });
  });
});

describe("TokenLifetimePolicy provider against a Graph stand-in", () => {
  let graph: StandInServer;
  let policies: Map<string, { id: string; displayName: string; definition: string[]; isOrganizationDefault: boolean }>;
  let assignments: Map<string, string[]>;
  let slept: number[];
  let logs: string[];
  let tokenRequests: number;
  let nextId: number;

  const provider = () =>
    createTokenLifetimePolicyProvider({
      env: () => ({ KIS_GRAPH_CLIENT_ID: CLIENT_ID, KIS_GRAPH_CLIENT_SECRET: CLIENT_SECRET }),
      sleep: async (ms) => void slept.push(ms),
      log: (line) => logs.push(line),
    });
  const inputs = (over: Record<string, unknown> = {}) => ({
    tenantId: TENANT,
    applicationObjectId: APP,
    accessTokenLifetimeMinutes: 60,
    displayName: "kis-orders-api-dev-access-token-lifetime",
    graphBaseUrl: graph.url,
    loginBaseUrl: graph.url,
    ...over,
  });
  const graphCalls = () => graph.requests.filter((r) => r.path.startsWith("/v1.0")).map((r) => `${r.method} ${r.path}`);

  beforeEach(async () => {
    graph = await startStandInServer();
    policies = new Map();
    assignments = new Map();
    slept = [];
    logs = [];
    tokenRequests = 0;
    nextId = 1;
    graph.route("POST", "/:tenant/oauth2/v2.0/token", (req, p) => {
      tokenRequests++;
      const ok =
        p["tenant"] === TENANT &&
        req.body.grant_type === "client_credentials" &&
        req.body.client_id === CLIENT_ID &&
        req.body.client_secret === CLIENT_SECRET &&
        req.body.scope === "https://graph.microsoft.com/.default";
      return ok
        ? { status: 200, body: { token_type: "Bearer", expires_in: 3599, access_token: ACCESS_TOKEN } }
        : { status: 400, body: { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." } };
    });
    const authorised = (req: { headers: Record<string, unknown> }) => req.headers["authorization"] === `Bearer ${ACCESS_TOKEN}`;
    const unauthorised = { status: 401, body: { error: { code: "InvalidAuthenticationToken", message: "Access token is empty." } } };
    graph.route("POST", "/v1.0/policies/tokenLifetimePolicies", (req) => {
      if (!authorised(req)) return unauthorised;
      const id = `00000000-0000-4000-8000-${String(nextId++).padStart(12, "0")}`;
      const policy = { id, ...req.body };
      policies.set(id, policy);
      return { status: 201, body: { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/tokenLifetimePolicies/$entity", ...policy } };
    });
    graph.route("GET", "/v1.0/policies/tokenLifetimePolicies/:id", (req, p) => {
      if (!authorised(req)) return unauthorised;
      const policy = policies.get(p["id"]!);
      return policy ? { status: 200, body: policy } : { status: 404, body: { error: { code: "Request_ResourceNotFound", message: `Resource '${p["id"]}' does not exist` } } };
    });
    graph.route("PATCH", "/v1.0/policies/tokenLifetimePolicies/:id", (req, p) => {
      const policy = policies.get(p["id"]!);
      if (!policy) return { status: 404, body: { error: { code: "Request_ResourceNotFound", message: "gone" } } };
      Object.assign(policy, req.body);
      return { status: 204 };
    });
    graph.route("DELETE", "/v1.0/policies/tokenLifetimePolicies/:id", (_req, p) =>
      policies.delete(p["id"]!) ? { status: 204 } : { status: 404, body: { error: { code: "Request_ResourceNotFound", message: "gone" } } },
    );
    graph.route("GET", "/v1.0/applications/:app/tokenLifetimePolicies", (_req, p) => ({
      status: 200,
      body: { value: (assignments.get(p["app"]!) ?? []).map((id) => policies.get(id) ?? { id }) },
    }));
    graph.route("POST", "/v1.0/applications/:app/tokenLifetimePolicies/$ref", (req, p) => {
      const ref = String(req.body["@odata.id"]);
      const id = ref.split("/").pop()!;
      if (!ref.startsWith(`${graph.url}/v1.0/policies/tokenLifetimePolicies/`) || !policies.has(id)) {
        return { status: 400, body: { error: { code: "Request_BadRequest", message: "Invalid object identifier" } } };
      }
      const current = assignments.get(p["app"]!) ?? [];
      if (current.length > 0) {
        return { status: 400, body: { error: { code: "Request_BadRequest", message: "An application can have only one token lifetime policy." } } };
      }
      assignments.set(p["app"]!, [id]);
      return { status: 204 };
    });
    graph.route("DELETE", "/v1.0/applications/:app/tokenLifetimePolicies/:id/$ref", (_req, p) => {
      const current = assignments.get(p["app"]!) ?? [];
      if (!current.includes(p["id"]!)) return { status: 404, body: { error: { code: "Request_ResourceNotFound", message: "no such reference" } } };
      assignments.set(p["app"]!, current.filter((id) => id !== p["id"]));
      return { status: 204 };
    });
  });
  afterEach(() => graph.close());

  it("create with workload identity federation: GitHub's OIDC token for api://AzureADTokenExchange becomes the client assertion, no secret", async () => {
    const GITHUB_JWT = "eyJhbGciOiJSUzI1NiJ9.github-oidc.signature";
    graph.route("GET", "/_apis/pipelines/idtoken", (req) =>
      req.headers["authorization"] === "bearer request-token" && req.query.get("audience") === "api://AzureADTokenExchange" && req.query.get("api-version") === "2.0"
        ? { status: 200, body: { value: GITHUB_JWT } }
        : { status: 401, body: { message: "bad request token or audience" } },
    );
    graph.route("POST", "/:tenant/oauth2/v2.0/token", (req) => {
      tokenRequests++;
      const ok =
        req.body.client_assertion_type === "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" &&
        req.body.client_assertion === GITHUB_JWT &&
        req.body.client_secret === undefined &&
        req.body.client_id === CLIENT_ID;
      return ok
        ? { status: 200, body: { token_type: "Bearer", expires_in: 3599, access_token: ACCESS_TOKEN } }
        : { status: 400, body: { error: "invalid_client", error_description: "AADSTS700213: No matching federated identity record found." } };
    });
    const federated = createTokenLifetimePolicyProvider({
      env: () => ({ ARM_CLIENT_ID: CLIENT_ID, ACTIONS_ID_TOKEN_REQUEST_URL: `${graph.url}/_apis/pipelines/idtoken?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: "request-token" }),
      sleep: async (ms) => void slept.push(ms),
      log: (line) => logs.push(line),
    });
    const created = await federated.create(inputs());
    expect(assignments.get(APP)).toEqual([created.id]);
    expect(tokenRequests).toBe(1);
    expect(JSON.stringify(created.outs)).not.toContain(GITHUB_JWT);
  });

  it("create: signs in with client credentials, creates the policy and assigns it to the application", async () => {
    const created = await provider().create(inputs());
    expect(created.id).toBe("00000000-0000-4000-8000-000000000001");
    expect(created.outs).toMatchObject({ policyId: created.id, accessTokenLifetimeMinutes: 60, assigned: true, applicationObjectId: APP });
    expect(policies.get(created.id)).toEqual({
      id: created.id,
      displayName: "kis-orders-api-dev-access-token-lifetime",
      definition: ['{"TokenLifetimePolicy":{"Version":1,"AccessTokenLifetime":"01:00:00"}}'],
      isOrganizationDefault: false,
    });
    expect(assignments.get(APP)).toEqual([created.id]);
    expect(graphCalls()).toEqual([
      `GET /v1.0/applications/${APP}/tokenLifetimePolicies`,
      "POST /v1.0/policies/tokenLifetimePolicies",
      `POST /v1.0/applications/${APP}/tokenLifetimePolicies/$ref`,
    ]);
    expect(tokenRequests).toBe(1);
    expect(JSON.stringify(created.outs)).not.toContain(CLIENT_SECRET);
  });

  it("read: the live lifetime and assignment; a policy deleted outside Pulumi reads as gone", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs());
    const read = await p.read!(id, outs);
    expect(read).toEqual({ id, props: { ...outs, assigned: true, accessTokenLifetimeMinutes: 60 } });
    // Someone changes the lifetime in the portal and removes the assignment: read shows it, diff wants a change.
    policies.get(id)!.definition = lifetimeDefinition(120);
    assignments.set(APP, []);
    const drifted = await p.read!(id, outs);
    expect(drifted.props).toMatchObject({ accessTokenLifetimeMinutes: 120, assigned: false });
    expect((await p.diff!(id, drifted.props, inputs())).changes).toBe(true);
    policies.delete(id);
    expect(await p.read!(id, outs)).toEqual({});
  });

  it("diff: lifetime and name update in place; another application or tenant replaces, deleting first", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs());
    expect(await p.diff!(id, outs, inputs())).toEqual({ changes: false, replaces: [], deleteBeforeReplace: true });
    expect(await p.diff!(id, outs, inputs({ accessTokenLifetimeMinutes: 30 }))).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
    expect(await p.diff!(id, outs, inputs({ applicationObjectId: "other" }))).toEqual({
      changes: true,
      replaces: ["applicationObjectId"],
      deleteBeforeReplace: true,
    });
  });

  it("update: patches the definition and re-assigns a policy that lost its assignment", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs());
    assignments.set(APP, []);
    const updated = await p.update!(id, outs, inputs({ accessTokenLifetimeMinutes: 1440 }));
    expect(updated.outs).toMatchObject({ accessTokenLifetimeMinutes: 1440, assigned: true });
    expect(policies.get(id)!.definition).toEqual(['{"TokenLifetimePolicy":{"Version":1,"AccessTokenLifetime":"1.00:00:00"}}']);
    expect(assignments.get(APP)).toEqual([id]);
  });

  it("delete: unassigns, then deletes; 404 on either (already gone) is fine", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs());
    await p.delete!(id, outs);
    expect(policies.size).toBe(0);
    expect(assignments.get(APP)).toEqual([]);
    graph.requests.length = 0;
    await expect(p.delete!(id, outs)).resolves.toBeUndefined();
    expect(graphCalls()).toEqual([`DELETE /v1.0/applications/${APP}/tokenLifetimePolicies/${id}/$ref`, `DELETE /v1.0/policies/tokenLifetimePolicies/${id}`]);
  });

  it("429 with Retry-After: waits the announced time and retries", async () => {
    graph.failNext("POST", "/v1.0/policies/tokenLifetimePolicies", {
      status: 429,
      headers: { "retry-after": "7" },
      body: { error: { code: "TooManyRequests", message: "Too many requests" } },
    });
    const { id } = await provider().create(inputs());
    expect(policies.has(id)).toBe(true);
    expect(slept).toEqual([7000]);
    expect(logs.join("\n")).toMatch(/429; retrying in 7000 ms/);
  });

  it("5xx: retries with backoff, and gives up with the status after the last attempt, leaving nothing behind", async () => {
    graph.failNext("GET", "/v1.0/applications/:app/tokenLifetimePolicies", { status: 503, body: { error: { code: "ServiceUnavailable", message: "busy" } } }, 2);
    await provider().create(inputs());
    expect(slept).toEqual([500, 1000]);

    const failing = await startStandInServer();
    try {
      failing.route("POST", "/:tenant/oauth2/v2.0/token", () => ({ status: 200, body: { access_token: ACCESS_TOKEN, expires_in: 3600 } }));
      failing.route("GET", "/v1.0/applications/:app/tokenLifetimePolicies", () => ({ status: 200, body: { value: [] } }));
      failing.route("POST", "/v1.0/policies/tokenLifetimePolicies", () => ({ status: 500, body: { error: { code: "InternalServerError", message: "boom" } } }));
      const error = await provider()
        .create(inputs({ graphBaseUrl: failing.url, loginBaseUrl: failing.url }))
        .catch((e: Error) => e);
      expect((error as Error).message).toBe("Microsoft Graph: POST /v1.0/policies/tokenLifetimePolicies answered 500: boom");
      expect(failing.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v1.0")).length).toBe(5);
    } finally {
      await failing.close();
    }
  });

  it("an application that already has a token-lifetime policy: a clear conflict, nothing created", async () => {
    policies.set("foreign", { id: "foreign", displayName: "set by hand", definition: lifetimeDefinition(90), isOrganizationDefault: false });
    assignments.set(APP, ["foreign"]);
    const error = await provider().create(inputs()).catch((e: Error) => e);
    expect(error).toBeInstanceOf(AssignmentConflictError);
    expect((error as Error).message).toMatch(new RegExp(`application ${APP} already has the token lifetime policy foreign \\("set by hand"\\)`));
    expect(graphCalls().filter((c) => c.startsWith("POST"))).toEqual([]);
  });

  it("an assignment that loses a race: the new policy is deleted again and the conflict reported", async () => {
    graph.failNext("POST", "/v1.0/applications/:app/tokenLifetimePolicies/$ref", { status: 400, body: { error: { code: "Request_BadRequest", message: "An application can have only one token lifetime policy." } } });
    // Someone else assigns their policy between our check and our assignment.
    graph.route("POST", "/v1.0/policies/tokenLifetimePolicies", (req) => {
      const id = `ours-${nextId++}`;
      policies.set(id, { id, ...req.body });
      policies.set("theirs", { id: "theirs", displayName: "other", definition: lifetimeDefinition(90), isOrganizationDefault: false });
      assignments.set(APP, ["theirs"]);
      return { status: 201, body: { id, ...req.body } };
    });
    const error = await provider().create(inputs()).catch((e: Error) => e);
    expect(error).toBeInstanceOf(AssignmentConflictError);
    expect([...policies.keys()]).toEqual(["theirs"]);
  });

  it("401 once: signs in again and carries on", async () => {
    const p = provider();
    const { id, outs } = await p.create(inputs());
    graph.failNext("GET", "/v1.0/policies/tokenLifetimePolicies/:id", { status: 401, body: { error: { code: "InvalidAuthenticationToken", message: "expired" } } });
    expect((await p.read!(id, outs)).id).toBe(id);
    expect(tokenRequests).toBe(3); // one per operation's client, plus the re-authentication
  });

  it("check: lifetimes outside 10 minutes..1 day are refused before any call", async () => {
    const { failures } = await provider().check!({}, inputs({ accessTokenLifetimeMinutes: 5 }));
    expect(failures).toEqual([{ property: "accessTokenLifetimeMinutes", reason: expect.stringMatching(/from 10 to 1440/) }]);
    expect((await provider().check!({}, inputs({ accessTokenLifetimeMinutes: 1441 }))).failures).toHaveLength(1);
    expect((await provider().check!({}, inputs())).failures).toEqual([]);
    expect(graph.requests).toEqual([]);
  });

  it("never puts the client secret or the access token into errors or logs", async () => {
    graph.failNext("POST", "/v1.0/policies/tokenLifetimePolicies", { status: 503, body: { error: { message: `echo ${ACCESS_TOKEN}` } } }, 5);
    const error = (await provider().create(inputs()).catch((e: Error) => e)) as Error;
    expect(error.message).toContain("[redacted]");
    const wrongSecret = createTokenLifetimePolicyProvider({ env: () => ({ ARM_CLIENT_ID: CLIENT_ID, ARM_CLIENT_SECRET: "wrong-secret-value" }), sleep: async () => {} });
    const signIn = (await wrongSecret.create(inputs()).catch((e: Error) => e)) as Error;
    expect(signIn.message).toMatch(/Microsoft Entra sign-in: POST .*token answered 400: AADSTS7000215/);
    for (const text of [error.message, signIn.message, ...logs, JSON.stringify((error as { body?: unknown }).body)]) {
      expect(text).not.toContain(CLIENT_SECRET);
      expect(text).not.toContain(ACCESS_TOKEN);
      expect(text).not.toContain("wrong-secret-value");
    }
  });

  it("the serialised provider (what Pulumi stores) holds no credentials", async () => {
    process.env["KIS_GRAPH_CLIENT_SECRET"] = CLIENT_SECRET;
    try {
      const serialized = await pulumi.runtime.serializeFunction(() => createTokenLifetimePolicyProvider(), { isFactoryFunction: true });
      expect(serialized.text.length).toBeGreaterThan(100);
      expect(serialized.text).not.toContain(CLIENT_SECRET);
    } finally {
      delete process.env["KIS_GRAPH_CLIENT_SECRET"];
    }
  });
});
