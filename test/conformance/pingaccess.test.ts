import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runKis, tempDir, type KisRun } from "../support/run-kis";
import { validatePingAccessRequest } from "./pingaccess-validators";
import { validateKongYamlText } from "./validators";

describe("kis plan --stack pingaccess-dev: PingAccess and ping-auth artifacts against the vendors' schemas", () => {
  const out = tempDir("conformance-pingaccess");
  let run: KisRun;
  beforeAll(async () => {
    run = await runKis(["plan", "--stack", "pingaccess-dev", "--out", out]);
  });
  const doc = () => JSON.parse(readFileSync(join(out, "pingaccess-dev", "pingaccess.json"), "utf8"));

  it("plans", () => {
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status, run.stderr).toBe(0);
  });

  it("every request body in pingaccess.json validates against its operation's request schema (OpenAPI 7.3)", () => {
    const objects = doc().objects as { request: { method: string; path: string; body: unknown } }[];
    expect(new Set(objects.map((o: any) => o.kind))).toEqual(new Set(["SidebandClient", "ThirdPartyService", "AccessTokenValidator", "VirtualHost", "Rule", "RuleSet", "Application", "Resource", "ResourceOrder"]));
    for (const o of objects) expect(validatePingAccessRequest(o.request.method, o.request.path.replace(/\{id of [^}]+\}/, "1"), o.request.body)).toEqual([]);
  });

  it("every ping-auth config in kong.yml validates against the plugin's schema (and kong.yml against decK's)", () => {
    const text = readFileSync(join(out, "pingaccess-dev", "kong.yml"), "utf8");
    expect(text.match(/name: ping-auth/g)).toHaveLength(3);
    expect(validateKongYamlText(text)).toEqual([]);
  });
});

describe("the PingAccess validator catches broken bodies", () => {
  it("a wrong type, a missing required field, an unknown enum value", () => {
    expect(validatePingAccessRequest("POST", "/pa-admin-api/v3/virtualhosts", { host: "a", port: "443" })).toEqual([
      "POST /pa-admin-api/v3/virtualhosts (VirtualHost): /port must be integer",
    ]);
    expect(validatePingAccessRequest("POST", "/pa-admin-api/v3/sidebandClients", { name: "x" })).toEqual([
      "POST /pa-admin-api/v3/sidebandClients (SidebandClient): / must have required property 'clientCredentials'",
    ]);
    expect(
      validatePingAccessRequest("POST", "/pa-admin-api/v3/rulesets", { name: "x", policy: [1], successCriteria: "SuccessIfMost" }).join("\n"),
    ).toMatch(/successCriteria must be equal to one of the allowed values/);
    expect(validatePingAccessRequest("POST", "/pa-admin-api/v3/nothing", {})).toEqual(["POST /pa-admin-api/v3/nothing: no such operation with a JSON request body in the 7.3 OpenAPI file"]);
  });
});
