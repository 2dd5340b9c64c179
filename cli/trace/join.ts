import type { EdgeRequest, KongRequest, ZpaConnection } from "./types";

/**
 * Joins the three logs into one chain per request: user → ZPA connection → App Connector → F5 → Kong route →
 * upstream status. Pure: the same logs give the same chains.
 *
 * - F5 ↔ Kong: the request id the iRule inserts and Kong's correlation-id keeps (exact).
 * - ZPA ↔ F5 (or ZPA ↔ Kong when no F5 log is given): the App Connector's source address and port, which the
 *   next hop sees as its client, inside the connection's lifetime. Ports are reused, so the time decides.
 * - Clocks differ between sources: the offset of each source against ZPA is estimated first (median over
 *   pairs with a single candidate in a wide window), then matching uses the corrected times and a small
 *   tolerance. Two candidates within the tolerance are reported as ambiguous, never guessed.
 */

export interface TraceOptions {
  /** Tolerance around a ZPA connection's lifetime after the offset correction, in ms. */
  readonly toleranceMs: number;
  /** How far apart clocks may be before correction, in ms (the window used to estimate offsets). */
  readonly maxSkewMs: number;
}

export const DEFAULT_TRACE_OPTIONS: TraceOptions = { toleranceMs: 2_000, maxSkewMs: 300_000 };

export type Problem =
  | { readonly kind: "no-edge-record"; readonly detail: string }
  | { readonly kind: "no-kong-record"; readonly detail: string }
  | { readonly kind: "no-zpa-connection"; readonly detail: string }
  | { readonly kind: "ambiguous-zpa-connection"; readonly detail: string; readonly candidates: readonly string[] };

export interface Chain {
  readonly requestId: string | undefined;
  /** Time of the request in ZPA's clock (corrected), epoch ms. */
  readonly time: number;
  readonly zpa: ZpaConnection | undefined;
  readonly edge: EdgeRequest | undefined;
  readonly kong: KongRequest | undefined;
  readonly problems: readonly Problem[];
}

export interface TraceResult {
  readonly chains: readonly Chain[];
  /** ZPA connections no request was matched to (non-HTTP use of the segment, or the other logs are missing). */
  readonly unmatchedZpa: readonly ZpaConnection[];
  /** Estimated clock offsets against ZPA, in ms (source time − ZPA time); undefined without evidence. */
  readonly offsets: { readonly edge: number | undefined; readonly kong: number | undefined };
  readonly counts: {
    readonly requests: number;
    readonly complete: number;
    readonly broken: number;
    readonly ambiguous: number;
  };
}

export interface TraceInput {
  readonly zpa: readonly ZpaConnection[];
  readonly edge: readonly EdgeRequest[];
  readonly kong: readonly KongRequest[];
  /** Whether each log was given at all: a hop whose log is absent is not reported missing. */
  readonly sources: { readonly zpa: boolean; readonly edge: boolean; readonly kong: boolean };
}

