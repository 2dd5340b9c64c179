/**
 * Run as a child process (`node -r tsx/cjs`): serialises a PingAccess dynamic provider exactly as
 * `pulumi.dynamic.Resource` does, revives it the way the engine's dynamic-provider host does, configures it
 * with the stack config (the admin password as a Pulumi secret) and creates an object against the stand-in.
 *
 * argv[2]: JSON { inputs }. Env PA_TEST_PASSWORD: the Pulumi secret. Prints one JSON line.
 */
import * as pulumi from "@pulumi/pulumi";
import { pingAccessProvider } from "../../components/pingaccess";

const requireFromString = require("require-from-string") as (code: string) => { handler(): pulumi.dynamic.ResourceProvider };

async function main(): Promise<void> {
  const { inputs } = JSON.parse(process.argv[2] ?? "{}");
  const provider = pingAccessProvider("SidebandClient");
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  const revived = requireFromString(serialized.text).handler();
  const password = process.env["PA_TEST_PASSWORD"] ?? "";
  await revived.configure!({ config: { get: (k: string) => (k === "pingaccess:adminPassword" ? password : undefined) } } as never);
  const created = await revived.create!(inputs);
  const duplicate = await revived.create!(inputs).then(
    () => undefined,
    (e: Error) => e.message,
  );
  const secret = String(inputs.secrets?.[0] ?? "");
  process.stdout.write(
    `${JSON.stringify({
      createdId: created.id,
      duplicate,
      serializedHasPassword: password !== "" && serialized.text.includes(password),
      serializedHasSecret: secret !== "" && serialized.text.includes(secret),
    })}\n`,
  );
}

main().catch((e: Error) => {
  process.stdout.write(`${JSON.stringify({ error: e.message })}\n`);
  process.exitCode = 1;
});
