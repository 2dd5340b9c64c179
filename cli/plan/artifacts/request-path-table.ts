import type { RequestPath } from "../../../components/edge-path";
import { describeTls } from "../request-path";

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** identity.md: the request path with the TLS and address facts of every edge between two hops. */
export function renderRequestPathMarkdown(path: RequestPath | undefined): string[] {
  if (!path) return [];
  const rows = path.hops.map((hop, i) => {
    const next = i < path.hops.length - 1 ? hop.next : undefined;
    const edge = next
      ? `${next.protocol} → ${next.target}${next.serverName ? `, SNI \`${next.serverName}\`` : ""}; ${next.verifiesWith ? `verifies with ${next.verifiesWith}` : "certificate not verified"}; next hop sees ${next.sourceSeenByNext}`
      : "";
    return `| ${i + 1} | ${cell(hop.name)} | ${cell(hop.listens ?? "")} | ${cell(hop.presents ? describeTls(hop) : "")} | ${cell([...hop.verifies, hop.identity].join("; "))} | ${cell(edge)} |`;
  });
  return [
    "## Request path",
    "",
    "| # | hop | listens | certificate presented | checks and identity | to the next hop (TLS, address seen) |",
    "|---|---|---|---|---|---|",
    ...rows,
    ...(path.unverified.length ? ["", ...path.unverified.map((u) => `- unverified: ${u}`)] : []),
    "",
  ];
}
