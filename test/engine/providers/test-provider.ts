/**
 * A test provider the real engine loads under a real plugin name (azuread, okta, aws, random, kubernetes), because
 * those providers' binaries cannot be downloaded here. It answers deterministically: Check passes the inputs on,
 * Diff compares the new inputs with the old state, Create/Update fill the outputs a provider computes with the
 * same stand-ins `kis plan` uses (cli/plan/mock-outputs.ts: object ids, client ids, issuer hosts), Delete forgets.
 * Every call is appended to $KIS_TEST_PROVIDER_LOG (one JSON line) for the engine tests to assert on.
 * It proves the engine's side (graph, diffs, secrets, policies), never the vendor's API: docs/testing.md.
 *
 *   tsx test/engine/providers/test-provider.ts <plugin name> <plugin version> <engine address>
 */
import { appendFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import * as provider from "@pulumi/pulumi/provider";
import { fillOutputs } from "../../../cli/plan/mock-outputs";

const [pluginName = "unknown", pluginVersion = "0.0.0", ...engineArgs] = process.argv.slice(2);

function record(method: string, urn: string, extra: Record<string, unknown> = {}): void {
  const log = process.env["KIS_TEST_PROVIDER_LOG"];
  if (log) appendFileSync(log, `${JSON.stringify({ plugin: pluginName, method, urn, ...extra })}\n`);
}

/** `urn:pulumi:<stack>::<project>::<type chain>::<name>`: the resource's own type and name. */
function typeAndName(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const chain = parts[2] ?? "";
  return { type: chain.split("$").pop() ?? chain, name: parts.slice(3).join("::") };
}

/** Keys whose new input differs from the old state (outputs the provider filled in are not inputs). */
function changedKeys(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  return Object.keys(news).filter((k) => !isDeepStrictEqual(olds[k], news[k])).sort();
}

const testProvider: provider.Provider = {
  version: pluginVersion,
  async check(urn, _olds, news) {
    record("Check", urn);
    return { inputs: news };
  },
  async diff(id, urn, olds, news) {
    const changes = changedKeys(olds, news);
    record("Diff", urn, { id, changes });
    return { changes: changes.length > 0 };
  },
  async create(urn, inputs) {
    const { type, name } = typeAndName(urn);
    const { id, state } = fillOutputs(type, name, inputs);
    record("Create", urn, { id });
    return { id, outs: state };
  },
  async read(id, urn, props) {
    record("Read", urn, { id });
    return { id, props: props ?? {} };
  },
  async update(id, urn, _olds, news) {
    const { type, name } = typeAndName(urn);
    record("Update", urn, { id });
    return { outs: fillOutputs(type, name, news).state };
  },
  async delete(id, urn) {
    record("Delete", urn, { id });
  },
  async invoke(token) {
    record("Invoke", token);
    return { outputs: {} };
  },
};

provider.main(testProvider, engineArgs).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
