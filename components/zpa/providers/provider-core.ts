import type * as pulumi from "@pulumi/pulumi";
import {
  createZpaClient,
  resolveZpaCredentials,
  sameTenant,
  zpaErrorKind,
  ZpaDuplicateError,
  type ZpaClient,
  type ZpaConnection,
} from "../client";
import { importIdKey, type ZpaKind } from "./type-tokens";
import { isUnknownInput } from "../../shared/unknown-input";

type Props = Record<string, any>;

/** Test hooks; production passes none (real environment, real waits, stderr for retry notes). */
export interface ZpaProviderOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export interface CheckFailureLike {
  readonly property: string;
  readonly reason: string;
}

/** One ZPA object kind: where it lives, how it is written and read back, which fields need a replacement. */
export interface ZpaHandler {
  readonly kind: ZpaKind;
  /** For messages: "application segment". */
  readonly label: string;
  /** Input fields compared by diff. */
  readonly fields: readonly string[];
  /** Fields the API cannot change in place (a change replaces the object). */
  readonly replaceOn: readonly string[];
  /** Comparisons other than exact JSON equality (coordinates, unordered id lists). */
  readonly equal?: Readonly<Record<string, (a: unknown, b: unknown) => boolean>>;
  check?(inputs: Props): CheckFailureLike[];
  create(client: ZpaClient, inputs: Props): Promise<{ id: string; outs: Props }>;
  /** The object's current fields (input-shaped plus outputs), or undefined when it no longer exists. */
  read(client: ZpaClient, id: string, props: Props): Promise<Props | undefined>;
  update(client: ZpaClient, id: string, olds: Props, news: Props): Promise<Props>;
  delete(client: ZpaClient, id: string, props: Props): Promise<void>;
  /** The id of an existing object with this name (to explain a 409). */
  findByName(client: ZpaClient, name: string, inputs: Props): Promise<string | undefined>;
}

export const jsonEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
export const sameSet = (a: unknown, b: unknown): boolean =>
  jsonEqual([...((a as unknown[]) ?? [])].map(String).sort(), [...((b as unknown[]) ?? [])].map(String).sort());
export const sameNumber = (a: unknown, b: unknown): boolean => Number(a) === Number(b);

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

/**
 * A Pulumi dynamic provider for one ZPA object kind. Credentials are looked up where the connection names
 * them, each time the provider runs: never taken from inputs, never written to state.
 */
