// `kis` never serialises a function: closure serialisation is what the engine needs to ship a dynamic provider's
// code, and the offline plan replaces it (cli/plan/offline-runtime.ts). Yet @pulumi/pulumi loads its parts eagerly
// at require time: the TypeScript compiler (to parse function text) and npm's arborist (to find a closure's
// packages), about 0.55 s of the 0.75 s that `require("@pulumi/pulumi")` takes here. This hook hands @pulumi/pulumi
// a stand-in for those two modules that loads the real one on first use, so nothing changes if either is ever
// called. Only `kis` installs it; under the Pulumi engine nothing of this runs.
"use strict";
const Module = require("node:module");

const DEFERRED = new Set(["typescript", "@npmcli/arborist"]);
const FROM_PULUMI = /[\\/]node_modules[\\/]@pulumi[\\/]pulumi[\\/]/;

function deferClosureModules() {
  const load = Module._load;
  Module._load = function deferredLoad(request, parent, isMain) {
    if (!DEFERRED.has(request) || !parent || !FROM_PULUMI.test(parent.filename)) return load.apply(this, arguments);
    let real;
    const actual = () => (real ??= load.call(Module, request, parent, isMain));
    // `__esModule` answered without loading: TypeScript's __importStar then keeps the stand-in as it is.
    return new Proxy(
      {},
      {
        get: (_, key) => (key === "__esModule" ? true : actual()[key]),
        has: (_, key) => key in actual(),
        ownKeys: () => Reflect.ownKeys(actual()),
        getOwnPropertyDescriptor: (_, key) => {
          const d = Object.getOwnPropertyDescriptor(actual(), key);
          return d && { ...d, configurable: true };
        },
      },
    );
  };
}

module.exports = { deferClosureModules };
