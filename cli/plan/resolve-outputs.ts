import * as pulumi from "@pulumi/pulumi";

export interface ResolvedOutput {
  readonly value: unknown;
  readonly secret: boolean;
}

/** Resolves a program's exported stack outputs (Outputs, promises or plain values), keeping the secret flag. */
export async function resolveOutputs(exports: Record<string, unknown>): Promise<Record<string, ResolvedOutput>> {
  const entries = await Promise.all(
    Object.entries(exports)
      .filter(([key]) => key !== "default" && key !== "__esModule")
      .map(async ([key, value]) => [key, await resolveOne(value)] as const),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

async function resolveOne(value: unknown): Promise<ResolvedOutput> {
  if (pulumi.Output.isInstance(value)) {
    // `isSecret` and `promise()` are the SDK's own accessors that its test helpers use as well.
    const internal = value as unknown as { isSecret: Promise<boolean>; promise(): Promise<unknown> };
    const [resolved, secret] = await Promise.all([internal.promise(), internal.isSecret]);
    return { value: resolved, secret };
  }
  return { value: await value, secret: false };
}
