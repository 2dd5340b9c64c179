/**
 * Run as a child process (`node -r tsx/cjs`): serialises a ZPA dynamic provider exactly as
 * `pulumi.dynamic.Resource` does, revives it the way the engine's dynamic-provider host does
 * (`require-from-string`, then `configure` with the stack config), and drives it against a stand-in.
 * Vitest's module transform cannot take part in closure serialisation, hence the separate process.
 *
 * argv[2]: JSON { connection, inputs }. Env ZPA_TEST_CLIENT_ID / ZPA_TEST_CLIENT_SECRET: the Pulumi secrets.
 * Prints one JSON line: { created, duplicate, serializedChars, serializedHasSecret }.
 */
import * as pulumi from "@pulumi/pulumi";
import { segmentGroupProvider } from "../../components/zpa";

const requireFromString = require("require-from-string") as (code: string) => { handler(): pulumi.dynamic.ResourceProvider };

async function main(): Promise<void> {
  const { inputs } = JSON.parse(process.argv[2] ?? "{}");
  const provider = segmentGroupProvider();
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  const revived = requireFromString(serialized.text).handler();
  const secrets: Record<string, string | undefined> = {
    "zpa:clientId": process.env["ZPA_TEST_CLIENT_ID"],
    "zpa:clientSecret": process.env["ZPA_TEST_CLIENT_SECRET"],
  };
  await revived.configure!({ config: { get: (k: string) => secrets[k], require: (k: string) => secrets[k]! } } as never);
  const created = await revived.create!(inputs);
  const duplicate = await revived.create!(inputs).then(
    () => undefined,
    (e: Error) => e.message,
  );
  const secret = process.env["ZPA_TEST_CLIENT_SECRET"] ?? "";
  process.stdout.write(
    `${JSON.stringify({ created, duplicate, serializedChars: serialized.text.length, serializedHasSecret: secret !== "" && serialized.text.includes(secret) })}\n`,
  );
}

main().catch((e: Error) => {
  process.stdout.write(`${JSON.stringify({ error: e.message })}\n`);
  process.exitCode = 1;
});
