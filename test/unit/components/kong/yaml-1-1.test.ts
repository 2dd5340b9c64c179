import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { renderManifests } from "../../../../cli/plan/artifacts/kubernetes-manifests";
import type { RecordedResource } from "../../../../cli/plan/offline-runtime";
import { buildDeclarativeConfig, serializeKongYaml } from "../../../../components/kong";
import { entraContract } from "./fixtures";

/**
 * kong.yml and manifests.yaml mean the same to a YAML 1.1 reader (Helm, go-yaml v2, PyYAML) as to a 1.2 one:
 * `database: off` or a route named `on` must not turn into a boolean, `0x1F` into 31, `1:20` into 80. Every
 * example stack's plan output is checked the same way in test/unit/cli/policy-corpus.test.ts (it plans them all).
 */
describe("YAML 1.1-safe serialisation", () => {
  const tricky = ["on", "off", "no", "y", "yes", "1e3", "0x1f", "1-20"];

  it("kong.yml with routes and groups named like YAML 1.1 booleans and numbers parses the same under 1.1 and 1.2", () => {
    const routes = tricky.map((name) => ({
      name,
      paths: [`/${name}`],
      upstream: "http://upstream.default.svc:8080",
      scopes: [],
      roles: ["0x1F", "1e3", "on", "y", "1:20"],
      anonymous: false,
    }));
    const text = serializeKongYaml(
      buildDeclarativeConfig([entraContract({ accessGroups: ["0x1F", "1e3", "on", "y", "1:20"] })], routes, {
        edition: "enterprise",
        hostnames: ["api.example.com"],
        environment: "no",
      }),
    );
    const v11 = parse(text, { version: "1.1" });
    expect(v11).toEqual(parse(text, { version: "1.2" }));
    expect(v11.services.map((s: { name: string }) => s.name)).toEqual([...tricky].sort());
    const acl = v11.services[0].routes[0].plugins.find((p: { name: string }) => p.name === "acl");
    expect(acl.config.allow).toEqual(["0x1F", "1e3", "on", "y", "1:20"]);
  });


  it("manifests.yaml: database: off, a namespace named no and values like 0x1F read the same under 1.1 and 1.2", () => {
    const resource = (type: string, name: string, inputs: Record<string, unknown>): RecordedResource => ({
      urn: `urn:pulumi:t::p::${type}::${name}`,
      type,
      name,
      custom: true,
      parent: undefined,
      dependencies: [],
      inputs,
      secretInputs: [],
    });
    const text = renderManifests([
      resource("kubernetes:core/v1:ConfigMap", "cm", { metadata: { name: "on", namespace: "no" }, data: { a: "0x1F", b: "1e3", c: "y", d: "1:20" } }),
      resource("kubernetes:helm.sh/v3:Release", "kong", { name: "kong", chart: "kong", values: { env: { database: "off" }, proxy: { http: { enabled: false } } } }),
    ]);
    const read = (version: "1.1" | "1.2") => parseAllDocuments(text, { version }).map((d) => d.toJS());
    expect(read("1.1")).toEqual(read("1.2"));
    expect(read("1.1")[1].helmRelease.values.env.database).toBe("off");
    expect(read("1.1")[0].data).toEqual({ a: "0x1F", b: "1e3", c: "y", d: "1:20" });
  });
});
