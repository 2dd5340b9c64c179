import type { EdgePathHop, RequestPath } from "../../components/edge-path";

/** The "Request path" section of `kis plan`: one block per hop, the connection to the next hop under it. */
export function renderRequestPath(path: RequestPath | undefined): string[] {
  if (!path) return [];
  const lines = ["Request path"];
  path.hops.forEach((hop, i) => {
    lines.push(`  ${i + 1}. ${hop.name}`);
    if (hop.listens) lines.push(`     listens      ${hop.listens}`);
    if (hop.presents) lines.push(`     certificate  ${describeTls(hop)}`);
    for (const v of hop.verifies) lines.push(`     checks       ${v}`);
    lines.push(`     identity     ${hop.identity}`);
    for (const s of hop.sideband ?? []) lines.push(`     sideband     ${s}`);
    for (const l of hop.logs ?? []) lines.push(`     logs         ${l}`);
    if (hop.next && i < path.hops.length - 1) {
      const n = hop.next;
      lines.push(
        `     → ${n.protocol} to ${n.target}${n.serverName ? `, SNI ${n.serverName}` : ""}; ` +
          `${n.verifiesWith ? `verifies the certificate with ${n.verifiesWith}` : n.protocol === "https" ? "does NOT verify the certificate" : "no TLS at this hop"}; next hop sees ${n.sourceSeenByNext}`,
      );
    }
  });
  for (const u of path.unverified) lines.push(`  unverified: ${u}`);
  lines.push("");
  return lines;
}

export function describeTls(hop: EdgePathHop): string {
  const t = hop.presents;
  if (!t) return "none";
  const names = t.names.length ? t.names.join(", ") : "names unknown to the plan";
  return `${t.source}: ${names}${t.notAfter ? `, valid to ${t.notAfter.slice(0, 10)}` : ""}${t.issuer ? `, issued by ${t.issuer}` : ""}`;
}
