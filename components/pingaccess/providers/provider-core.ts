import type * as pulumi from "@pulumi/pulumi";
import { restResourceProvider, type RestHandler, type RestProviderOptions, type RestVendor } from "../../shared/dynamic-provider";
import { createPingAccessClient, resolvePingAccessPassword, sameServer, type PingAccessClient, type PingAccessConnection } from "../client";
import { PINGACCESS_IMPORT_KEYS, type PingAccessKind } from "./type-tokens";

/** Test hooks; production passes none (real environment, real waits, stderr for retry notes). */
export type PingAccessProviderOptions = Omit<RestProviderOptions, "now">;
/** One PingAccess object kind: how it is written and read back, and which fields need a replacement. */
export type PingAccessHandler = RestHandler<PingAccessClient, PingAccessKind>;

/** What is PingAccess's own in the shared REST provider core (components/shared/dynamic-provider). */
const PINGACCESS_VENDOR: RestVendor<PingAccessClient, PingAccessConnection, PingAccessKind> = {
  name: "PingAccess",
  importIdsKey: "pingaccess.importIds",
  importKey: (kind) => PINGACCESS_IMPORT_KEYS[kind],
  connectionHint: "",
  connectionFailures: (c) =>
    !c || typeof c.adminUrl !== "string" || !c.passwordFrom ? [{ property: "connection", reason: "missing: the PingAccess admin host and where its password is read" }] : [],
  sameConnection: sameServer,
  createClient: (connection, where, { log, sleep }) =>
    createPingAccessClient({ connection, password: resolvePingAccessPassword(connection.passwordFrom, where), log, sleep }),
  rememberSecret: (client, secret) => client.rememberSecret(secret),
  // State keeps every input (the connection names where the password is read, never the password).
  carried: (inputs) => inputs,
  isDuplicate: (err) => {
    const fields = ((err as { fields?: string[] })?.fields ?? []) as string[];
    return fields.includes("name") || fields.includes("host");
  },
  duplicateError: (label, existing, key) =>
    existing
      ? new Error(`${label}: PingAccess already has one with this name (id ${existing}); ${key ? `adopt it with pingaccess.importIds.${key}: "${existing}", or ` : ""}delete or rename the existing one`)
      : undefined,
};

/**
 * A Pulumi dynamic provider for one PingAccess object kind. The admin password is looked up where the
 * connection names it, each time the provider runs: never an input, never in state, never in the packaged
 * provider (the serialised closure holds only this code and the options).
 */
export function pingAccessResourceProvider(handler: PingAccessHandler, options: PingAccessProviderOptions = {}): pulumi.dynamic.ResourceProvider {
  return restResourceProvider(PINGACCESS_VENDOR, handler, options);
}