export function zpaResourceProvider(handler: ZpaHandler, options: ZpaProviderOptions = {}): pulumi.dynamic.ResourceProvider {
  // Filled at run time only (the engine's stack config, cached clients): empty when the provider is serialised.
  const state: { config?: { get(key: string): string | undefined }; clients?: Map<string, ZpaClient> } = {};

  const clientFor = (connection: ZpaConnection): ZpaClient => {
    state.clients ??= new Map();
    const key = JSON.stringify(connection);
    let client = state.clients.get(key);
    if (!client) {
      const credentials = resolveZpaCredentials(connection.credentials, { env: options.env ?? process.env, config: state.config });
      client = createZpaClient({
        connection,
        credentials,
        log: options.log ?? ((line) => console.error(line)),
        sleep: options.sleep,
        now: options.now,
      });
      state.clients.set(key, client);
    }
    return client;
  };

  /**
   * Import by id. Pulumi cannot `import` dynamic-provider resources (pulumi/pulumi#16175), so the provider
   * adopts instead: it reads the object, refuses when a field that needs a replacement differs, and otherwise
   * brings the object in line with the stack (one PUT). From then on the stack manages it like its own.
   */
  const adopt = async (client: ZpaClient, id: string, inputs: Props) => {
    const what = `adopting id ${id} (zpa.importIds.${importIdKey(handler.kind)})`;
    let current: Props | undefined;
    try {
      current = await handler.read(client, id, inputs);
    } catch (err) {
      throw failure(what, inputs["name"], err);
    }
    if (!current) throw new Error(`ZPA ${handler.label} ${JSON.stringify(inputs["name"] ?? "")}: ${what}: ZPA has no such object; check the id`);
    const blocking = handler.replaceOn.filter((f) => !(handler.equal?.[f] ?? jsonEqual)(current![f], inputs[f]));
    if (blocking.length > 0) {
      throw new Error(
        `ZPA ${handler.label} ${JSON.stringify(inputs["name"] ?? "")}: ${what}: it differs in ${blocking.join(", ")}, which ZPA cannot change in place; adopt a matching object or remove the import id`,
      );
    }
    try {
      const outs = await handler.update(client, id, current, inputs);
      return { id, outs: { connection: inputs["connection"], adoptId: id, ...outs } };
    } catch (err) {
      throw failure(what, inputs["name"], err);
    }
  };

  const failure = (what: string, name: unknown, err: unknown): Error =>
    (err as Error)?.name === "ZpaDuplicateError" ? (err as Error) : new Error(`ZPA ${handler.label} ${JSON.stringify(name ?? "")}: ${what}: ${(err as Error)?.message ?? String(err)}`);

  return {
    async configure(req: pulumi.dynamic.ConfigureRequest) {
      state.config = req.config;
    },

    async check(_olds: Props, news: Props) {
      // During a preview an input computed from another resource arrives as the engine's unknown marker: its
      // check waits for the update (a real `pulumi preview` of zpa-dev failed here on accessGroups).
      const failures = [...connectionFailures(news["connection"]), ...(handler.check?.(news) ?? [])].filter((f) => !isUnknownInput(news[f.property]));
      return { inputs: news, failures };
    },

    async diff(_id: string, olds: Props, news: Props) {
      const replaces: string[] = [];
      if (!sameTenant(olds["connection"], news["connection"])) replaces.push("connection");
      const changed = handler.fields.filter((f) => !(handler.equal?.[f] ?? jsonEqual)(olds[f], news[f]));
      replaces.push(...changed.filter((f) => handler.replaceOn.includes(f)));
      return {
        changes: changed.length > 0 || replaces.length > 0,
        replaces,
        // ZPA names are unique per tenant: the old object must go before its replacement takes the name.
        deleteBeforeReplace: replaces.length > 0,
      };
    },

    async create(inputs: Props) {
      let client: ZpaClient;
      try {
        client = clientFor(inputs["connection"]);
      } catch (err) {
        throw failure("create failed", inputs["name"], err);
      }
      if (inputs["adoptId"]) return adopt(client, String(inputs["adoptId"]), inputs);
      try {
        const { id, outs } = await handler.create(client, inputs);
        return { id, outs: { connection: inputs["connection"], ...outs } };
      } catch (err) {
        if (zpaErrorKind(err) === "conflict") {
          const existing = await handler.findByName(client, inputs["name"], inputs).catch(() => undefined);
          throw new ZpaDuplicateError(
            `ZPA ${handler.label} ${JSON.stringify(inputs["name"])}: ZPA already has one with this name` +
              (existing ? ` (id ${existing}); adopt it with zpa.importIds.${importIdKey(handler.kind)}: "${existing}"` : "; adopt it through zpa.importIds") +
              ", or delete or rename the existing one",
            existing,
          );
        }
        throw failure("create failed", inputs["name"], err);
      }
    },

    async read(id: string, props: Props) {
      const connection = props["connection"] as ZpaConnection | undefined;
      if (!connection) throw new Error(`ZPA ${handler.label} ${id}: cannot read it without the connection input (customer id, cloud, credentials)`);
      try {
        const current = await handler.read(clientFor(connection), id, props);
        if (!current) return {};
        return { id, props: { connection, ...(props["adoptId"] ? { adoptId: props["adoptId"] } : {}), ...current } };
      } catch (err) {
        throw failure(`read of id ${id} failed`, props["name"], err);
      }
    },

    async update(id: string, olds: Props, news: Props) {
      try {
        const outs = await handler.update(clientFor(news["connection"]), id, olds, news);
        return { outs: { connection: news["connection"], ...(news["adoptId"] ? { adoptId: news["adoptId"] } : {}), ...outs } };
      } catch (err) {
        throw failure(`update of id ${id} failed`, news["name"], err);
      }
    },

    async delete(id: string, props: Props) {
      try {
        await handler.delete(clientFor(props["connection"]), id, props);
      } catch (err) {
        throw failure(`delete of id ${id} failed`, props["name"], err);
      }
    },
  };
}
