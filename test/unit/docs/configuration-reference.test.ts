import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configKeys, renderConfigurationReference } from "../../../infra/config/reference";
import { stackObjectSchema } from "../../../infra/config/schema";
import { REPO_ROOT } from "../../support/run-kis";

describe("docs/configuration.md", () => {
  it("is exactly what npm run docs:config generates from the schema", () => {
    const committed = readFileSync(join(REPO_ROOT, "docs", "configuration.md"), "utf8");
    expect(committed, "docs/configuration.md is stale: run npm run docs:config").toBe(renderConfigurationReference(stackObjectSchema));
  });

  it("describes every key of the stack config", () => {
    const undescribed = configKeys(stackObjectSchema)
      .filter((k) => !k.description)
      .map((k) => k.path);
    expect(undescribed, "give these keys a .describe() in infra/config/").toEqual([]);
  });

  it("shows types, defaults, required keys and the provider kinds a key belongs to", () => {
    const rows = new Map(configKeys(stackObjectSchema).map((r) => [r.path, r]));
    expect(rows.get("identity.leewaySeconds")).toMatchObject({ type: "integer 0–3600", default: "60", required: false });
    expect(rows.get("identity.apiName")).toMatchObject({ required: true });
    expect(rows.get("identity.providers[].tenantId")?.kinds).toEqual(["entra"]);
    expect(rows.get("identity.providers[].name")?.kinds).toEqual(["entra", "okta", "cognito"]);
    expect(rows.get("identity.providers[].kind")?.type).toBe('"entra" \\| "okta" \\| "cognito"');
    expect(rows.get("kong.proxyServiceType")?.default).toBe('"LoadBalancer"');
  });

  it("follows a change in the schema (a new described key appears, an undescribed one is reported)", () => {
    const schema = z.object({
      a: z.number().int().min(1).max(5).default(2).describe("A number."),
      b: z.object({ c: z.string().describe("Inner.") }).describe("A block."),
      d: z.boolean(),
    });
    const markdown = renderConfigurationReference(schema);
    expect(markdown).toContain("| `a` | integer 1–5 | `2` | A number. |");
    expect(markdown).toContain("| `b.c` | string | **required** | Inner. |");
    expect(configKeys(schema).filter((k) => !k.description).map((k) => k.path)).toEqual(["d"]);
  });
});
