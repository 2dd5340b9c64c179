import * as pulumi from "@pulumi/pulumi";
import { appConnectorGroupFromApi, appConnectorGroupPayload, type AppConnectorGroupSpec } from "../builders";
import type { ZpaConnection } from "../client";
import { collectionHandler } from "./collection-handler";
import { sameNumber } from "../../shared/dynamic-provider";
import { zpaResourceProvider, type ZpaProviderOptions } from "./provider-core";
import type { ZpaResourceArgs } from "./resource-args";
import { ZPA_DYNAMIC_MODULE } from "./type-tokens";

export const appConnectorGroupHandler = collectionHandler({
  kind: "AppConnectorGroup",
  label: "App Connector group",
  fields: ["name", "description", "location", "latitude", "longitude"],
  equal: { latitude: sameNumber, longitude: sameNumber },
  payload: (inputs) => appConnectorGroupPayload(inputs as AppConnectorGroupSpec),
  fromApi: (body) => ({ ...appConnectorGroupFromApi(body) }),
});

export const appConnectorGroupProvider = (options?: ZpaProviderOptions) => zpaResourceProvider(appConnectorGroupHandler, options);
const provider = appConnectorGroupProvider();

export type AppConnectorGroupArgs = ZpaResourceArgs<AppConnectorGroupSpec>;

/** `pulumi-nodejs:dynamic/zpa:AppConnectorGroup`: the group the in-cluster App Connectors enrol into. */
export class AppConnectorGroup extends pulumi.dynamic.Resource {
  declare readonly connection: pulumi.Output<ZpaConnection>;
  declare readonly name: pulumi.Output<string>;
  declare readonly location: pulumi.Output<string>;

  constructor(name: string, args: AppConnectorGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args }, opts, ZPA_DYNAMIC_MODULE, "AppConnectorGroup");
  }
}
