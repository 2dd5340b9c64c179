import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { edgeSpec, type IdentityEdgeArgs } from "../../../components/identity-edge/args";
import { ZPA_CLOUD_NAMES as COMPONENT_CLOUDS } from "../../../components/zpa/client/clouds";
import { parseStackConfig, ZPA_CLOUD_NAMES as SCHEMA_CLOUDS } from "../../../infra/config";
import { identityEdgeArgs } from "../../../infra/wire";
import { exampleStackRaw } from "../../support/example-stacks";

const STACKS = readdirSync(join(__dirname, "..", "..", "..", "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f));

/**
 * The components apply their own defaults (kongSpec, routeSpec, identitySpec, f5Spec, ...); the stack file's schema
 * states the same defaults for its reference documentation and its checks. Both read the same raw blocks here: what
 * the components make of a block left at its defaults must be what the schema makes of it.
 */
describe("the components' defaults are the stack file's defaults", () => {
  it.each(STACKS)("%s: every block the components default equals the schema's parse of it", (file) => {
    const raw = exampleStackRaw(file);
    const parsed = parseStackConfig(raw);
    // The raw YAML blocks, as a program of its own would pass them (no defaults filled in).
    const fromRaw = edgeSpec(raw as unknown as IdentityEdgeArgs);
    const fromSchema = edgeSpec(identityEdgeArgs(parsed, {}, new Date(0)));
    expect(JSON.parse(JSON.stringify(fromRaw))).toEqual(JSON.parse(JSON.stringify(fromSchema)));
  });

  it("a block left out entirely gets the same values from both (kong with only its host names, a bare route)", () => {
    const raw = exampleStackRaw("dev");
    raw["kong"] = { hostnames: raw["kong"].hostnames };
    delete raw["kongTlsPrivateKey"]; // no kong.tls any more
    raw["routes"] = [{ name: "r", paths: ["/r"], upstream: "http://r.svc:8080" }];
    raw["observability"] = {};
    const parsed = parseStackConfig(raw);
    const fromRaw = edgeSpec(raw as unknown as IdentityEdgeArgs);
    expect(fromRaw.kong).toEqual(parsed.kong);
    expect(fromRaw.routes).toEqual(parsed.routes);
    expect(fromRaw.observability).toEqual(parsed.observability);
  });

  it("the ZPA clouds the schema accepts are the ones the ZPA client knows a host for", () => {
    expect([...SCHEMA_CLOUDS].sort()).toEqual([...COMPONENT_CLOUDS].sort());
  });
});
