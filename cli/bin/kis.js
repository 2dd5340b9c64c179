#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `kis` needs no build step.
require("tsx/cjs");
require("../main.ts").runAsProcess(process.argv.slice(2));
