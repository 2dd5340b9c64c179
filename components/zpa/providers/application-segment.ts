import * as pulumi from "@pulumi/pulumi";
import { applicationSegmentFromApi, applicationSegmentPayload, type ApplicationSegmentSpec, type PortRange } from "../builders";
import type { ZpaConnection } from "../client";
import { collectionHandler } from "./collection-handler";
import { sameMembers } from "../../shared/dynamic-provider";
import { zpaResourceProvider, type ZpaProviderOptions } from "./provider-core";
import type { ZpaResourceArgs } from "./resource-args";
import { ZPA_DYNAMIC_MODULE } from "./type-tokens";

export const applicationSegmentHandler = {
  ...collectionHandler({
    kind: "ApplicationSegment",
    label: "application segment",
    fields: ["name", "description", "domainNames", "tcpPortRange", "bypassType", "healthReporting", "segmentGroupId", "serverGroupIds"],
    equal: { domainNames: sameMembers, serverGroupIds: sameMembers },
    payload: (inputs) => applicationSegmentPayload(inputs as ApplicationSegmentSpec),
    fromApi: (body) => ({ ...applicationSegmentFromApi(body) }),
    // The documented delete of an application segment (it detaches the segment from rules and groups).
    deleteQuery: { forceDelete: true },
  }),
  check(inputs: Record<string, any>) {
    const failures = [];
    if (!Array.isArray(inputs["domainNames"]) || inputs["domainNames"].length === 0) {
      failures.push({ property: "domainNames", reason: "expected at least one domain (the edge's FQDN)" });
    }
    const ranges = (inputs["tcpPortRange"] ?? []) as PortRange[];
    if (!Array.isArray(ranges) || ranges.length === 0 || ranges.some((r) => !/^\d+$/.test(String(r?.from)) || !/^\d+$/.test(String(r?.to)))) {
      failures.push({ property: "tcpPortRange", reason: 'expected port ranges such as [{from: "443", to: "443"}]' });
    }
    return failures;
  },
};

export const applicationSegmentProvider = (options?: ZpaProviderOptions) => zpaResourceProvider(applicationSegmentHandler, options);
const provider = applicationSegmentProvider();

export type ApplicationSegmentArgs = ZpaResourceArgs<ApplicationSegmentSpec>;

/** `pulumi-nodejs:dynamic/zpa:ApplicationSegment`: the edge's FQDN on TCP 443, never bypassed. */
export class ApplicationSegment extends pulumi.dynamic.Resource {
  declare readonly connection: pulumi.Output<ZpaConnection>;
  declare readonly name: pulumi.Output<string>;
  declare readonly domainNames: pulumi.Output<string[]>;
  declare readonly tcpPortRange: pulumi.Output<PortRange[]>;
  declare readonly bypassType: pulumi.Output<string>;

  constructor(name: string, args: ApplicationSegmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args }, opts, ZPA_DYNAMIC_MODULE, "ApplicationSegment");
  }
}
