import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../../../support/run-kis";

/** `kis init` at a real terminal (a pseudo-terminal from Python's pty module): what a person typing sees. */
function atTerminal(steps: [waitFor: string, type: string][], stacksDir: string) {
  const run = spawnSync("python3", [join(REPO_ROOT, "test", "support", "pty-session.py"), JSON.stringify(steps), process.execPath, join(REPO_ROOT, "cli", "bin", "kis.js"), "init", "--stacks-dir", stacksDir], {
    encoding: "utf8",
    timeout: 150_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout) as { status: number; output: string };
  // The terminal's cursor codes are not what a person reads.
  return { status: result.status, text: result.output.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").replace(/\r/g, "") };
}

describe("kis init at a terminal", { timeout: 200_000 }, () => {
  it("Ctrl+D at the first prompt: exit 130, one line, nothing written", () => {
    const dir = tempDir("init-tty");
    const { status, text } = atTerminal([["Identity provider", "\u0004"]], dir);
    expect(status).toBe(130);
    expect(text.trim().split("\n").filter((l) => l.startsWith("kis init:"))).toEqual(["kis init: cancelled; nothing written"]);
    expect(text).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("Ctrl+C at a later prompt: exit 130, one line, nothing written", () => {
    const dir = tempDir("init-tty");
    const { status, text } = atTerminal(
      [
        ["Identity provider", "okta\r"],
        ["Environment", "\u0003"],
      ],
      dir,
    );
    expect(status).toBe(130);
    expect(text).toContain("kis init: cancelled; nothing written");
    expect(text).not.toMatch(/internal error/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a bad answer is refused at its prompt and asked again; Okta and a pasted org URL are normalised, and it says so", () => {
    const dir = tempDir("init-tty");
    const { status, text } = atTerminal(
      [
        ["Identity provider", "auth0\r"],
        ["try again", "Okta\r"],
        ["Environment", "team-a\r"],
        ["production stack", "maybe\r"],
        ["expected yes or no", "no\r"],
        ["Okta org", "https://dev-424242.okta.com/admin/dashboard\r"],
        ["API name", "\r"],
        ["Host name", "\r"],
        ["Upstream", "\r"],
        ["Kubernetes context", "team-a-cluster\r"],
      ],
      dir,
    );
    expect(status, text).toBe(0);
    expect(text).toContain('expected one of entra, okta, cognito, got "auth0"; try again');
    expect(text).toContain('took "Okta" as okta');
    expect(text).toContain('took the Okta org dev-424242 from "https://dev-424242.okta.com/admin/dashboard"');
    const file = readFileSync(join(dir, "Pulumi.team-a.yaml"), "utf8");
    expect(file).toMatch(/orgName: dev-424242\n\s+baseUrl: okta\.com/);
    expect(file).toMatch(/kong-identity-stack:production: false/);
    expect(file).toMatch(/context: team-a-cluster/);
    expect(existsSync(join(dir, "Pulumi.dev.yaml"))).toBe(false);
  });
});
