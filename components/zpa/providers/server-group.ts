import * as pulumi from "@pulumi/pulumi";
import { serverGroupFromApi, serverGroupPayload, type ServerGroupSpec } from "../builders";
import type { ZpaConnection } from "../client";
import { collectionHandler } from "./collection-handler";
import { sameMembers } from "../../shared/dynamic-provider";
import { zpaResourceProvider, type ZpaProviderOptions } from "./provider-core";
import type { ZpaResourceArgs } from "./resource-args";
import { ZPA_DYNAMIC_MODULE } from "./type-tokens";

export const serverGroupHandler = collectionHandler({
  kind: "ServerGroup",
  label: "server group",
  fields: ["name", "description", "appConnectorGroupIds"],
  equal: { appConnectorGroupIds: sameMembers },
  payload: (inputs) => serverGroupPayload(inputs as ServerGroupSpec),
  fromApi: (body) => ({ ...serverGroupFromApi(body) }),
});

export const serverGroupProvider = (options?: ZpaProviderOptions) => zpaResourceProvider(serverGroupHandler, options);
const provider = serverGroupProvider();

export type ServerGroupArgs = ZpaResourceArgs<ServerGroupSpec>;

/** `pulumi-nodejs:dynamic/zpa:ServerGroup`: the App Connector group that reaches the edge (dynamic discovery). */
export class ServerGroup extends pulumi.dynamic.Resource {
  declare readonly connection: pulumi.Output<ZpaConnection>;
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: ServerGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args }, opts, ZPA_DYNAMIC_MODULE, "ServerGroup");
  }
}
