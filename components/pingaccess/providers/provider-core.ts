import type * as pulumi from "@pulumi/pulumi";
import { createPingAccessClient, resolvePingAccessPassword, sameServer, type PingAccessClient, type PingAccessConnection } from "../client";
import { PINGACCESS_IMPORT_KEYS, type PingAccessKind } from "./type-tokens";

type Props = Record<string, any>;

/** Test hooks; production passes none (real environment, real waits, stderr for retry notes). */
export interface PingAccessProviderOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** One PingAccess object kind: how it is written and read back, and which fields need a replacement. */
export interface PingAccessHandler {
  readonly kind: PingAccessKind;
  readonly label: string;
  readonly fields: readonly string[];
  readonly replaceOn: readonly string[];
  readonly equal?: Readonly<Record<string, (a: unknown, b: unknown) => boolean>>;
  /** Values in the inputs that must never appear in an error or log line (shared secrets). */
  secretsOf?(inputs: Props): string[];
  create(client: PingAccessClient, inputs: Props): Promise<{ id: string; outs: Props }>;
  read(client: PingAccessClient, id: string, props: Props): Promise<Props | undefined>;
  update(client: PingAccessClient, id: string, olds: Props, news: Props): Promise<Props>;
  delete(client: PingAccessClient, id: string, props: Props): Promise<void>;
  /** The id of an existing object with this name (to explain a refused create). */
  findByName?(client: PingAccessClient, name: string, inputs: Props): Promise<string | undefined>;
}

export const jsonEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
export const sameSet = (a: unknown, b: unknown): boolean =>
  jsonEqual([...((a as unknown[]) ?? [])].map((v) => JSON.stringify(v)).sort(), [...((b as unknown[]) ?? [])].map((v) => JSON.stringify(v)).sort());

/**
 * A Pulumi dynamic provider for one PingAccess object kind. The admin password is looked up where the
 * connection names it, each time the provider runs: never an input, never in state, never in the packaged
 * provider (the serialised closure holds only this code and the options).
 */
