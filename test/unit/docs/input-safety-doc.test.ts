import { describe, expect, it } from "vitest";
import { SECRET_CONFIG_KEYS } from "../../../infra/config";
import { readText } from "../../support/markdown";
import { REPO_ROOT } from "../../support/run-kis";

describe("docs/input-safety.md", () => {
  it("lists exactly the keys of SECRET_CONFIG_KEYS, in order, with what they hold", () => {
    const page = readText(REPO_ROOT, "docs/input-safety.md");
    const table = /<!-- secret-keys:start -->\n([\s\S]*?)<!-- secret-keys:end -->/.exec(page)?.[1] ?? "";
    const rows = table.split("\n").filter((l) => l.startsWith("| `"));
    expect(rows).toEqual(SECRET_CONFIG_KEYS.map((k) => `| \`${k.key}\` | ${k.holds} | ${k.mustBeSecret ? "yes" : "no"} |`));
  });
});
