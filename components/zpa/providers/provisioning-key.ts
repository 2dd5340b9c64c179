import * as pulumi from "@pulumi/pulumi";
import { ZPA_COLLECTIONS } from "./type-tokens";
import { provisioningKeyFromApi, provisioningKeyPayload, type ProvisioningKeySpec } from "../builders";
import type { ZpaClient, ZpaConnection } from "../client";
import { sameNumber } from "../../shared/dynamic-provider";
import { zpaResourceProvider, type ZpaHandler, type ZpaProviderOptions } from "./provider-core";
import type { ZpaResourceArgs } from "./resource-args";
import { ZPA_DYNAMIC_MODULE } from "./type-tokens";

type Json = Record<string, any>;

const collection = (c: ZpaClient) => c.mgmt(ZPA_COLLECTIONS.ProvisioningKey.version, ZPA_COLLECTIONS.ProvisioningKey.rest);
const item = (c: ZpaClient, id: string) => `${collection(c)}/${encodeURIComponent(id)}`;

/** `GET /mgmtconfig/v2/.../enrollmentCert?search=Connector`: the certificate App Connectors enrol with. */
export async function enrollmentCertificateId(c: ZpaClient, name: string): Promise<string> {
  const certs = await c.list<Json>(c.mgmt("v2", "enrollmentCert"), { search: name });
  const cert = certs.find((x) => x["name"] === name);
  if (!cert) throw new Error(`ZPA has no enrollment certificate named ${JSON.stringify(name)} (App Connectors enrol with "Connector")`);
  return String(cert["id"]);
}

async function readKey(c: ZpaClient, id: string, props: Json): Promise<Json | undefined> {
  const body = await c.get<Json>(item(c, id));
  if (!body) return undefined;
  const key = provisioningKeyFromApi(body);
  // From here on, the key is redacted from every error and log line of this client.
  c.rememberSecret(key.provisioningKey);
  return {
    name: key.name,
    maxUsage: key.maxUsage,
    appConnectorGroupId: key.appConnectorGroupId,
    enrollmentCertName: String(body["enrollmentCertName"] || props["enrollmentCertName"] || ""),
    enrollmentCertId: key.enrollmentCertId,
    usageCount: key.usageCount,
    provisioningKey: key.provisioningKey,
  };
}

/**
 * A provisioning key belongs to one App Connector group and one enrolment certificate: changing either
 * means a new key (replace). Name and maxUsage change in place, and the key string stays the same.
 */
export const provisioningKeyHandler: ZpaHandler = {
  kind: "ProvisioningKey",
  label: "provisioning key",
  fields: ["name", "maxUsage", "appConnectorGroupId", "enrollmentCertName"],
  replaceOn: ["appConnectorGroupId", "enrollmentCertName"],
  equal: { maxUsage: sameNumber },
  check(inputs) {
    const n = Number(inputs["maxUsage"]);
    return Number.isInteger(n) && n >= 1 ? [] : [{ property: "maxUsage", reason: `expected a whole number of at least 1, got ${JSON.stringify(inputs["maxUsage"])}` }];
  },
  async create(c, inputs) {
    const certId = await enrollmentCertificateId(c, inputs["enrollmentCertName"]);
    const created = await c.post<Json | undefined>(collection(c), provisioningKeyPayload(inputs as ProvisioningKeySpec, certId));
    c.rememberSecret(created?.["provisioningKey"]);
    const id = created?.["id"] === undefined ? "" : String(created["id"]);
    if (!id) throw new Error("ZPA answered the create without an id");
    const outs = await readKey(c, id, inputs);
    if (!outs) throw new Error(`created with id ${id}, but ZPA does not find it when read back`);
    return { id, outs };
  },
  read: (c, id, props) => readKey(c, id, props),
  async update(c, id, olds, news) {
    const certId = olds["enrollmentCertId"] || (await enrollmentCertificateId(c, news["enrollmentCertName"]));
    await c.put(item(c, id), provisioningKeyPayload(news as ProvisioningKeySpec, certId));
    const outs = await readKey(c, id, news);
    if (!outs) throw new Error("ZPA does not find the key after the update; it was deleted outside this stack: run pulumi refresh");
    return outs;
  },
  async delete(c, id) {
    await c.delete(item(c, id));
  },
  async findByName(c, name) {
    const all = await c.list<Json>(collection(c), { search: name });
    const found = all.find((o) => o["name"] === name);
    return found ? String(found["id"]) : undefined;
  },
};

export const provisioningKeyProvider = (options?: ZpaProviderOptions) => zpaResourceProvider(provisioningKeyHandler, options);
const provider = provisioningKeyProvider();

export type ProvisioningKeyArgs = ZpaResourceArgs<ProvisioningKeySpec>;

/**
 * `pulumi-nodejs:dynamic/zpa:ProvisioningKey`. `provisioningKey` is a secret output: the engine encrypts it
 * in state (`additionalSecretOutputs`), and the class marks it secret itself so it stays secret under mocks.
 */
export class ProvisioningKey extends pulumi.dynamic.Resource {
  declare readonly connection: pulumi.Output<ZpaConnection>;
  declare readonly name: pulumi.Output<string>;
  declare readonly maxUsage: pulumi.Output<number>;
  declare readonly usageCount: pulumi.Output<number>;
  declare readonly enrollmentCertId: pulumi.Output<string>;
  /** Secret. */
  declare readonly provisioningKey: pulumi.Output<string>;

  constructor(name: string, args: ProvisioningKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { ...args, provisioningKey: undefined, usageCount: undefined, enrollmentCertId: undefined },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["provisioningKey"] }),
      ZPA_DYNAMIC_MODULE,
      "ProvisioningKey",
    );
  }
}
