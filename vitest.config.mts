import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { TotalsReporter } from "./test/support/totals-reporter.mjs";

// Projects: `unit` (everything that runs on its own), `engine` and `engine-program` (the real Pulumi CLI, see
// docs/testing.md) and `conformance` (artifacts against the vendor schemas in ../shared/schemas, beside the repository).
export default defineConfig({
  test: {
    // vitest's default leaves one core free: on the 2-core CI machines that is one worker for 100 files (149 s
    // against 86 s with two, issue 13). The spawned kis processes are short; both cores are worth it.
    maxWorkers: Math.max(2, availableParallelism()),
    reporters: ["default", new TotalsReporter()],
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/conformance/**", "test/engine/**", "test/render/**", "**/node_modules/**"],
          pool: "forks",
          // One module cache per worker, not per file: each file re-importing @pulumi/pulumi and the components
          // cost about 90 s of a 270 s run on 2 cores (issue 13). Every file already sets its own mocks and state.
          isolate: false,
          // Generous: tests that spawn kis or start loopback servers must not fail because a shared 2-core machine is
          // busy; a timeout is not an assertion.
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        // The real Pulumi CLI (built by test/engine/tools/install-pulumi.sh): `npm run test:engine`, in CI.
        test: {
          name: "engine",
          include: ["test/engine/*.test.ts"],
          pool: "forks",
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 900_000,
        },
      },
      {
        // The program and the policy pack under the engine: needs the Node.js language host as well
        // (`npm run test:engine:program`; docs/testing.md says why CI cannot build it yet).
        test: {
          name: "engine-program",
          include: ["test/engine/program/*.test.ts"],
          pool: "forks",
          fileParallelism: false,
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
      {
        test: {
          // The chart rendered by a real helm (test/render/tools/render-tools.sh builds it; `npm run test:render`).
          name: "render",
          include: ["test/render/**/*.test.ts"],
          pool: "forks",
          testTimeout: 60_000,
          hookTimeout: 900_000,
        },
      },
      {
        test: {
          name: "conformance",
          include: ["test/conformance/**/*.test.ts"],
          pool: "forks",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
