import type { z } from "zod";
import { configKeys, type ConfigKeyDoc } from "./json-schema-walk";

/** Top-level blocks get a section each, in this order; any other top-level key lands in "Other keys". */
const SECTIONS: readonly { readonly key: string; readonly title: string; readonly page?: string }[] = [
  { key: "environment", title: "Stack" },
  { key: "identity", title: "identity", page: "identity-providers/claims.md" },
  { key: "kong", title: "kong", page: "kong.md" },
  { key: "routes", title: "routes" },
  { key: "f5", title: "f5", page: "f5.md" },
  { key: "zpa", title: "zpa", page: "zpa.md" },
];

const GENERATED_NOTE =
  "<!-- Generated from the zod schema descriptions in infra/config/ by `npm run docs:config`; do not edit by hand. -->";

/**
 * docs/configuration.md: every key of the stack config with its type, default and description, taken from the
 * zod schema itself, so the reference cannot drift from what `kis plan` and `pulumi up` accept.
 */
export function renderConfigurationReference(schema: z.ZodType): string {
  const rows = configKeys(schema);
  const sectionOf = (row: ConfigKeyDoc) => {
    const top = row.path.split(/[.[]/)[0]!;
    return SECTIONS.some((s) => s.key === top && s.key !== "environment") ? top : "";
  };
  const out: string[] = [
    GENERATED_NOTE,
    "# Configuration reference",
    "",
    "Every key a stack file (`stacks/Pulumi.<env>.yaml`, under `kong-identity-stack:`) takes, with its type, default and",
    "meaning. The schema checks structure and what the vendors accept; security limits (lifetimes, leeway, secret age,",
    "https redirects) are rules of the [policy pack](policy-pack.md), so a well-formed but unsafe stack plans and is then refused.",
    "",
    "A key marked **required** must be present; list items are written `key[]`. Secret keys (marked as such below) take",
    "`pulumi config set --secret <key>` values and are never written in clear.",
    "",
  ];
  for (const section of SECTIONS) {
    const inSection = rows.filter((r) => (section.key === "environment" ? sectionOf(r) === "" : sectionOf(r) === section.key));
    if (inSection.length === 0) continue;
    out.push(`## ${section.title === "Stack" ? "Stack-level keys" : `\`${section.title}\``}`, "");
    if (section.page) out.push(`More: [${section.page}](${section.page}).`, "");
    out.push("| key | type | default | description |", "|---|---|---|---|");
    for (const row of inSection) out.push(renderRow(row));
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function renderRow(row: ConfigKeyDoc): string {
  const key = `\`${row.path}\`${row.kinds.length > 0 && row.kinds.length < 3 ? ` (${row.kinds.join(", ")})` : ""}`;
  const def = row.required ? "**required**" : row.default === undefined ? "—" : `\`${row.default}\``;
  return `| ${key} | ${cell(row.type)} | ${cell(def)} | ${cell(row.description ?? "")} |`;
}

/** Table cells: pipes are escaped once (types arrive escaped already), newlines folded. */
const cell = (text: string) => text.replace(/(?<!\\)\|/g, "\\|").replace(/\s*\n\s*/g, " ");
