import { ZPA_COLLECTIONS } from "./type-tokens";
import * as pulumi from "@pulumi/pulumi";
import { accessRuleFromApi, accessRulePayload, type AccessPolicyRuleSpec, type ResolvedGroupOperand } from "../builders";
import type { ZpaClient, ZpaConnection } from "../client";
import { sameMembers } from "../../shared/dynamic-provider";
import { zpaResourceProvider, type ZpaHandler, type ZpaProviderOptions } from "./provider-core";
import type { ZpaResourceArgs } from "./resource-args";
import { ZPA_DYNAMIC_MODULE } from "./type-tokens";

type Json = Record<string, any>;

export const ACCESS_POLICY_TYPE = "ACCESS_POLICY";

/** `GET /mgmtconfig/v1/.../policySet/policyType/ACCESS_POLICY`: the tenant's access policy set. */
export async function accessPolicySetId(c: ZpaClient): Promise<string> {
  const set = await c.get<Json>(c.mgmt("v1", `policySet/policyType/${ACCESS_POLICY_TYPE}`));
  if (!set?.["id"]) throw new Error("ZPA has no ACCESS_POLICY policy set for this customer");
  return String(set["id"]);
}

/**
 * Group names to ZPA ids. SCIM: `GET /userconfig/v1/.../scimgroup/idpId/{idpId}?search=name`, exact name.
 * SAML: the attribute's id from `GET /mgmtconfig/v2/.../samlAttribute/idp/{idpId}`; the values are the names.
 */
export async function resolveGroupOperand(c: ZpaClient, spec: AccessPolicyRuleSpec): Promise<ResolvedGroupOperand> {
  if (spec.groupsSource === "scim") {
    const path = c.userconfig(`scimgroup/idpId/${encodeURIComponent(spec.idpId)}`);
    const groups = await Promise.all(
      spec.accessGroups.map(async (name) => {
        const found = (await c.list<Json>(path, { search: name })).find((g) => g["name"] === name);
        return { name, id: found ? String(found["id"]) : "" };
      }),
    );
    const missing = groups.filter((g) => !g.id).map((g) => g.name);
    if (missing.length > 0) {
      throw new Error(
        `SCIM group${missing.length > 1 ? "s" : ""} ${missing.map((m) => JSON.stringify(m)).join(", ")} not found for ZPA IdP ${spec.idpId}: provision ${missing.length > 1 ? "them" : "it"} to ZPA from the IdP (SCIM), or fix identity.accessGroups`,
      );
    }
    return { kind: "scim", idpId: spec.idpId, groups };
  }
  const attributeName = spec.samlAttributeName ?? "";
  const attributes = await c.list<Json>(c.mgmt("v2", `samlAttribute/idp/${encodeURIComponent(spec.idpId)}`));
  const attribute = attributes.find((a) => a["name"] === attributeName);
  if (!attribute) {
    throw new Error(`ZPA IdP ${spec.idpId} has no SAML attribute named ${JSON.stringify(attributeName)}: add it in ZPA (Identity Provider, SAML attributes) or fix zpa.groups.attributeName`);
  }
  return { kind: "saml", attributeId: String(attribute["id"]), values: [...spec.accessGroups] };
}

const ruleItem = (c: ZpaClient, version: "v1" | "v2", policySetId: string, id?: string) =>
  c.mgmt(version, `${ZPA_COLLECTIONS.AccessPolicyRule.rest.replace("{policySetId}", encodeURIComponent(policySetId))}${id ? `/${encodeURIComponent(id)}` : ""}`);

/** Reads a rule back in input shape: group ids become names again (SCIM by lookup, SAML values as they are). */
async function readRule(c: ZpaClient, id: string, props: Json): Promise<Json | undefined> {
  const policySetId = props["policySetId"] || (await accessPolicySetId(c));
  const body = await c.get<Json>(ruleItem(c, "v1", policySetId, id));
  if (!body) return undefined;
  const rule = accessRuleFromApi(body);
  const scim = rule.groupOperands.filter((o) => o.objectType === "SCIM_GROUP");
  const saml = rule.groupOperands.filter((o) => o.objectType === "SAML");
  let accessGroups: string[];
  let groupsSource: "scim" | "saml";
  let idpId = String(props["idpId"] ?? "");
  let samlAttributeName: string | undefined;
  if (scim.length > 0) {
    groupsSource = "scim";
    idpId = scim[0]!.lhs || idpId;
    accessGroups = await Promise.all(
      scim.map(async (o) => o.name || String((await c.get<Json>(c.userconfig(`scimgroup/${encodeURIComponent(o.rhs)}`)))?.["name"] ?? o.rhs)),
    );
  } else {
    groupsSource = "saml";
    accessGroups = saml.map((o) => o.rhs);
    const attributeId = saml[0]?.lhs;
    samlAttributeName = props["samlAttributeName"];
    if (attributeId && !samlAttributeName) {
      const attribute = await c.get<Json>(c.mgmt("v1", `samlAttribute/${encodeURIComponent(attributeId)}`));
      samlAttributeName = attribute?.["name"] ? String(attribute["name"]) : undefined;
      idpId = idpId || String(attribute?.["idpId"] ?? "");
    }
  }
  return {
    name: rule.name,
    description: rule.description,
    action: rule.action,
    applicationSegmentId: rule.applicationSegmentIds[0] ?? "",
    accessGroups,
    groupsSource,
    idpId,
    ...(samlAttributeName ? { samlAttributeName } : {}),
    policySetId,
    groupIds: groupsSource === "scim" ? scim.map((o) => o.rhs) : saml.map((o) => o.lhs).slice(0, 1),
  };
}

