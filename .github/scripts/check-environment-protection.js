#!/usr/bin/env node
// Refuses to deploy a production stack through a GitHub environment nobody protected: GitHub creates a missing
// environment on first use, unprotected, so `environment: prod` alone gates nothing. For each environment named on
// the command line it asks the REST API (GET /repos/{owner}/{repo}/environments/{name}) for its protection rules
// and requires a `required_reviewers` rule with at least one reviewer. Exit 1 with one line per problem.
//   GITHUB_API_URL, GITHUB_REPOSITORY, GH_TOKEN (a token with actions: read) from the workflow.
"use strict";

/** The problems of each environment, one line each; none when every one has required reviewers. */
async function environmentProblems({ apiUrl, repository, token, environments, fetchImpl = fetch }) {
  const problems = [];
  for (const name of environments) {
    const url = `${apiUrl.replace(/\/$/, "")}/repos/${repository}/environments/${encodeURIComponent(name)}`;
    const response = await fetchImpl(url, {
      headers: { accept: "application/vnd.github+json", authorization: `Bearer ${token}`, "x-github-api-version": "2022-11-28" },
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status === 404) {
      problems.push(`environment ${name}: does not exist; create it (Settings > Environments) with required reviewers before a production stack deploys through it`);
      continue;
    }
    if (!response.ok) {
      problems.push(`environment ${name}: the GitHub API answered ${response.status} (the job needs permissions: actions: read)`);
      continue;
    }
    const body = await response.json();
    const reviewers = (body.protection_rules || []).filter((r) => r.type === "required_reviewers").flatMap((r) => r.reviewers || []);
    if (reviewers.length === 0) {
      problems.push(`environment ${name}: has no required reviewers, so nothing stops a push to main from deploying production; add them in Settings > Environments > ${name}`);
    }
  }
  return problems;
}

async function main() {
  const environments = process.argv.slice(2).filter(Boolean);
  const problems = await environmentProblems({
    apiUrl: process.env.GITHUB_API_URL || "https://api.github.com",
    repository: process.env.GITHUB_REPOSITORY,
    token: process.env.GH_TOKEN,
    environments,
  });
  for (const p of problems) console.log(`::error::${p}`);
  if (problems.length === 0) console.log(`protected: ${environments.join(", ")} (required reviewers present)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

module.exports = { environmentProblems };
if (require.main === module) {
  main().catch((err) => {
    console.log(`::error::could not check the environments' protection: ${err.message}`);
    process.exitCode = 1;
  });
}
