import { execFile } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../support/run-kis";
import { startStandInServer, type StandInServer } from "../../support/stand-in-server";

// The deploy workflow's production gate, against a stand-in of GitHub's REST API (GET /repos/{owner}/{repo}/environments/{name}).
const SCRIPT = join(REPO_ROOT, ".github", "scripts", "check-environment-protection.js");
const { environmentProblems } = require(SCRIPT) as {
  environmentProblems: (o: { apiUrl: string; repository: string; token: string; environments: string[] }) => Promise<string[]>;
};

describe("check-environment-protection.js", () => {
  let github: StandInServer;
  beforeAll(async () => {
    github = await startStandInServer();
    const environment = (name: string, rules: unknown[]) => ({ status: 200, body: { id: 1, name, protection_rules: rules } });
    github.route("GET", "/repos/acme/edge/environments/:name", (req, p) => {
      if (req.headers["authorization"] !== "Bearer t0ken") return { status: 401, body: { message: "Bad credentials" } };
      if (p["name"] === "prod") return environment("prod", [{ id: 3, type: "required_reviewers", prevent_self_review: true, reviewers: [{ type: "Team", reviewer: { slug: "platform" } }] }]);
      if (p["name"] === "prod-eu") return environment("prod-eu", [{ id: 4, type: "wait_timer", wait_timer: 30 }, { id: 5, type: "branch_policy" }]);
      if (p["name"] === "prod-us") return environment("prod-us", [{ id: 6, type: "required_reviewers", reviewers: [] }]);
      return { status: 404, body: { message: "Not Found" } };
    });
  });
  afterAll(() => github.close());
  const check = (environments: string[], token = "t0ken") => environmentProblems({ apiUrl: github.url, repository: "acme/edge", token, environments });

  it("passes an environment with required reviewers", async () => {
    expect(await check(["prod"])).toEqual([]);
  });

  it("refuses one that is missing, one with only a wait timer, one whose reviewer list is empty, each saying why", async () => {
    expect(await check(["prod", "prod-missing", "prod-eu", "prod-us"])).toEqual([
      "environment prod-missing: does not exist; create it (Settings > Environments) with required reviewers before a production stack deploys through it",
      "environment prod-eu: has no required reviewers, so nothing stops a push to main from deploying production; add them in Settings > Environments > prod-eu",
      "environment prod-us: has no required reviewers, so nothing stops a push to main from deploying production; add them in Settings > Environments > prod-us",
    ]);
  });

  it("an API refusal is a failure naming the permission, not a pass", async () => {
    expect(await check(["prod"], "wrong")).toEqual(["environment prod: the GitHub API answered 401 (the job needs permissions: actions: read)"]);
  });

  it("as the workflow runs it: exit 1 and ::error:: lines, exit 0 when protected", async () => {
    const env = { ...process.env, GITHUB_API_URL: github.url, GITHUB_REPOSITORY: "acme/edge", GH_TOKEN: "t0ken" };
    // Asynchronously: the stand-in answers from this process, which a synchronous spawn would block.
    const run = (args: string[]) =>
      new Promise<{ status: number; stdout: string }>((resolve) =>
        execFile(process.execPath, [SCRIPT, ...args], { encoding: "utf8", env }, (err, stdout) => resolve({ status: err ? Number(err.code) : 0, stdout })),
      );
    const bad = await run(["prod", "prod-eu"]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^::error::environment prod-eu: has no required reviewers/m);
    const good = await run(["prod"]);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain("protected: prod");
  });
});
