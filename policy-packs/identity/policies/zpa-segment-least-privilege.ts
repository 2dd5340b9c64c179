import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ZPA_TYPE_TOKENS } from "../../../components/zpa/providers/type-tokens";
import { violation } from "./violation";

export interface ZpaSegmentLeastPrivilegeConfig {
  /** TCP ports a segment may expose; the API edge needs 443 only. */
  readonly allowedPorts: readonly number[];
}

type Props = Record<string, any>;
interface Range {
  readonly from: number;
  readonly to: number;
}

const ranges = (props: Props, kind: "tcp" | "udp"): Range[] => {
  const structured = Array.isArray(props[`${kind}PortRange`]) ? (props[`${kind}PortRange`] as Props[]) : [];
  if (structured.length > 0) return structured.map((r) => ({ from: Number(r?.["from"]), to: Number(r?.["to"] ?? r?.["from"]) }));
  const flat = Array.isArray(props[`${kind}PortRanges`]) ? (props[`${kind}PortRanges`] as unknown[]).map(Number) : [];
  const out: Range[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ from: flat[i]!, to: flat[i + 1]! });
  return out;
};

const show = (r: Range) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`);

export interface ZpaSegmentProblem {
  readonly problem: string;
  readonly fix: string;
}

/**
 * Why a segment exposes more than the edge (pure; empty when it is least privilege). Values that are not
 * known yet (a preview with unknowns) are not judged. Each problem names the segment by its ZPA name.
 */
export function zpaSegmentProblems(props: Props, allowedPorts: readonly number[]): ZpaSegmentProblem[] {
  const name = JSON.stringify(String(props["name"] ?? "(unnamed)"));
  const problems: ZpaSegmentProblem[] = [];
  const domains = props["domainNames"];
  if (Array.isArray(domains)) {
    if (domains.length === 0) {
      problems.push({ problem: `ZPA segment ${name} lists no domain`, fix: "list the API edge's exact host name in domainNames" });
    }
    for (const domain of domains.map(String)) {
      if (domain.includes("*")) {
        problems.push({
          problem: `ZPA segment ${name} exposes the wildcard domain "${domain}": every host under it becomes reachable through ZPA`,
          fix: "list only the API edge's exact host name (Kong's, or F5's when F5 is in front)",
        });
      } else if (domain.includes("/")) {
        problems.push({
          problem: `ZPA segment ${name} exposes the address range "${domain}": every host in it becomes reachable through ZPA`,
          fix: "list only the API edge's exact host name",
        });
      }
    }
  }
  const allowed = new Set(allowedPorts);
  const allowedText = [...allowedPorts].join(", ");
  for (const range of ranges(props, "tcp")) {
    const ok = Number.isInteger(range.from) && range.from === range.to && allowed.has(range.from);
    if (!ok) {
      problems.push({
        problem: `ZPA segment ${name} opens TCP ${show(range)}, beyond the allowed port${allowedPorts.length > 1 ? "s" : ""} ${allowedText}`,
        fix: `expose only ${allowedText} (the edge's HTTPS port), or add the port to this policy's allowedPorts if the edge really listens there`,
      });
    }
  }
  for (const range of ranges(props, "udp")) {
    problems.push({ problem: `ZPA segment ${name} opens UDP ${show(range)}: the API edge speaks HTTPS over TCP only`, fix: "remove the UDP port ranges" });
  }
  const bypass = props["bypassType"];
  if (bypass === undefined || bypass === null || bypass === "") {
    problems.push({
      problem: `ZPA segment ${name} does not set bypassType, so ZPA's default decides whether users may go around it`,
      fix: "set bypassType: NEVER",
    });
  } else if (bypass !== "NEVER") {
    const effect = bypass === "ALWAYS" ? "users reach the edge without ZPA at all" : "users on a trusted network reach the edge without ZPA's access rule";
    problems.push({ problem: `ZPA segment ${name} has bypassType ${String(bypass)}: ${effect}`, fix: "set bypassType: NEVER" });
  }
  return problems;
}

/** A ZPA application segment exposes only exact host names, only the allowed TCP ports, and is never bypassed. */
export const zpaSegmentLeastPrivilege: ResourceValidationPolicy = {
  name: "zpa-segment-least-privilege",
  description:
    "A ZPA application segment in front of the API edge exposes only exact host names (no wildcard, no address range), only the allowed TCP ports (443 by default) and no UDP, and is never bypassed (bypassType NEVER).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowedPorts: { type: "array", items: { type: "integer", minimum: 1, maximum: 65535 }, default: [443] },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== ZPA_TYPE_TOKENS.ApplicationSegment) return;
    const { allowedPorts } = args.getConfig<ZpaSegmentLeastPrivilegeConfig>();
    for (const p of zpaSegmentProblems(args.props, allowedPorts ?? [443])) reportViolation(violation(args, p.problem, p.fix));
  },
};
