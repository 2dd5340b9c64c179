import { defineConfig } from "vitest/config";
import { TotalsReporter } from "./test/support/totals-reporter.mjs";

// Two projects: `unit` (everything that runs on its own) and `conformance` (artifacts against the
// vendor schemas in ../shared/schemas, which CI provides beside the repository).
export default defineConfig({
  test: {
    reporters: ["default", new TotalsReporter()],
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/conformance/**", "**/node_modules/**"],
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 30_000,
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
