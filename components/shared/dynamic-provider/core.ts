import type * as pulumi from "@pulumi/pulumi";
import { isUnknownInput } from "../unknown-input";
import { jsonEqual } from "./equality";

type Props = Record<string, any>;

export interface CheckFailureLike {
  readonly property: string;
  readonly reason: string;
}

/** Test hooks; production passes none (real environment, real waits, stderr for retry notes). */
export interface RestProviderOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** One object kind of a vendor's REST API: how it is written and read back, and which fields need a replacement. */
export interface RestHandler<Client, Kind extends string = string> {
  readonly kind: Kind;
  /** For messages: "application segment". */
  readonly label: string;
  /** Input fields compared by diff. */
  readonly fields: readonly string[];
  /** Fields the API cannot change in place (a change replaces the object). */
  readonly replaceOn: readonly string[];
  /** Comparisons other than jsonEqual (equality.ts: sameMembers, sameNumber, ...). */
  readonly equal?: Readonly<Record<string, (a: unknown, b: unknown) => boolean>>;
  check?(inputs: Props): CheckFailureLike[];
  /** Values in the inputs that must never appear in an error or log line (shared secrets). */
  secretsOf?(inputs: Props): string[];
  create(client: Client, inputs: Props): Promise<{ id: string; outs: Props }>;
  /** The object's current fields (input-shaped plus outputs), or undefined when it no longer exists. */
  read(client: Client, id: string, props: Props): Promise<Props | undefined>;
  update(client: Client, id: string, olds: Props, news: Props): Promise<Props>;
  delete(client: Client, id: string, props: Props): Promise<void>;
  /** The id of an existing object with this name (to explain a refused create). */
  findByName?(client: Client, name: string, inputs: Props): Promise<string | undefined>;
}

/** What differs between vendors: their connection, their client, their duplicate errors and what state keeps. */
export interface RestVendor<Client, Connection, Kind extends string = string> {
  /** For messages: "ZPA", "PingAccess". */
  readonly name: string;
  /** Where adoption ids are configured, e.g. "zpa.importIds". */
  readonly importIdsKey: string;
  /** The key under importIdsKey that adopts an object of this kind (undefined: the kind cannot be adopted). */
  importKey(kind: Kind): string | undefined;
  /** Said when a read has no connection input: what the connection holds. */
  readonly connectionHint: string;
  /** Problems of the connection input, found before the vendor is ever called. */
  connectionFailures(connection: Connection | undefined): CheckFailureLike[];
  /** Same tenant or server: a change of it replaces every object. */
  sameConnection(a: Connection | undefined, b: Connection | undefined): boolean;
  /**
   * A client for the connection; credentials are read where the connection names them (environment or stack
   * config). `io`: where retry notes go (stderr unless a test says otherwise), how to wait, the clock.
   */
  createClient(
    connection: Connection,
    where: { env: Readonly<Record<string, string | undefined>>; config?: { get(key: string): string | undefined } },
    io: { log: (line: string) => void; sleep?: (ms: number) => Promise<void>; now?: () => number },
  ): Client;
  /** A value the client must redact from every message it makes. */
  rememberSecret?(client: Client, secret: string): void;
  /** What the state keeps of the inputs beside the vendor's fields (ZPA: the connection and adoption id; PingAccess: all inputs). */
  carried(inputs: Props): Props;
  /** Whether a failed create says an object of this name exists already. */
  isDuplicate(err: unknown): boolean;
  /** The error for a duplicate, given the existing object's id if found (undefined: report the create failure as it is). */
  duplicateError(label: string, existing: string | undefined, importKey: string | undefined): Error | undefined;
  /** Errors that already say everything and pass through unwrapped. */
  passThrough?(err: unknown): boolean;
}

/**
 * A Pulumi dynamic provider for one object kind of a vendor's REST API (ZPA, PingAccess): check, diff, create,
 * read, update, delete, and adoption of an existing object by id. Credentials are looked up where the connection
 * names them, each time the provider runs: never inputs, never in state, never in the serialised provider.
 */
