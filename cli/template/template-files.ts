import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { templatePulumiYaml } from "./template-pulumi-yaml";

/**
 * What a new project needs, and nothing of this repository's own: the program, the components, the policy pack,
 * `kis`, the workflows, the package files and an empty stacks/. Not the ten example stacks, the tests, the fixtures,
 * the docs or the benches (they stay in this repository, which the template's README links to).
 */
export const TEMPLATE_FOLDERS = ["infra", "components", "policy-packs/identity", "cli", ".github"] as const;
/** Parts of those folders that serve this repository only. */
const LEFT_OUT = [/(^|\/)node_modules\//, /^cli\/bench\//, /^cli\/docs\//, /^cli\/template\//];
const TEMPLATE_ROOT_FILES = ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", ".gitignore"] as const;

export interface TemplateFile {
  readonly path: string;
  readonly content: string | Buffer;
  readonly mode?: number;
}

/** Every file of the template, read from the repository at `root`. */
export function templateFiles(root: string): TemplateFile[] {
  const files: TemplateFile[] = [];
  for (const folder of TEMPLATE_FOLDERS) {
    for (const path of walk(join(root, folder))) {
      const rel = relative(root, path).split("\\").join("/");
      if (LEFT_OUT.some((p) => p.test(rel))) continue;
      files.push({ path: rel, content: readFileSync(path), mode: statSync(path).mode & 0o777 });
    }
  }
  for (const name of TEMPLATE_ROOT_FILES) {
    const text = readFileSync(join(root, name), "utf8");
    files.push({ path: name, content: name.startsWith("package") ? renamePackage(name, text) : text });
  }
  const project = parse(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as { runtime: unknown; main?: string };
  files.push({ path: "Pulumi.yaml", content: templatePulumiYaml(project) });
  files.push({ path: "stacks/.gitkeep", content: "" });
  files.push({ path: "vitest.config.mts", content: VITEST_CONFIG });
  files.push({ path: "test/stacks.test.ts", content: STACKS_TEST });
  files.push({ path: "README.md", content: README });
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The new project's package is named after it; scripts that only this repository can run are dropped. */
function renamePackage(name: string, text: string): string {
  const pkg = JSON.parse(text) as Record<string, unknown> & { scripts?: Record<string, string>; packages?: Record<string, Record<string, unknown>> };
  pkg["name"] = "${PROJECT}";
  if (name === "package.json") {
    pkg["description"] = "${DESCRIPTION}";
    const keep = ["build", "typecheck", "lint", "plan", "kis", "prepare"];
    pkg.scripts = { ...Object.fromEntries(Object.entries(pkg.scripts ?? {}).filter(([k]) => keep.includes(k))), test: "vitest run" };
  } else if (pkg.packages?.[""]) {
    pkg.packages[""] = { ...pkg.packages[""], name: "${PROJECT}" };
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

const VITEST_CONFIG = `import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 300_000, hookTimeout: 300_000 } });
`;

// The template's own test: every stack this project adds must plan and pass the policy pack, offline.
const STACKS_TEST = `import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");
const stacks = readdirSync(join(root, "stacks")).filter((f) => /^Pulumi\\..+\\.yaml$/.test(f));

describe("every stack in stacks/", () => {
  it("there is at least one (pulumi new or npx kis init writes it)", () => {
    expect(stacks.length).toBeGreaterThan(0);
  });
  it.each(stacks)("%s plans offline and passes the policy pack", (file) => {
    const run = spawnSync(process.execPath, [join(root, "cli", "bin", "kis.js"), "plan", "--stack-file", join(root, "stacks", file), "--out", join(root, "out")], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/no violations/);
  });
});
`;

const README = `# \${PROJECT}

\${DESCRIPTION}

An API edge where identity is consistent end to end: Kong Gateway enforcing OIDC/JWT, the IdP registrations
(Entra ID, Okta or Cognito), and optionally ZPA, F5 BIG-IP and PingAccess, from one stack file per environment.
Made from the kong-identity-stack template; its platform-team guide (docs/platform-guide.md in that repository)
walks from here to the first production deploy.

\`\`\`bash
npm ci
npx kis plan --stack <stack>        # offline: what pulumi up would create, and the policy pack's verdict
npm test                            # every stack in stacks/ plans and passes the pack
pulumi preview --stack <stack> --policy-pack policy-packs/identity --policy-pack-config policy-packs/identity/config/dev.json
\`\`\`

Before \`pulumi up\`: replace every \`replace-me\` (kis plan lists them first), name the cluster
(\`kubernetes.context\`), and create the Kong certificate and (Enterprise) licence Secrets in the cluster.
`;
