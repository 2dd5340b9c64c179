import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../support/run-kis";

/** cli/bin/compiled.js decides whether `kis` and the engine's policy pack run dist/ or the TypeScript. */
const { compiledEntry, writeBuildFingerprint } = require(join(REPO_ROOT, "cli", "bin", "compiled.js")) as {
  compiledEntry(source: string, repo?: string): string | undefined;
  writeBuildFingerprint(repo?: string): void;
};

let repo: string;
afterEach(() => rmSync(repo, { recursive: true, force: true }));

/** A miniature repository: two sources, the tsconfig files, and a dist/ built from them. */
function builtRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "kis-compiled-"));
  for (const f of ["cli/main.ts", "policy-packs/identity/index.ts", "dist/cli/main.js", "dist/policy-packs/identity/index.js"]) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), "// source\n");
  }
  writeFileSync(join(dir, "tsconfig.json"), "{}");
  writeFileSync(join(dir, "tsconfig.build.json"), "{}");
  writeBuildFingerprint(dir);
  return dir;
}

describe("compiled entry point", () => {
  it("runs dist/ when it was built from the sources on disk", () => {
    repo = builtRepo();
    expect(compiledEntry("cli/main", repo)).toBe(join(repo, "dist", "cli", "main.js"));
    expect(compiledEntry("policy-packs/identity/index", repo)).toBe(join(repo, "dist", "policy-packs", "identity", "index.js"));
  });

  it("falls back to the TypeScript after an edit (mtime), a new source file, a deleted one, or a tsconfig change", () => {
    repo = builtRepo();
    const later = new Date(Date.now() + 5000);
    utimesSync(join(repo, "cli", "main.ts"), later, later);
    expect(compiledEntry("cli/main", repo)).toBeUndefined();

    repo = builtRepo();
    writeFileSync(join(repo, "cli", "added.ts"), "export {};\n");
    expect(compiledEntry("cli/main", repo)).toBeUndefined();

    repo = builtRepo();
    rmSync(join(repo, "policy-packs", "identity", "index.ts"));
    expect(compiledEntry("cli/main", repo)).toBeUndefined();

    repo = builtRepo();
    writeFileSync(join(repo, "tsconfig.build.json"), '{"compilerOptions":{}}');
    expect(compiledEntry("cli/main", repo)).toBeUndefined();
  });

  it("falls back when dist/ or its fingerprint is missing", () => {
    repo = builtRepo();
    rmSync(join(repo, "dist", "build-fingerprint.txt"));
    expect(compiledEntry("cli/main", repo)).toBeUndefined();
    repo = builtRepo();
    rmSync(join(repo, "dist", "cli", "main.js"));
    expect(compiledEntry("cli/main", repo)).toBeUndefined();
  });

  it("ignores what is not compiled: tests, node_modules, declaration files", () => {
    repo = builtRepo();
    for (const f of ["test/x.test.ts", "policy-packs/identity/node_modules/p/index.ts", "cli/types.d.ts"]) {
      mkdirSync(join(repo, f, ".."), { recursive: true });
      writeFileSync(join(repo, f), "export {};\n");
    }
    expect(compiledEntry("cli/main", repo)).toBe(join(repo, "dist", "cli", "main.js"));
  });
});

describe("the repository's own entry points", () => {
  it("kis runs the module compiledEntry picks: dist/ after a build, the TypeScript otherwise", () => {
    // Which main module the real binary loaded, reported by a preloaded hook when the process exits.
    const hook = join(mkdtempSync(join(tmpdir(), "kis-hook-")), "loaded.cjs");
    writeFileSync(hook, 'process.on("exit", () => process.stderr.write("LOADED " + JSON.stringify(Object.keys(require.cache)) + "\\n"));');
    const run = spawnSync(process.execPath, ["--require", hook, join(REPO_ROOT, "cli", "bin", "kis.js"), "--help"], { encoding: "utf8" });
    rmSync(join(hook, ".."), { recursive: true, force: true });
    expect(run.status).toBe(0);
    const loaded = JSON.parse(/LOADED (.*)/.exec(run.stderr)![1]!) as string[];
    const compiled = compiledEntry("cli/main");
    if (compiled) {
      expect(loaded).toContain(compiled);
      expect(loaded.some((f) => f.endsWith(join("cli", "main.ts")))).toBe(false);
    } else {
      expect(loaded).toContain(join(REPO_ROOT, "cli", "main.ts"));
    }
  });

  it("npm ci builds dist/ (prepare), and the engine's policy pack enters through the same choice", () => {
    const read = (f: string) => readFileSync(join(REPO_ROOT, f), "utf8");
    const scripts = JSON.parse(read("package.json")).scripts as Record<string, string>;
    expect(scripts["prepare"]).toBe("npm run build");
    expect(scripts["build"]).toContain("tsconfig.build.json");
    expect(JSON.parse(read("policy-packs/identity/package.json")).main).toBe("engine.js");
    expect(read("policy-packs/identity/engine.js")).toMatch(/compiledEntry\("policy-packs\/identity\/index"\) \?\? "\.\/index\.ts"/);
  });
});
