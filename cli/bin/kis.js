#!/usr/bin/env node
// The `kis` command. Runs the compiled CLI (dist/, built by `npm ci`) when it was built from the sources on disk;
// otherwise the TypeScript through tsx, which is slower to start (about 0.7 s) but never runs stale code.
"use strict";
const { compiledEntry } = require("./compiled.js");
require("./defer-closure-modules.js").deferClosureModules();
const args = process.argv.slice(2);
const compiled = compiledEntry("cli/main");
if (compiled) {
  require(compiled).runAsProcess(args);
} else {
  if (process.stderr.isTTY) process.stderr.write("kis: dist/ is missing or older than the sources; running the TypeScript (npm run build makes kis start faster)\n");
  require("tsx/cjs");
  require("../main.ts").runAsProcess(args);
}
