import {
  accessTokenValidatorPayload,
  applicationPayload,
  resourcePayload,
  rulePayload,
  ruleSetPayload,
  sidebandClientPayload,
  thirdPartyServicePayload,
  virtualHostPayload,
  OAUTH_ATTRIBUTE_RULE_CLASS,
  OAUTH_SCOPE_RULE_CLASS,
  type RuleSpec,
} from "../../../components/pingaccess/builders";
import { PINGACCESS_ADMIN_API_PATH, PINGACCESS_KINDS, PINGACCESS_TYPE_TOKENS, pingAccessCollection, type PingAccessKind } from "../../../components/pingaccess/providers/type-tokens";
import type { RecordedResource } from "../offline-runtime";
import { SECRET_PLACEHOLDER } from "../offline-runtime";
import { stableJson, type PlanDocument } from "../plan-document";

type Json = Record<string, any>;

const kindOf = (r: RecordedResource): PingAccessKind | undefined => PINGACCESS_KINDS.find((k) => PINGACCESS_TYPE_TOKENS[k] === r.type);

/**
 * `pingaccess.json`: the Admin API requests the providers would send, in dependency order (same shape as
 * zpa.json). Ids PingAccess assigns at create time appear as `{id of <Kind> <name>}`; numeric id fields hold
 * 0 in the body with the reference beside it in `refs`, so each body still has the type its schema asks for.
 * The shared secrets appear as `[secret]`; the admin password is not an input at all (only where it is read).
 */
export function renderPingAccessObjects(plan: PlanDocument): string | undefined {
  const pa = plan.resources.filter((r) => kindOf(r));
  if (pa.length === 0) return undefined;
  const refOf = (r: RecordedResource) => `{id of ${kindOf(r)} ${String(r.inputs["name"] ?? `${r.inputs["host"]}:${r.inputs["port"]}`)}}`;
  // The offline plan's ids are `<resource name>-id` fillers: map them back to what they stand for.
  const refs = new Map(pa.map((r) => [`${r.name}-id`, refOf(r)]));
  const ref = (value: unknown): string => refs.get(String(value)) ?? String(value);

  const connection = (pa[0]!.inputs["connection"] ?? {}) as Json;
  const objects = PINGACCESS_KINDS.flatMap((kind) =>
    pa
      .filter((r) => kindOf(r) === kind)
      .map((r) => {
        const adopt = r.inputs["adoptId"] ? String(r.inputs["adoptId"]) : undefined;
        if (kind === "ResourceOrder") {
          // The application again (GET, then PUT as it is) with manual ordering and the resources in order.
          const app = pa.find((x) => kindOf(x) === "Application");
          const { body, bodyRefs } = app ? bodyOf("Application", app.inputs, ref) : { body: {}, bodyRefs: {} };
          const ids = (r.inputs["resourceIds"] ?? []) as unknown[];
          return {
            kind,
            resource: r.name,
            request: { method: "PUT", path: PINGACCESS_ADMIN_API_PATH + pingAccessCollection(kind, ref(r.inputs["applicationId"])), body: { ...body, manualOrderingEnabled: true, resourceOrder: ids.map(() => 0) } },
            refs: { ...bodyRefs, resourceOrder: ids.map(ref) },
          };
        }
        const { body, bodyRefs } = bodyOf(kind, r.inputs, ref);
        const collection = pingAccessCollection(kind, ref(r.inputs["applicationId"]));
        return {
          kind,
          resource: r.name,
          ...(adopt ? { adopts: adopt } : {}),
          request: { method: adopt ? "PUT" : "POST", path: PINGACCESS_ADMIN_API_PATH + collection + (adopt ? `/${adopt}` : ""), body },
          ...(Object.keys(bodyRefs).length > 0 ? { refs: bodyRefs } : {}),
        };
      }),
  );
  const resources = pa.filter((r) => kindOf(r) === "Resource");
  return stableJson({
    kind: "kis-pingaccess-objects",
    version: 1,
    stack: plan.stack,
    server: {
      adminUrl: connection["adminUrl"],
      username: connection["username"],
      password: describePassword(connection["passwordFrom"] as Json | undefined),
      headers: { "X-XSRF-Header": "PingAccess" },
    },
    decisions: resources.map((r) => ({ route: r.inputs["route"], scopes: r.inputs["scopes"], groups: r.inputs["groups"] })),
    objects,
  });
}

function bodyOf(kind: PingAccessKind, i: Json, ref: (v: unknown) => string): { body: Json; bodyRefs: Json } {
  switch (kind) {
    case "ResourceOrder":
      return { body: {}, bodyRefs: {} };
    case "SidebandClient": {
      const count = Array.isArray(i["secrets"]) ? i["secrets"].length : 2;
      return { body: sidebandClientPayload(i as never, Array.from({ length: count }, () => SECRET_PLACEHOLDER)), bodyRefs: {} };
    }
    case "ThirdPartyService":
      return { body: thirdPartyServicePayload({ name: i["name"], host: i["host"], port: Number(i["port"]) }), bodyRefs: {} };
    case "AccessTokenValidator":
      return {
        body: accessTokenValidatorPayload(i as never, i["thirdPartyServiceId"] === undefined ? undefined : ref(i["thirdPartyServiceId"])),
        bodyRefs: i["thirdPartyServiceId"] === undefined ? {} : { "configuration.thirdPartyService": ref(i["thirdPartyServiceId"]) },
      };
    case "VirtualHost":
      return { body: virtualHostPayload(i as never), bodyRefs: {} };
    case "Rule":
      // The server names the rule type and its fields (GET /rules/descriptors): placeholder class, the flat shape.
      return {
        body: rulePayload({ ...(i as never as RuleSpec), className: i["kind"] === "scope" ? OAUTH_SCOPE_RULE_CLASS : OAUTH_ATTRIBUTE_RULE_CLASS }),
        bodyRefs: { configuration: "built at deploy time from the rule type's descriptor fields (flat, nested or a table of rows); shown flat" },
      };
    case "RuleSet": {
      const names = (i["rules"] ?? []) as string[];
      return {
        body: ruleSetPayload({ name: i["name"], successCriteria: i["successCriteria"], rules: names }, Object.fromEntries(names.map((n) => [n, 0]))),
        bodyRefs: { policy: ((i["ruleIds"] ?? []) as unknown[]).map(ref) },
      };
    }
    case "Application":
      return {
        body: applicationPayload(i as never, {
          sidebandClientId: ref(i["sidebandClientId"]),
          accessValidatorId: 0,
          virtualHostIds: ((i["virtualHostIds"] ?? []) as unknown[]).map(() => 0),
        }),
        bodyRefs: { accessValidatorId: ref(i["accessValidatorId"]), virtualHostIds: ((i["virtualHostIds"] ?? []) as unknown[]).map(ref) },
      };
    case "Resource": {
      const policy = (i["policy"] ?? []) as Json[];
      return {
        body: resourcePayload({ ...(i as Json), policy: policy.map((p) => ({ type: p["type"], name: p["name"] })) } as never, Object.fromEntries(policy.map((p) => [p["name"], 0]))),
        bodyRefs: { "policy.API": policy.map((p) => ref(p["id"])) },
      };
    }
  }
}

function describePassword(source: Json | undefined): string {
  if (source?.["source"] === "environment") return `read at deploy time from the environment variable ${source["passwordEnv"]}`;
  if (source?.["source"] === "pulumi-config") return `read at deploy time from the Pulumi secret ${source["passwordKey"]}`;
  return "unknown";
}
