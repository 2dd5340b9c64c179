import type * as pulumi from "@pulumi/pulumi";
import { restResourceProvider, type CheckFailureLike, type RestHandler, type RestProviderOptions, type RestVendor } from "../../shared/dynamic-provider";
import { createZpaClient, resolveZpaCredentials, sameTenant, zpaErrorKind, ZpaDuplicateError, type ZpaClient, type ZpaConnection } from "../client";
import { importIdKey, type ZpaKind } from "./type-tokens";

type Props = Record<string, any>;

export type { CheckFailureLike };
/** Test hooks; production passes none (real environment, real waits, stderr for retry notes). */
export type ZpaProviderOptions = RestProviderOptions;
/** One ZPA object kind: where it lives, how it is written and read back, which fields need a replacement. */
export type ZpaHandler = RestHandler<ZpaClient, ZpaKind> & Required<Pick<RestHandler<ZpaClient, ZpaKind>, "findByName">>;

/** Fields of a connection that are checked before the provider ever calls ZPA. */
export function connectionFailures(connection: ZpaConnection | undefined): CheckFailureLike[] {
  if (!connection) return [{ property: "connection", reason: "missing: the ZPA tenant to talk to" }];
  const failures: CheckFailureLike[] = [];
  if (!/^\d{1,20}$/.test(String(connection.customerId ?? ""))) {
    failures.push({ property: "connection", reason: `customerId: expected digits, got ${JSON.stringify(connection.customerId)}` });
  }
  if (connection.auth === "oneapi" && !connection.vanityDomain && !connection.tokenUrl) {
    failures.push({ property: "connection", reason: "auth oneapi needs vanityDomain (or tokenUrl)" });
  }
  const c = connection.credentials as Props | undefined;
  if (!c || (c["source"] !== "environment" && c["source"] !== "pulumi-config")) {
    failures.push({ property: "connection", reason: "credentials: expected source environment or pulumi-config" });
  }
  return failures;
}

/** What is ZPA's own in the shared REST provider core (components/shared/dynamic-provider). */
const ZPA_VENDOR: RestVendor<ZpaClient, ZpaConnection, ZpaKind> = {
  name: "ZPA",
  importIdsKey: "zpa.importIds",
  importKey: importIdKey,
  connectionHint: " (customer id, cloud, credentials)",
  connectionFailures,
  sameConnection: sameTenant,
  createClient: (connection, where, io) => createZpaClient({ connection, credentials: resolveZpaCredentials(connection.credentials, where), ...io }),
  // State keeps the connection (a read needs it) and the adoption id, never the credentials.
  carried: (inputs: Props) => ({ connection: inputs["connection"], ...(inputs["adoptId"] ? { adoptId: inputs["adoptId"] } : {}) }),
  isDuplicate: (err) => zpaErrorKind(err) === "conflict",
  duplicateError: (label, existing, key) =>
    new ZpaDuplicateError(
      `${label}: ZPA already has one with this name` +
        (existing ? ` (id ${existing}); adopt it with zpa.importIds.${key}: "${existing}"` : "; adopt it through zpa.importIds") +
        ", or delete or rename the existing one",
      existing,
    ),
  passThrough: (err) => (err as Error)?.name === "ZpaDuplicateError",
};

/**
 * A Pulumi dynamic provider for one ZPA object kind. Credentials are looked up where the connection names
 * them, each time the provider runs: never taken from inputs, never written to state.
 */
export function zpaResourceProvider(handler: ZpaHandler, options: ZpaProviderOptions = {}): pulumi.dynamic.ResourceProvider {
  return restResourceProvider(ZPA_VENDOR, handler, options);
}