/**
 * Access rules: created with the v2 API, read and deleted with v1 (as the SDK does). Every write runs
 * through one queue, because ZPA keeps one ordered rule list per policy set.
 */
export const accessPolicyRuleHandler: ZpaHandler = {
  kind: "AccessPolicyRule",
  label: "access policy rule",
  fields: ["name", "description", "action", "applicationSegmentId", "accessGroups", "groupsSource", "idpId", "samlAttributeName"],
  replaceOn: [],
  equal: { accessGroups: sameMembers },
  check(inputs) {
    const failures = [];
    if (!Array.isArray(inputs["accessGroups"]) || inputs["accessGroups"].length === 0) {
      failures.push({ property: "accessGroups", reason: "expected at least one group: a rule without a group condition admits every ZPA user" });
    }
    if (inputs["action"] !== "ALLOW") failures.push({ property: "action", reason: `expected ALLOW, got ${JSON.stringify(inputs["action"])}` });
    if (inputs["groupsSource"] === "saml" && !inputs["samlAttributeName"]) {
      failures.push({ property: "samlAttributeName", reason: "needed when groupsSource is saml" });
    }
    return failures;
  },
  async create(c, inputs) {
    const spec = inputs as AccessPolicyRuleSpec;
    const policySetId = await accessPolicySetId(c);
    const groups = await resolveGroupOperand(c, spec);
    const created = await c.serialRuleWrite(() => c.post<Json | undefined>(ruleItem(c, "v2", policySetId), accessRulePayload(spec, policySetId, groups)));
    const id = created?.["id"] === undefined ? "" : String(created["id"]);
    if (!id) throw new Error("ZPA answered the create without an id");
    const outs = await readRule(c, id, { ...inputs, policySetId });
    if (!outs) throw new Error(`created with id ${id}, but ZPA does not find it when read back`);
    return { id, outs };
  },
  read: (c, id, props) => readRule(c, id, props),
  async update(c, id, olds, news) {
    const spec = news as AccessPolicyRuleSpec;
    const policySetId = olds["policySetId"] || (await accessPolicySetId(c));
    const groups = await resolveGroupOperand(c, spec);
    await c.serialRuleWrite(() => c.put(ruleItem(c, "v2", policySetId, id), accessRulePayload(spec, policySetId, groups)));
    const outs = await readRule(c, id, { ...news, policySetId });
    if (!outs) throw new Error("ZPA does not find the rule after the update; it was deleted outside this stack: run pulumi refresh");
    return outs;
  },
  async delete(c, id, props) {
    const policySetId = props["policySetId"] || (await accessPolicySetId(c));
    await c.serialRuleWrite(() => c.delete(ruleItem(c, "v1", policySetId, id)));
  },
  async findByName(c, name) {
    const rules = await c.list<Json>(c.mgmt("v1", `policySet/rules/policyType/${ACCESS_POLICY_TYPE}`), { search: name });
    const found = rules.find((r) => r["name"] === name);
    return found ? String(found["id"]) : undefined;
  },
};

export const accessPolicyRuleProvider = (options?: ZpaProviderOptions) => zpaResourceProvider(accessPolicyRuleHandler, options);
const provider = accessPolicyRuleProvider();

export type AccessPolicyRuleArgs = ZpaResourceArgs<AccessPolicyRuleSpec>;

/** `pulumi-nodejs:dynamic/zpa:AccessPolicyRule`: ALLOW the edge's segment to the contract's access groups. */
export class AccessPolicyRule extends pulumi.dynamic.Resource {
  declare readonly connection: pulumi.Output<ZpaConnection>;
  declare readonly name: pulumi.Output<string>;
  declare readonly accessGroups: pulumi.Output<string[]>;
  declare readonly policySetId: pulumi.Output<string>;
  /** SCIM group ids, or the SAML attribute id. */
  declare readonly groupIds: pulumi.Output<string[]>;

  constructor(name: string, args: AccessPolicyRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args, policySetId: undefined, groupIds: undefined }, opts, ZPA_DYNAMIC_MODULE, "AccessPolicyRule");
  }
}
