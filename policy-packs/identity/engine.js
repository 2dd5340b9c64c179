// The pack's entry for the Pulumi engine (package.json "main"). Pulumi's run-policy-pack compiles TypeScript
// through ts-node with type checking, several seconds for this pack; the same pack precompiled in dist/ (built by
// `npm ci`, see cli/bin/compiled.js) loads in about one. index.ts stays the source of truth: when dist/ is missing
// or was built from other sources, the engine loads index.ts exactly as before.
"use strict";
const { compiledEntry } = require("../../cli/bin/compiled.js");
require(compiledEntry("policy-packs/identity/index") ?? "./index.ts");
