#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `kis` needs no build step.
require("tsx/cjs");
const { main } = require("../main.ts");
process.on("unhandledRejection", (err) => process.exit(require("../main.ts").reportError(err)));
main(process.argv.slice(2)).then((code) => process.exit(code));
