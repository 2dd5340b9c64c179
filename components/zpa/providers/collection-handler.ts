import type { ZpaClient } from "../client";
import type { ZpaHandler } from "./provider-core";
import { ZPA_COLLECTIONS, type ZpaKind } from "./type-tokens";

type Json = Record<string, any>;

export interface CollectionHandlerDefinition {
  readonly kind: ZpaKind;
  readonly label: string;
  readonly fields: readonly string[];
  readonly replaceOn?: readonly string[];
  readonly equal?: ZpaHandler["equal"];
  /** The request body from the resource's inputs. */
  payload(inputs: Json): Json;
  /** The input-shaped fields from ZPA's answer. */
  fromApi(body: Json): Json;
  /** Query for DELETE (`forceDelete=true` for application segments). */
  readonly deleteQuery?: Readonly<Record<string, string | boolean>>;
}

/** Handler for an object ZPA keeps in one plain collection: POST to create, GET/PUT/DELETE by id. */
export function collectionHandler(def: CollectionHandlerDefinition): ZpaHandler {
  // Where the kind lives is a ZPA fact (type-tokens.ts): the plan's zpa.json shows the same path.
  const collection = (c: ZpaClient) => c.mgmt(ZPA_COLLECTIONS[def.kind].version, ZPA_COLLECTIONS[def.kind].rest);
  const item = (c: ZpaClient, id: string) => `${collection(c)}/${encodeURIComponent(id)}`;
  const readBack = async (c: ZpaClient, id: string): Promise<Json | undefined> => {
    const body = await c.get<Json>(item(c, id));
    return body ? def.fromApi(body) : undefined;
  };
  return {
    kind: def.kind,
    label: def.label,
    fields: def.fields,
    replaceOn: def.replaceOn ?? [],
    equal: def.equal,
    async create(c, inputs) {
      const created = await c.post<Json | undefined>(collection(c), def.payload(inputs));
      const id = created?.["id"] === undefined ? "" : String(created["id"]);
      if (!id) throw new Error("ZPA answered the create without an id");
      const outs = await readBack(c, id);
      if (!outs) throw new Error(`created with id ${id}, but ZPA does not find it when read back`);
      return { id, outs };
    },
    read: (c, id) => readBack(c, id),
    async update(c, id, _olds, news) {
      await c.put(item(c, id), def.payload(news));
      const outs = await readBack(c, id);
      if (!outs) throw new Error("ZPA does not find the object after the update; it was deleted outside this stack: run pulumi refresh");
      return outs;
    },
    async delete(c, id) {
      await c.delete(item(c, id), def.deleteQuery);
    },
    async findByName(c, name) {
      const all = await c.list<Json>(collection(c), { search: name });
      const found = all.find((o) => o["name"] === name);
      return found ? String(found["id"]) : undefined;
    },
  };
}
