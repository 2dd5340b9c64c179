// Which JavaScript to run: the compiled build in dist/ (made by `npm run build`, which `npm ci` runs as its
// `prepare` step) when it was built from exactly the TypeScript sources on disk, otherwise none, so the caller
// runs the TypeScript itself. A fingerprint of every source's path, size and mtime is written beside the build;
// an edit, a new or deleted file, or a branch switch changes it, so an edit never runs stale code.
// Plain JavaScript: it must run before anything can compile TypeScript.
"use strict";
const { createHash } = require("node:crypto");
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require("node:fs");
const { join, relative, sep } = require("node:path");

const REPO = join(__dirname, "..", "..");
const STAMP_FILE = "build-fingerprint.txt";
/** The folders tsconfig.build.json compiles (tests are not part of the build). */
const SOURCE_ROOTS = ["infra", "components", "cli", join("policy-packs", "identity")];

function collectSources(dir, out) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) collectSources(path, out);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** sha256 over (path, size, mtime) of every compiled source and the build's tsconfig files, in path order. */
function sourceFingerprint(repo = REPO) {
  const files = SOURCE_ROOTS.flatMap((root) => collectSources(join(repo, root), []));
  files.push(...["tsconfig.json", "tsconfig.build.json"].map((f) => join(repo, f)).filter(existsSync));
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    const s = statSync(file);
    hash.update(`${relative(repo, file).split(sep).join("/")}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/**
 * The compiled module for `source` (a path from the repository root without extension, e.g. "cli/main"), or
 * undefined when dist/ is missing or was built from other sources than those on disk.
 */
function compiledEntry(source, repo = REPO) {
  const file = join(repo, "dist", `${source}.js`);
  const stamp = join(repo, "dist", STAMP_FILE);
  if (!existsSync(stamp) || !existsSync(file)) return undefined;
  return readFileSync(stamp, "utf8").trim() === sourceFingerprint(repo) ? file : undefined;
}

/** Called by `npm run build` after tsc: records which sources dist/ was built from. */
function writeBuildFingerprint(repo = REPO) {
  writeFileSync(join(repo, "dist", STAMP_FILE), `${sourceFingerprint(repo)}\n`);
}

module.exports = { compiledEntry, writeBuildFingerprint, sourceFingerprint };

if (require.main === module && process.argv[2] === "--stamp") writeBuildFingerprint();