export function pingAccessResourceProvider(handler: PingAccessHandler, options: PingAccessProviderOptions = {}): pulumi.dynamic.ResourceProvider {
  // Filled at run time only: empty when the provider is serialised.
  const state: { config?: { get(key: string): string | undefined }; clients?: Map<string, PingAccessClient> } = {};

  const clientFor = (connection: PingAccessConnection, inputs: Props): PingAccessClient => {
    state.clients ??= new Map();
    const key = JSON.stringify(connection);
    let client = state.clients.get(key);
    if (!client) {
      const password = resolvePingAccessPassword(connection.passwordFrom, { env: options.env ?? process.env, config: state.config });
      client = createPingAccessClient({ connection, password, log: options.log ?? ((line) => console.error(line)), sleep: options.sleep });
      state.clients.set(key, client);
    }
    for (const secret of handler.secretsOf?.(inputs) ?? []) client.rememberSecret(secret);
    return client;
  };

  const label = (inputs: Props) => `PingAccess ${handler.label} ${JSON.stringify(String(inputs?.["name"] ?? ""))}`;
  const failure = (what: string, inputs: Props, err: unknown): Error => {
    // The message is already redacted by the client; the secrets of this object are removed once more here,
    // for errors raised outside the client.
    let message = (err as Error)?.message ?? String(err);
    for (const s of handler.secretsOf?.(inputs) ?? []) if (s && s.length >= 4) message = message.split(s).join("[redacted]");
    return new Error(`${label(inputs)}: ${what}: ${message}`);
  };

  /**
   * Import by id (Pulumi cannot `import` dynamic-provider resources, pulumi/pulumi#16175): read the object,
   * refuse when a field that needs a replacement differs, otherwise bring it in line with the stack (one PUT).
   */
  const adopt = async (client: PingAccessClient, id: string, inputs: Props) => {
    const key = PINGACCESS_IMPORT_KEYS[handler.kind];
    const what = `adopting id ${id} (pingaccess.importIds.${key})`;
    const current = await handler.read(client, id, inputs).catch((err) => {
      throw failure(what, inputs, err);
    });
    if (!current) throw new Error(`${label(inputs)}: ${what}: PingAccess has no such object; check the id`);
    const blocking = handler.replaceOn.filter((f) => !(handler.equal?.[f] ?? jsonEqual)(current[f], inputs[f]));
    if (blocking.length > 0) {
      throw new Error(`${label(inputs)}: ${what}: it differs in ${blocking.join(", ")}, which PingAccess cannot change in place; adopt a matching object or remove the import id`);
    }
    const outs = await handler.update(client, id, current, inputs).catch((err) => {
      throw failure(what, inputs, err);
    });
    return { id, outs: { ...inputs, ...outs } };
  };

  return {
    async configure(req: pulumi.dynamic.ConfigureRequest) {
      state.config = req.config;
    },

    async check(_olds: Props, news: Props) {
      const c = news["connection"] as PingAccessConnection | undefined;
      const failures = !c || typeof c.adminUrl !== "string" || !c.passwordFrom ? [{ property: "connection", reason: "missing: the PingAccess admin host and where its password is read" }] : [];
      return { inputs: news, failures };
    },

    async diff(_id: string, olds: Props, news: Props) {
      const replaces: string[] = [];
      if (!sameServer(olds["connection"], news["connection"])) replaces.push("connection");
      const changed = handler.fields.filter((f) => !(handler.equal?.[f] ?? jsonEqual)(olds[f], news[f]));
      replaces.push(...changed.filter((f) => handler.replaceOn.includes(f)));
      // Names are unique per kind in PingAccess: the old object must go before its replacement takes the name.
      return { changes: changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
    },

    async create(inputs: Props) {
      let client: PingAccessClient;
      try {
        client = clientFor(inputs["connection"], inputs);
      } catch (err) {
        throw failure("create failed", inputs, err);
      }
      if (inputs["adoptId"]) return adopt(client, String(inputs["adoptId"]), inputs);
      try {
        const { id, outs } = await handler.create(client, inputs);
        return { id, outs: { ...inputs, ...outs } };
      } catch (err) {
        const fields = ((err as { fields?: string[] })?.fields ?? []) as string[];
        if ((fields.includes("name") || fields.includes("host")) && handler.findByName) {
          const existing = await handler.findByName(client, String(inputs["name"]), inputs).catch(() => undefined);
          if (existing) {
            const key = PINGACCESS_IMPORT_KEYS[handler.kind];
            throw new Error(
              `${label(inputs)}: PingAccess already has one with this name (id ${existing}); ${
                key ? `adopt it with pingaccess.importIds.${key}: "${existing}", or ` : ""
              }delete or rename the existing one`,
            );
          }
        }
        throw failure("create failed", inputs, err);
      }
    },

    async read(id: string, props: Props) {
      const connection = props["connection"] as PingAccessConnection | undefined;
      if (!connection) throw new Error(`PingAccess ${handler.label} ${id}: cannot read it without the connection input`);
      try {
        const current = await handler.read(clientFor(connection, props), id, props);
        if (!current) return {};
        return { id, props: { ...props, ...current } };
      } catch (err) {
        throw failure(`read of id ${id} failed`, props, err);
      }
    },

    async update(id: string, olds: Props, news: Props) {
      try {
        const outs = await handler.update(clientFor(news["connection"], news), id, olds, news);
        return { outs: { ...news, ...outs } };
      } catch (err) {
        throw failure(`update of id ${id} failed`, news, err);
      }
    },

    async delete(id: string, props: Props) {
      try {
        await handler.delete(clientFor(props["connection"], props), id, props);
      } catch (err) {
        throw failure(`delete of id ${id} failed`, props, err);
      }
    },
  };
}
