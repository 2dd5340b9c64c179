import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { REQUEST_ID_RESET_MARK, SPAN_REDACTION_MARK } from "../../../components/kong/plugins/request-hygiene";
import { AS3_TENANT_TYPE, CIS_VIRTUAL_SERVER_TYPE } from "./f5-resource-types";
import { readKongConfig } from "./kong-config";
import { list, record, strings, text, type Props } from "./props";
import { K8S_CONFIG_MAP } from "./resource-types";
import { violation } from "./violation";

type Subject = Pick<PolicyResource, "type" | "props" | "urn" | "name">;

/** The kong.yml ConfigMaps of the stack with their global plugins. */
function kongConfigs(resources: readonly Subject[]): { resource: Subject; plugins: { name: string; config: Props }[] }[] {
  return resources
    .filter((r) => r.type === K8S_CONFIG_MAP)
    .flatMap((r) => {
      const view = readKongConfig(r.props as Props);
      if (!view) return [];
      const plugins = list(view.document["plugins"]).map((p) => record(p) ?? {}).map((p) => ({ name: text(p["name"]) ?? "", config: record(p["config"]) ?? {} }));
      return [{ resource: r, plugins }];
    });
}

/** A global pre-function whose chunks for `phase` include one starting with `mark`. */
const hasChunk = (plugins: { name: string; config: Props }[], phase: string, mark: string) =>
  plugins.some((p) => p.name === "pre-function" && strings(p.config[phase]).some((chunk) => chunk.startsWith(mark)));

/**
 * traces-without-credentials: Kong's request span records the full request URI as `http.url`, query string
 * included (kong/observability/tracing/instrumentation.lua): an OIDC callback's `code` and `state`, a token
 * passed as a query parameter. The audit log strips them; the traces must too, before the opentelemetry
 * plugin exports them (the stack's global pre-function, log phase).
 */
export const tracesWithoutCredentials: StackValidationPolicy = {
  name: "traces-without-credentials",
  description: "When Kong exports traces (opentelemetry), a global pre-function first cuts query strings from span URLs and drops credential-named attributes.",
  enforcementLevel: "mandatory",
  remediationSteps: "Remove observability.tracing.redactUrls: false.",
  validateStack: (args, report) => {
    for (const { resource, plugins } of kongConfigs(args.resources)) {
      if (!plugins.some((p) => p.name === "opentelemetry")) continue;
      if (hasChunk(plugins, "log", SPAN_REDACTION_MARK)) continue;
      report(
        violation(
          resource,
          "Kong exports traces (opentelemetry) with span URLs as recorded: the request span's http.url holds the full URI, query string included (an OIDC callback's code and state, tokens in query parameters), which reaches the trace collector and everyone who can read traces",
          "remove observability.tracing.redactUrls: false, so the stack's global pre-function redacts every span before export",
        ),
        resource.urn,
      );
    }
  },
};

/**
 * request-id-not-client-chosen: `kis trace` joins the edge's, Kong's and the upstream's logs on X-Request-ID,
 * first record wins. Kong's correlation-id keeps an inbound value, so where no F5 (AS3 tenant or CIS
 * VirtualServer, whose iRule replaces it) is in front, Kong must drop the client's before correlation-id runs.
 */
export const requestIdNotClientChosen: StackValidationPolicy = {
  name: "request-id-not-client-chosen",
  description: "The first hop the stack controls replaces X-Request-ID: the F5's iRule, or (without an F5) Kong's global pre-function before correlation-id.",
  enforcementLevel: "mandatory",
  remediationSteps: "Remove observability.keepClientRequestId: true, or put the stack's F5 in front.",
  validateStack: (args, report) => {
    if (args.resources.some((r) => r.type === AS3_TENANT_TYPE || r.type === CIS_VIRTUAL_SERVER_TYPE)) return;
    for (const { resource, plugins } of kongConfigs(args.resources)) {
      const correlation = plugins.find((p) => p.name === "correlation-id");
      if (!correlation || hasChunk(plugins, "rewrite", REQUEST_ID_RESET_MARK)) continue;
      report(
        violation(
          resource,
          `Kong is the first hop (no F5 in the stack) and correlation-id keeps an inbound ${text(correlation.config["header_name"]) ?? "X-Request-ID"}: any client chooses the id kis trace joins the logs on, and can make its requests look like another's`,
          "remove observability.keepClientRequestId: true, so Kong drops the client's id and correlation-id makes one",
        ),
        resource.urn,
      );
    }
  },
};