export function joinLogs(input: TraceInput, options: TraceOptions = DEFAULT_TRACE_OPTIONS): TraceResult {
  // 1. F5 and Kong by request id.
  const kongById = new Map<string, KongRequest>();
  for (const k of input.kong) if (k.requestId && !kongById.has(k.requestId)) kongById.set(k.requestId, k);
  const edgeIds = new Set(input.edge.map((e) => e.requestId));

  interface Pending {
    readonly edge: EdgeRequest | undefined;
    readonly kong: KongRequest | undefined;
  }
  const pending: Pending[] = [
    ...input.edge.map((edge) => ({ edge, kong: kongById.get(edge.requestId) })),
    ...input.kong.filter((k) => !k.requestId || !edgeIds.has(k.requestId)).map((kong) => ({ edge: undefined, kong })),
  ];

  // 2. ZPA by connector address and port, against the hop that saw the connector as its client.
  const zpaByAddress = new Map<string, ZpaConnection[]>();
  for (const z of input.zpa) {
    const key = `${z.connectorIp}:${z.connectorPort}`;
    const same = zpaByAddress.get(key);
    if (same) same.push(z);
    else zpaByAddress.set(key, [z]);
  }
  /** The hop that faces ZPA: the F5 when its log is given, Kong otherwise (Kong straight behind ZPA). */
  const facing = (p: Pending): { address: string; time: number; source: "edge" | "kong" } | undefined => {
    if (input.sources.edge) return p.edge ? { address: `${p.edge.clientIp}:${p.edge.clientPort}`, time: p.edge.time, source: "edge" } : undefined;
    return p.kong?.clientPort !== undefined ? { address: `${p.kong.clientIp}:${p.kong.clientPort}`, time: p.kong.time, source: "kong" } : undefined;
  };
  const candidates = (address: string, time: number, tolerance: number) =>
    (zpaByAddress.get(address) ?? []).filter((z) => time >= z.start - tolerance && time <= (z.end ?? Number.POSITIVE_INFINITY) + tolerance);

  const facingSource = input.sources.edge ? "edge" : "kong";
  // Each request with exactly one candidate connection in the wide window says the offset lies in
  // [time − end, time − start]; the offset most of them agree on is taken (robust to a stray match).
  const zpaOffset = mostAgreedOffset(
    pending.flatMap((p) => {
      const f = facing(p);
      if (!f) return [];
      const wide = candidates(f.address, f.time, options.maxSkewMs);
      if (wide.length !== 1) return [];
      const z = wide[0]!;
      return [[Math.max(-options.maxSkewMs, f.time - (z.end ?? Number.POSITIVE_INFINITY)), Math.min(options.maxSkewMs, f.time - z.start)] as const];
    }),
  );
  const edgeKongOffset = median(pending.flatMap((p) => (p.edge && p.kong ? [p.kong.time - p.edge.time] : [])));
  const offsets =
    facingSource === "edge"
      ? { edge: zpaOffset, kong: zpaOffset !== undefined && edgeKongOffset !== undefined ? zpaOffset + edgeKongOffset : undefined }
      : { edge: undefined, kong: zpaOffset };

  const used = new Set<string>();
  const chains: Chain[] = pending.map((p) => {
    const problems: Problem[] = [];
    if (input.sources.edge && !p.edge) {
      problems.push({ kind: "no-edge-record", detail: `Kong logged request ${p.kong?.requestId ?? "(no id)"} but the BIG-IP log has no line for it` });
    }
    if (input.sources.kong && !p.kong) {
      problems.push({ kind: "no-kong-record", detail: `the BIG-IP forwarded request ${p.edge!.requestId} but Kong's audit log has no line for it` });
    }
    const f = facing(p);
    let zpa: ZpaConnection | undefined;
    if (input.sources.zpa && f) {
      const offset = (f.source === "edge" ? offsets.edge : offsets.kong) ?? 0;
      const found = candidates(f.address, f.time - offset, options.toleranceMs);
      if (found.length === 1) {
        zpa = found[0];
        used.add(zpa!.connectionId);
      } else if (found.length === 0) {
        problems.push({ kind: "no-zpa-connection", detail: `no ZPA connection from ${f.address} around ${new Date(f.time - offset).toISOString()}` });
      } else {
        found.forEach((z) => used.add(z.connectionId));
        problems.push({
          kind: "ambiguous-zpa-connection",
          detail: `${found.length} ZPA connections from ${f.address} fit the time`,
          candidates: found.map((z) => z.connectionId).sort(),
        });
      }
    } else if (input.sources.zpa && !f && p.kong && !input.sources.edge) {
      problems.push({ kind: "no-zpa-connection", detail: "Kong's audit line has no client_port to match a ZPA connection with" });
    }
    const time = p.edge ? p.edge.time - (offsets.edge ?? 0) : p.kong!.time - (offsets.kong ?? 0);
    return { requestId: p.edge?.requestId ?? p.kong?.requestId, time, zpa, edge: p.edge, kong: p.kong, problems };
  });
  chains.sort((a, b) => a.time - b.time || (a.requestId ?? "").localeCompare(b.requestId ?? ""));

  const ambiguous = chains.filter((c) => c.problems.some((p) => p.kind === "ambiguous-zpa-connection")).length;
  const broken = chains.filter((c) => c.problems.length > 0).length;
  return {
    chains,
    unmatchedZpa: input.zpa.filter((z) => !used.has(z.connectionId)).sort((a, b) => a.start - b.start),
    offsets,
    counts: { requests: chains.length, complete: chains.length - broken, broken, ambiguous },
  };
}

/** The middle of the stretch covered by the most ranges (a sweep over their ends); undefined without ranges. */
function mostAgreedOffset(ranges: readonly (readonly [number, number])[]): number | undefined {
  const usable = ranges.filter(([lo, hi]) => lo <= hi);
  if (usable.length === 0) return undefined;
  const events = usable.flatMap(([lo, hi]) => [[lo, 1] as const, [hi, -1] as const]).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let depth = 0;
  let best = -1;
  let bestLo = 0;
  let bestHi = 0;
  for (let i = 0; i < events.length; i++) {
    depth += events[i]![1];
    if (events[i]![1] === 1 && depth > best) {
      best = depth;
      bestLo = events[i]![0];
      bestHi = events[i + 1]![0];
    }
  }
  return Math.round((bestLo + bestHi) / 2);
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** Chains of one request, or of one user (ZPA user name, token subject or client id) in a time range. */
export function selectChains(
  chains: readonly Chain[],
  filter: { readonly requestId?: string; readonly user?: string; readonly from?: number; readonly to?: number },
): Chain[] {
  return chains.filter((c) => {
    if (filter.requestId !== undefined && c.requestId !== filter.requestId) return false;
    if (filter.user !== undefined) {
      const names = [c.zpa?.username, c.kong?.identity.sub, c.kong?.identity.clientId];
      if (!names.includes(filter.user)) return false;
    }
    if (filter.from !== undefined && c.time < filter.from) return false;
    if (filter.to !== undefined && c.time > filter.to) return false;
    return true;
  });
}
