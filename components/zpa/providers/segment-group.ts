import * as pulumi from "@pulumi/pulumi";
import { segmentGroupFromApi, segmentGroupPayload, type SegmentGroupSpec } from "../builders";
import type { ZpaConnection } from "../client";
import { collectionHandler } from "./collection-handler";
import { zpaResourceProvider, type ZpaProviderOptions } from "./provider-core";
import type { ZpaResourceArgs } from "./resource-args";
import { ZPA_DYNAMIC_MODULE } from "./type-tokens";

export const segmentGroupHandler = collectionHandler({
  kind: "SegmentGroup",
  label: "segment group",
  fields: ["name", "description"],
  payload: (inputs) => segmentGroupPayload(inputs as SegmentGroupSpec),
  fromApi: (body) => ({ ...segmentGroupFromApi(body) }),
});

export const segmentGroupProvider = (options?: ZpaProviderOptions) => zpaResourceProvider(segmentGroupHandler, options);
const provider = segmentGroupProvider();

export type SegmentGroupArgs = ZpaResourceArgs<SegmentGroupSpec>;

/** `pulumi-nodejs:dynamic/zpa:SegmentGroup`: holds the edge's application segment. */
export class SegmentGroup extends pulumi.dynamic.Resource {
  declare readonly connection: pulumi.Output<ZpaConnection>;
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: SegmentGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args }, opts, ZPA_DYNAMIC_MODULE, "SegmentGroup");
  }
}