export function restResourceProvider<Client, Connection, Kind extends string>(
  vendor: RestVendor<Client, Connection, Kind>,
  handler: RestHandler<Client, Kind>,
  options: RestProviderOptions = {},
): pulumi.dynamic.ResourceProvider {
  // Filled at run time only (the engine's stack config, cached clients): empty when the provider is serialised.
  const state: { config?: { get(key: string): string | undefined }; clients?: Map<string, Client> } = {};
  const equal = (f: string) => handler.equal?.[f] ?? jsonEqual;

  const clientFor = (connection: Connection, inputs: Props): Client => {
    state.clients ??= new Map();
    const key = JSON.stringify(connection);
    let client = state.clients.get(key);
    if (!client) {
      const io = { log: options.log ?? ((line: string) => console.error(line)), sleep: options.sleep, now: options.now };
      client = vendor.createClient(connection, { env: options.env ?? process.env, config: state.config }, io);
      state.clients.set(key, client);
    }
    for (const secret of handler.secretsOf?.(inputs) ?? []) vendor.rememberSecret?.(client, secret);
    return client;
  };

  const label = (inputs: Props | undefined) => `${vendor.name} ${handler.label} ${JSON.stringify(String(inputs?.["name"] ?? ""))}`;
  const failure = (what: string, inputs: Props, err: unknown): Error => {
    if (vendor.passThrough?.(err)) return err as Error;
    // The client already redacts what it knows; this object's secrets are removed once more for errors raised outside it.
    let message = (err as Error)?.message ?? String(err);
    for (const s of handler.secretsOf?.(inputs) ?? []) if (s && s.length >= 4) message = message.split(s).join("[redacted]");
    return new Error(`${label(inputs)}: ${what}: ${message}`);
  };

  /**
   * Import by id. Pulumi cannot `import` dynamic-provider resources (pulumi/pulumi#16175), so the provider
   * adopts instead: it reads the object, refuses when a field that needs a replacement differs, and otherwise
   * brings the object in line with the stack (one PUT). From then on the stack manages it like its own.
   */
  const adopt = async (client: Client, id: string, inputs: Props) => {
    const what = `adopting id ${id} (${vendor.importIdsKey}.${vendor.importKey(handler.kind)})`;
    const current = await handler.read(client, id, inputs).catch((err) => {
      throw failure(what, inputs, err);
    });
    if (!current) throw new Error(`${label(inputs)}: ${what}: ${vendor.name} has no such object; check the id`);
    const blocking = handler.replaceOn.filter((f) => !equal(f)(current[f], inputs[f]));
    if (blocking.length > 0) {
      throw new Error(`${label(inputs)}: ${what}: it differs in ${blocking.join(", ")}, which ${vendor.name} cannot change in place; adopt a matching object or remove the import id`);
    }
    const outs = await handler.update(client, id, current, inputs).catch((err) => {
      throw failure(what, inputs, err);
    });
    return { id, outs: { ...vendor.carried(inputs), ...outs } };
  };

  return {
    async configure(req: pulumi.dynamic.ConfigureRequest) {
      state.config = req.config;
    },

    async check(_olds: Props, news: Props) {
      // During a preview an input computed from another resource arrives as the engine's unknown marker: its
      // check waits for the update (a real `pulumi preview` of zpa-dev failed here on accessGroups).
      const failures = [...vendor.connectionFailures(news["connection"]), ...(handler.check?.(news) ?? [])].filter((f) => !isUnknownInput(news[f.property]));
      return { inputs: news, failures };
    },

    async diff(_id: string, olds: Props, news: Props) {
      const replaces: string[] = [];
      if (!vendor.sameConnection(olds["connection"], news["connection"])) replaces.push("connection");
      const changed = handler.fields.filter((f) => !equal(f)(olds[f], news[f]));
      replaces.push(...changed.filter((f) => handler.replaceOn.includes(f)));
      // Names are unique per kind at both vendors: the old object must go before its replacement takes the name.
      return { changes: changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
    },

    async create(inputs: Props) {
      let client: Client;
      try {
        client = clientFor(inputs["connection"], inputs);
      } catch (err) {
        throw failure("create failed", inputs, err);
      }
      if (inputs["adoptId"]) return adopt(client, String(inputs["adoptId"]), inputs);
      try {
        const { id, outs } = await handler.create(client, inputs);
        return { id, outs: { ...vendor.carried(inputs), ...outs } };
      } catch (err) {
        if (vendor.isDuplicate(err) && handler.findByName) {
          const existing = await handler.findByName(client, String(inputs["name"]), inputs).catch(() => undefined);
          const duplicate = vendor.duplicateError(label(inputs), existing, vendor.importKey(handler.kind));
          if (duplicate) throw duplicate;
        }
        throw failure("create failed", inputs, err);
      }
    },

    async read(id: string, props: Props) {
      const connection = props["connection"] as Connection | undefined;
      if (!connection) throw new Error(`${vendor.name} ${handler.label} ${id}: cannot read it without the connection input${vendor.connectionHint}`);
      try {
        const current = await handler.read(clientFor(connection, props), id, props);
        if (!current) return {};
        return { id, props: { ...vendor.carried(props), ...current } };
      } catch (err) {
        throw failure(`read of id ${id} failed`, props, err);
      }
    },

    async update(id: string, olds: Props, news: Props) {
      try {
        const outs = await handler.update(clientFor(news["connection"], news), id, olds, news);
        return { outs: { ...vendor.carried(news), ...outs } };
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
