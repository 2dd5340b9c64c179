import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildDeclarativeConfig, buildHelmValues, serializeKongYaml } from "../../components/kong";
import { observabilitySchema } from "../../infra/config";
import { exampleStackConfig } from "../support/example-stacks";
import { entraContract } from "../unit/components/kong/fixtures";
import { validateHelmValueKeys, validateKongDeclarative } from "./validators";

/** The audit log, tracing and metrics plugins as the prod example emits them, against Kong's 3.15 plugin schemas. */
const prod = exampleStackConfig("Pulumi.prod.yaml");

function kongYamlOf(observability = prod.observability, edition: "enterprise" | "oss" = "enterprise") {
  const config = buildDeclarativeConfig([entraContract()], prod.routes, {
    edition,
    hostnames: prod.kong.hostnames,
    environment: prod.environment,
    jwks: edition === "oss" ? {} : undefined,
    observability,
  });
  return parse(serializeKongYaml(config)) as any;
}

describe("observability plugins conform to Kong's plugin schemas", () => {
  it("stacks/Pulumi.prod.yaml: file-log audit, opentelemetry, prometheus", () => {
    const doc = kongYamlOf();
    // The pre-function drops a client's X-Request-ID (no F5 in front) and redacts spans before opentelemetry exports them.
    expect(doc.plugins.map((p: any) => p.name)).toEqual(["correlation-id", "file-log", "opentelemetry", "pre-function", "prometheus"]);
    expect(validateKongDeclarative(doc)).toEqual([]);
  });

  it("the http sink (http-log with a batching queue) and extra headers", () => {
    const observability = observabilitySchema.parse({
      audit: { enabled: true, sink: "http", endpoint: "https://logs.example.com/kong", extraHeaders: ["User-Agent"] },
    });
    const doc = kongYamlOf(observability);
    expect(doc.plugins.map((p: any) => p.name)).toEqual(["correlation-id", "http-log", "pre-function"]);
    expect(validateKongDeclarative(doc)).toEqual([]);
  });

  it("a broken propagation format and an unknown prometheus field are caught (the validator sees these plugins)", () => {
    const doc = kongYamlOf();
    doc.plugins.find((p: any) => p.name === "opentelemetry").config.propagation.extract = ["w3c", "traceparent"];
    doc.plugins.find((p: any) => p.name === "prometheus").config.per_route = true;
    const problems = validateKongDeclarative(doc).join("\n");
    expect(problems).toMatch(/opentelemetry\)\.config\.propagation\.extract\[1\]/);
    expect(problems).toMatch(/prometheus\)\.config: unknown field "per_route"/);
  });

  it("helm values with the ServiceMonitor and tracing instrumentation use only chart keys", () => {
    const values = buildHelmValues(prod.kong, {
      configMapName: "kong-declarative-config",
      configChecksum: "0".repeat(64),
      observability: { serviceMonitor: true, tracing: true },
    });
    expect(values.serviceMonitor).toEqual({ enabled: true });
    expect(validateHelmValueKeys(values)).toEqual([]);
  });
});
